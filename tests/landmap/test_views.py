"""/kort without JavaScript: filters in the URL, result list, site report, exports, tiles."""

from __future__ import annotations

import csv
import io
import json
import logging
import math

import mapbox_vector_tile
import pytest
from django.test import Client
from openpyxl import load_workbook

from rodloeber.landmap.models import BusinessArea


def test_map_page_lists_filtered_areas(areas: list[BusinessArea]) -> None:
    response = Client().get("/kort", {"min_available_ha": "5", "use": ["3120", "3130"]})
    assert response.status_code == 200
    html = response.content.decode()
    expected = BusinessArea.objects.filter(available_ha__gte=5, anvspec__in=[3120, 3130]).count()
    assert f"{expected} " in html
    assert "syntetiske demodata" in html.lower()
    assert 'name="min_available_ha"' in html and 'value="5"' in html
    assert "min_available_ha=5" in html  # share and export links keep the filters


def test_htmx_request_gets_only_the_results(areas: list[BusinessArea]) -> None:
    response = Client().get("/kort", {"max_km_motorway": "2"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'id="land-results"' in html and "<html" not in html


def test_invalid_filter_shows_an_error_summary(areas: list[BusinessArea]) -> None:
    html = Client().get("/kort", {"max_km_port": "langt"}).content.decode()
    assert 'id="error-summary"' in html and 'href="#f-max_km_port"' in html


def test_site_report(areas: list[BusinessArea]) -> None:
    area = areas[0]
    html = Client().get(f"/kort/omraade/{area.pk}").content.decode()
    assert area.plannavn in html
    assert "Syntetiske demodata" in html
    assert area.contact_email in html
    assert "data-print" in html
    assert Client().get("/kort/omraade/999999").status_code == 404


def test_exports_hold_the_filtered_result(areas: list[BusinessArea]) -> None:
    client = Client()
    expected = BusinessArea.objects.filter(available_ha__gte=3).count()
    rows = list(
        csv.reader(
            io.StringIO(
                client.get("/kort/eksport.csv", {"min_available_ha": "3"}).content.decode(
                    "utf-8-sig"
                )
            ),
            delimiter=";",
        )
    )
    assert len(rows) == expected + 1 and rows[0][0] == "id"
    data = json.loads(client.get("/kort/eksport.geojson", {"min_available_ha": "3"}).content)
    assert len(data["features"]) == expected
    wb = load_workbook(
        io.BytesIO(client.get("/kort/eksport.xlsx", {"min_available_ha": "3"}).content)
    )
    assert wb["Erhvervsarealer"].max_row == expected + 1
    assert client.get("/kort/eksport.pdf").status_code == 404


def test_land_tiles_decode(areas: list[BusinessArea]) -> None:
    area = areas[0]
    n = 1 << 12
    x = int((area.centroid_lon + 180) / 360 * n)
    lat = math.radians(area.centroid_lat)
    y = int((1 - math.asinh(math.tan(lat)) / math.pi) / 2 * n)
    url = f"/kort/fliser/12/{x}/{y}.mvt"
    response = Client().get(url)
    assert response.status_code == 200
    layer = mapbox_vector_tile.decode(response.content)["land_areas"]
    assert area.pk in {f["properties"]["id"] for f in layer["features"]}
    assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
    assert Client().get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    head = Client().head(url)
    assert head.status_code == 200 and head["ETag"] == response["ETag"] and not head.content
    assert Client().get("/kort/fliser/3/99/0.mvt").status_code == 404
    for empty_url in ("/kort/fliser/14/0/0.mvt", "/tiles/land_areas/14/0/0.mvt"):
        empty = Client().get(empty_url)  # far from Denmark: no areas
        assert empty.status_code == 204 and empty.content == b"" and empty["ETag"]


def test_result_ids_match_the_list_filters(areas: list[BusinessArea]) -> None:
    body = Client().get("/kort/resultat.json", {"min_available_ha": "3"}).json()
    expected = set(BusinessArea.objects.filter(available_ha__gte=3).values_list("id", flat=True))
    assert set(body["ids"]) == expected and body["total"] == len(expected)
    assert len(body["lon"]) == len(body["lat"]) == len(body["ids"])
    assert Client().get("/kort/resultat.json", {"max_km_port": "langt"}).status_code == 400


def test_map_page_is_map_first_and_loads_maplibre_from_script(areas: list[BusinessArea]) -> None:
    html = Client().get("/kort").content.decode()
    assert 'class="rl-kort"' in html and "rl-map--overlay" in html and "data-url-state" in html
    assert '<script src="/static/vendor/maplibre-gl/maplibre-gl.js"' not in html  # after paint
    assert "data-maplibre-js=" in html
    assert "maplibre" not in Client().get("/").content.decode()  # only on map pages


def test_number_filters_keep_their_value_in_danish(areas: list[BusinessArea]) -> None:
    """<input type=number> needs '2.5': a Danish '2,5' would show as an empty field."""
    client = Client()
    client.cookies["django_language"] = "da"
    html = client.get("/kort", {"max_km_port": "2.5"}).content.decode()
    assert 'name="max_km_port" value="2.5"' in html


def test_site_report_of_an_area_outside_every_municipality(
    db: object, caplog: pytest.LogCaptureFixture
) -> None:
    """An area at sea (overlapping no kommune) is a known case, not a crash:
    the report says so in the page's language and nothing is logged at ERROR."""
    import datetime as dt

    from rodloeber.domain.screening.testing import square
    from rodloeber.landmap.geometry import geometry_fields
    from rodloeber.layers import screening_service
    from tests.domain.screening.conftest import small_world

    world = small_world()  # its two kommuner end 22 km east of the origin
    screening_service.set_layer_loader(lambda name: world[name])
    try:
        at_sea = BusinessArea.objects.create(
            plannavn="Havneareal (test)",
            komnr="0561",
            kommune_name="Esbjerg Kommune",
            status="ledig",
            anvspec=3120,
            source_updated=dt.date(2026, 1, 1),
            synthetic=True,
            **geometry_fields(square(40_000, 0, 400)),
        )
        on_land = BusinessArea.objects.create(
            plannavn="Landareal (test)",
            komnr="0561",
            kommune_name="Esbjerg Kommune",
            status="ledig",
            anvspec=3120,
            source_updated=dt.date(2026, 1, 1),
            synthetic=True,
            **geometry_fields(square(0, 0, 400)),
        )
        with caplog.at_level(logging.INFO):
            da = Client().get(f"/kort/omraade/{at_sea.pk}")
            en = Client(headers={"cookie": "django_language=en"}).get(f"/kort/omraade/{at_sea.pk}")
            land = Client().get(f"/kort/omraade/{on_land.pk}").content.decode()
    finally:
        screening_service.set_layer_loader(None)
    assert (da.status_code, en.status_code) == (200, 200)
    assert 'data-testid="outside-municipalities"' in da.content.decode()
    assert "overlapper ingen dansk kommune" in da.content.decode()
    assert "Bed kommunen om at kontrollere arealets afgrænsning" in da.content.decode()
    assert "overlaps no Danish municipality" in en.content.decode()
    assert "Ask the municipality to check the area's outline" in en.content.decode()
    assert 'data-testid="outside-municipalities"' not in land
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not [r for r in caplog.records if r.exc_info]  # no traceback for a known case
