"""POST /api/v1/screening: contract shape, 422 cases in Danish and English, size cap."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from shapely.geometry import mapping

from rodloeber.domain.geo import ReferenceLayer
from rodloeber.domain.screening import to_exchange
from rodloeber.domain.screening.testing import square
from rodloeber.layers import screening_service
from tests.domain.screening.conftest import small_world

URL = "/api/v1/screening"


@pytest.fixture(autouse=True)
def hand_made_layers() -> Iterator[dict[str, ReferenceLayer]]:
    world = small_world()
    screening_service.set_layer_loader(lambda name: world[name])
    yield world
    screening_service.set_layer_loader(None)


def area_geojson(x: float = 0, y: float = 0, side: float = 1000) -> dict[str, Any]:
    return dict(mapping(to_exchange(square(x, y, side))))


def post(client: Client, body: object, lang: str = "da", raw: bytes | None = None) -> Any:
    data = raw if raw is not None else json.dumps(body)
    return client.post(URL, data=data, content_type="application/json", HTTP_ACCEPT_LANGUAGE=lang)


def test_screening_report_contract(client: Client) -> None:
    # No django_db mark: pytest-django would fail any database access, so this
    # also proves that nothing is read from or stored in the database.
    response = post(client, {"geometry": area_geojson()})
    assert response.status_code == 200, response.content
    report = response.json()
    assert report["area_ha"] == pytest.approx(100.0, abs=0.05)
    assert report["kommune_kode"] == "0561"
    assert report["excluded"] is True
    s3 = next(e for e in report["exclusions"] if e["criterion"] == "section3")
    assert {"criterion", "overlap_ha", "share", "legal_basis"} <= set(s3)
    assert s3["objects"][0]["name"] in {"Mose", "Eng"}
    crit = next(c for c in report["criteria"] if c["criterion"] == "electricity")
    assert {"criterion", "nearest", "distance_km", "legal_basis"} <= set(crit)
    assert {"name", "source", "version", "synthetic"} <= set(report["layers"][0])
    assert report["synthetic_data_used"] is True


def test_feature_is_accepted_too(client: Client) -> None:
    feature = {"type": "Feature", "properties": {}, "geometry": area_geojson()}
    assert post(client, feature).status_code == 200


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"geometry": {"type": "Point", "coordinates": [8.68, 55.5]}}, "not_polygon"),
        ({"foo": 1}, "missing_geometry"),
        ([], "missing_geometry"),
        (
            {
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [
                        [[8.6, 55.5], [8.7, 55.6], [8.7, 55.5], [8.6, 55.6], [8.6, 55.5]]
                    ],
                }
            },
            "invalid_geometry",
        ),
        ({"geometry": mapping(square(0, 0, 1000))}, "wrong_crs"),
        (
            {
                "geometry": area_geojson()
                | {"crs": {"type": "name", "properties": {"name": "EPSG:3857"}}}
            },
            "wrong_crs",
        ),
        (
            {
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[10, 53.5], [10.1, 53.5], [10.1, 53.6], [10, 53.5]]],
                }
            },
            "outside_denmark",
        ),
        ({"geometry": area_geojson(100_000, 100_000)}, "outside_denmark"),  # at sea
        ({"geometry": area_geojson(side=40_000)}, "too_large"),
        ({"type": "FeatureCollection", "features": []}, "not_polygon"),
    ],
)
def test_geometry_errors_are_422(client: Client, body: object, code: str) -> None:
    response = post(client, body)
    assert response.status_code == 422, response.content
    data = response.json()
    assert data["errors"][0]["code"] == code
    assert data["errors"][0]["field"] == "geometry"
    assert data["detail"] == data["errors"][0]["message_da"]


def test_invalid_json_is_422_in_english_when_asked(client: Client) -> None:
    response = post(client, None, lang="en-GB,en;q=0.9", raw=b"{not json")
    assert response.status_code == 422
    data = response.json()
    assert data["errors"][0]["code"] == "invalid_json"
    assert data["detail"].startswith("The body is not valid JSON")
    assert data["errors"][0]["message_da"].startswith("Indholdet er ikke gyldig JSON")


def test_too_many_vertices_is_422(client: Client) -> None:
    ring = [[8.6 + i * 1e-6, 55.5] for i in range(60_000)] + [[8.7, 55.6], [8.6, 55.5]]
    response = post(client, {"geometry": {"type": "Polygon", "coordinates": [ring]}})
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "too_many_vertices"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_hole_filled_polygon_is_refused_cheaply(client: Client, lang: str) -> None:
    """Issue #20: 9,000 tiny holes cost 25 s of CPU; now a 422 before any geometry work."""
    import time

    from tests.security.corpus.make_corpus import hole_filled

    raw = json.dumps(json.loads(hole_filled())["features"][0]).encode()  # one Feature
    started = time.process_time()
    response = post(client, None, lang=lang, raw=raw)
    cpu = time.process_time() - started
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["code"] == "too_many_holes"
    assert "huller" in error["message_da"] and "holes" in error["message_en"]
    assert response.json()["detail"] == error["message_da" if lang == "da" else "message_en"]
    assert cpu < 2.0, f"{cpu:.2f} s of CPU"


def test_body_size_is_capped(client: Client) -> None:
    raw = b'{"geometry": ' + b" " * (screening_service.MAX_BODY_BYTES + 10) + b"null}"
    response = post(client, None, raw=raw)
    assert response.status_code == 413
    assert response.json()["errors"][0]["code"] == "body_too_large"


def test_public_without_authentication_and_get_not_allowed(client: Client) -> None:
    assert post(client, {"geometry": area_geojson()}).status_code == 200
    assert client.get(URL).status_code == 405


def test_openapi_documents_the_endpoint(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    op = schema["paths"][URL]["post"]
    assert "requestBody" in op
    assert {"200", "413", "422"} <= set(op["responses"])
