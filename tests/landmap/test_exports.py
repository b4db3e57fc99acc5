"""Every land export opens as it is in GDAL (pyogrio) and a spreadsheet reader (openpyxl, csv)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pyogrio
import pytest
import shapely
from django.test import Client
from openpyxl import load_workbook

from rodloeber.landmap.geofiles import SHAPEFILE_NAMES
from rodloeber.landmap.models import BusinessArea


def _save(tmp_path: Path, content: bytes, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


@pytest.mark.parametrize("crs", ["25832", "4326"])
def test_geopackage_opens_in_gdal_in_the_requested_crs(
    areas: list[BusinessArea], tmp_path: Path, crs: str
) -> None:
    response = Client().get("/kort/eksport.gpkg", {"min_available_ha": "3", "crs": crs})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geopackage+sqlite3"
    path = _save(tmp_path, response.content, "a.gpkg")
    info = pyogrio.read_info(path)
    expected = BusinessArea.objects.filter(available_ha__gte=3)
    assert info["features"] == expected.count()
    assert info["crs"] == f"EPSG:{crs}" and info["geometry_type"] == "MultiPolygon"
    assert "syntetiske demodata" in info["layer_metadata"]["DESCRIPTION"]
    _meta, _fids, wkb, fields = pyogrio.raw.read(path)
    names = list(info["fields"])
    by_id = dict(zip(fields[names.index("id")].tolist(), wkb, strict=True))
    area = expected.first()
    assert area is not None
    geom = shapely.from_wkb(by_id[area.pk])
    assert geom.is_valid
    truth = shapely.from_wkb(bytes(area.geometry_wkb))
    if crs == "4326":
        assert 8 < geom.centroid.x < 16 and 54 < geom.centroid.y < 58
    else:
        assert geom.symmetric_difference(truth).area < 1e-6 * truth.area
    phones = fields[names.index("contact_phone")].tolist()
    assert all(not p.startswith("'") for p in phones if p)


def test_zipped_shapefile_opens_in_gdal_with_short_names_and_a_readme(
    areas: list[BusinessArea], tmp_path: Path
) -> None:
    response = Client().get("/kort/eksport.shp", {"crs": "4326"})
    assert response["Content-Type"] == "application/zip"
    assert "erhvervsarealer-shapefile.zip" in response["Content-Disposition"]
    path = _save(tmp_path, response.content, "a.zip")
    names = set(zipfile.ZipFile(path).namelist())
    assert {"erhvervsarealer.shp", "erhvervsarealer.dbf", "erhvervsarealer.prj"} <= names
    assert {"erhvervsarealer.cpg", "LAES_MIG.txt"} <= names
    info = pyogrio.read_info(f"/vsizip/{path}/erhvervsarealer.shp")
    assert info["features"] == len(areas) and info["crs"] == "EPSG:4326"
    assert list(info["fields"]) == list(SHAPEFILE_NAMES.values())
    assert all(len(n) <= 10 for n in SHAPEFILE_NAMES.values())
    _meta, _fids, _wkb, fields = pyogrio.raw.read(f"/vsizip/{path}/erhvervsarealer.shp")
    plannames = set(fields[list(info["fields"]).index("plannavn")].tolist())
    assert {a.plannavn for a in areas} == plannames  # UTF-8 (æøå) survives the DBF


def test_geojson_is_geo_json_and_unknown_crs_is_a_clear_400(areas: list[BusinessArea]) -> None:
    response = Client().get("/kort/eksport.geojson")
    assert response["Content-Type"] == "application/geo+json"
    bad = Client().get("/kort/eksport.gpkg", {"crs": "3857"})
    assert bad.status_code == 400 and "25832 eller 4326" in bad.content.decode()


def test_csv_and_xlsx_have_no_footer_and_phone_numbers_are_not_quoted(
    areas: list[BusinessArea],
) -> None:
    BusinessArea.objects.filter(pk=areas[0].pk).update(plannavn="=HYPERLINK(1)")
    text = Client().get("/kort/eksport.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(rows) == len(areas)  # header + one row per area, nothing else
    assert all(r["contact_phone"].startswith("+45") for r in rows if r["contact_phone"])
    assert {r["plannavn"] for r in rows if r["id"] == str(areas[0].pk)} == {"'=HYPERLINK(1)"}
    first = next(r for r in rows if r["id"] == str(areas[1].pk))
    assert shapely.from_wkt(first["geometry_wkt"]).area == pytest.approx(
        shapely.from_wkb(bytes(areas[1].geometry_wkb)).area, rel=1e-4
    )
    wb = load_workbook(io.BytesIO(Client().get("/kort/eksport.xlsx").content))
    assert wb.sheetnames == ["Erhvervsarealer", "Om data"]
    assert wb["Erhvervsarealer"].max_row == len(areas) + 1
