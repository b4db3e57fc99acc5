"""GET /api/v1/land/areas: the contract, filters, paging and bilingual 422s."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from rodloeber.domain.landsearch import LandFilter, matches
from rodloeber.landmap.selectors import area_facts

URL = "/api/v1/land/areas"


@pytest.fixture
def areas(db: Any, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    from rodloeber.landmap.models import BusinessArea
    from tests.landmap.demo_cache import demo_load

    demo_load(monkeypatch, count=200, seed=3)
    return list(BusinessArea.objects.all())


def test_feature_collection_with_distances_and_provenance(areas: list[Any]) -> None:
    body = Client().get(URL, {"limit": 5}).json()
    assert body["type"] == "FeatureCollection"
    assert body["total"] == 200 and body["returned"] == 5 and body["limit"] == 5
    feature = body["features"][0]
    assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    lon, lat = (
        feature["geometry"]["coordinates"][0][0][:2]
        if feature["geometry"]["type"] == "Polygon"
        else feature["geometry"]["coordinates"][0][0][0][:2]
    )
    assert 7.5 < lon < 15.5 and 54.4 < lat < 58  # EPSG:4326
    props = feature["properties"]
    for key in (
        "km_motorway",
        "km_port",
        "km_rail",
        "km_substation_132",
        "km_substation_400",
        "kommune_name",
        "region_code",
        "in_industrial_park",
        "available_ha",
        "status",
        "source_updated",
        "use_da",
        "use_en",
        "url",
    ):
        assert key in props
    assert props["data_label"] == "syntetiske demodata"
    assert body["synthetic_data_used"] is True


def test_contract_filters_equal_python_filter(areas: list[Any]) -> None:
    params = {
        "min_available_ha": "2",
        "use": "3120,3130,3160",
        "max_km_motorway": "5",
        "max_km_port": "40",
        "max_km_substation": "15",
        "region": "1082,1083",
        "limit": "1000",
    }
    body = Client().get(URL, params).json()
    flt = LandFilter(
        min_available_ha=2,
        uses=(3120, 3130, 3160),
        max_km_motorway=5,
        max_km_port=40,
        max_km_substation=15,
        regions=("1082", "1083"),
    )
    expected = {a.pk for a in areas if matches(area_facts(a), flt)}
    assert {f["id"] for f in body["features"]} == expected
    assert body["total"] == len(expected)


def test_bbox_and_paging(areas: list[Any]) -> None:
    client = Client()
    whole = client.get(URL, {"bbox": "8,54.5,13,58", "limit": 1000}).json()
    west = client.get(URL, {"bbox": "8,54.5,10,58", "limit": 1000}).json()
    assert 0 < west["total"] < whole["total"]
    first = client.get(URL, {"limit": 10, "offset": 0}).json()
    second = client.get(URL, {"limit": 10, "offset": 10}).json()
    assert not {f["id"] for f in first["features"]} & {f["id"] for f in second["features"]}


def test_invalid_filters_answer_422_in_both_languages(db: Any) -> None:
    response = Client().get(
        URL, {"max_km_motorway": "5000", "use": "4100"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 422
    body = response.json()
    assert {e["field"] for e in body["errors"]} == {"use", "max_km_motorway"}
    assert body["errors"][0]["message_da"] and body["errors"][0]["message_en"]
    assert "invalid" in body["detail"]
    assert Client().get(URL, {"limit": "0"}).status_code == 422
    typed = Client().get(URL, {"max_km_port": "far"}).json()  # type errors: the shared handler
    assert typed["errors"][0]["field"] == "max_km_port" and typed["errors"][0]["message_en"]


def test_public_without_login(areas: list[Any]) -> None:
    assert Client().get(URL).status_code == 200


def test_land_areas_are_served_as_geo_json(areas: Any) -> None:
    from django.test import Client

    response = Client().get("/api/v1/land/areas", {"limit": 2})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert response.json()["type"] == "FeatureCollection"
