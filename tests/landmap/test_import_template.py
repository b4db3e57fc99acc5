"""The import works from its own template: WKT geometry, labels in errors, own municipality only.

Issue #19 item 2: a planner downloads the template (one valid example row,
placed in their municipality), imports it unchanged and the new area is on
the map; exports import again without the neutralising quote; errors name
the Danish column labels; a geometry in another municipality is refused.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mapbox_vector_tile
import pytest
from django.test import Client
from openpyxl import load_workbook

from rodloeber.accounts.roles import Role
from rodloeber.domain.geodata.errors import GeodataError
from rodloeber.landmap.importing import ACCEPTED_TYPES, land_import
from rodloeber.landmap.models import BusinessArea
from rodloeber.landmap.rows import TEMPLATE_COLUMNS
from rodloeber.landmap.tiles import land_tile, reset_land_tiles

AARHUS = "0751"  # the planner fixture's municipality
# A 200 m square in central Aarhus and one in Esbjerg (EPSG:25832).
IN_AARHUS = (
    "POLYGON ((574000 6223000, 574200 6223000, 574200 6223200, 574000 6223200, 574000 6223000))"
)
IN_ESBJERG = (
    "POLYGON ((466000 6151000, 466200 6151000, 466200 6151200, 466000 6151200, 466000 6151000))"
)


def _planner_client(make_user: Callable[..., Any]) -> Client:
    client = Client()
    client.force_login(make_user(Role.MUNICIPAL_PLANNER))
    return client


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_downloaded_template_imports_unchanged_and_the_area_is_on_the_map(
    db: Any, make_user: Callable[..., Any], tmp_path: Path, fmt: str
) -> None:
    client = _planner_client(make_user)
    response = client.get(f"/kort/skabelon.{fmt}")
    assert response.status_code == 200
    path = tmp_path / f"skabelon.{fmt}"
    path.write_bytes(response.content)
    if fmt == "xlsx":
        wb = load_workbook(path)
        assert [c.value for c in wb.worksheets[0][1]] == list(TEMPLATE_COLUMNS)
        assert wb.worksheets[0].max_row == 2  # header + one example row
        assert "Kolonner" in wb.sheetnames
    upload = io.BytesIO(path.read_bytes())
    upload.name = f"skabelon.{fmt}"
    page = client.post("/kort/import", {"file": upload})
    assert page.status_code == 200, page.content.decode()[:2000]
    area = BusinessArea.objects.get(planid="EKSEMPEL-1")
    assert area.komnr == AARHUS and 3.5 < area.area_ha < 4.5
    assert area.contact_phone == "+45 12 34 56 78"
    reset_land_tiles()
    n = 1 << 14
    x = int((area.centroid_lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(area.centroid_lat))) / math.pi) / 2 * n)
    data, _etag = land_tile(14, x, y)
    ids = {f["id"] for f in mapbox_vector_tile.decode(data)["land_areas"]["features"]}
    assert area.pk in ids


def _csv(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "liste.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_wkt_geometry_adds_an_area_and_lon_lat_wkt_is_understood(db: Any, tmp_path: Path) -> None:
    lonlat = "POLYGON ((10.20 56.15, 10.203 56.15, 10.203 56.152, 10.20 56.152, 10.20 56.15))"
    path = _csv(
        tmp_path,
        "planid;plannavn;available_ha;geometry_wkt",
        f"N-1;Nyt areal;2;{IN_AARHUS}",
        f'N-2;Lon/lat;1;"{lonlat}"',
    )
    report = land_import(actor=None, komnr=AARHUS, path=path)
    assert report.added == ["N-1", "N-2"] and report.rejected == []
    assert 3.9 < BusinessArea.objects.get(planid="N-1").area_ha < 4.1


def test_errors_name_the_danish_column_labels(db: Any, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "planid;plannavn;available_ha;net_planned_ha;geometry_wkt",
        f"E-1;Godt;2;3;{IN_AARHUS}",
        f"E-2;Tal;mange;3;{IN_AARHUS}",
        f"E-3;Større;5;3;{IN_AARHUS}",
        "E-4;Ingen geometri;1;2;",
        "E-5;Skæv;1;2;POLYGON ((1 2, 3",
    )
    report = land_import(actor=None, komnr=AARHUS, path=path)
    reasons = {r["id"]: (r["reason_da"], r["reason_en"]) for r in report.rejected}
    assert reasons["E-2"][0].startswith("Ledigt areal (ha) (available_ha): 'mange' er ikke et tal")
    assert reasons["E-2"][1].startswith("Available area (ha) (available_ha): 'mange' is not")
    assert "Nettoplanlagt areal (ha)" in reasons["E-3"][0]
    assert "Geometri (WKT) (geometry_wkt)" in reasons["E-4"][0]
    assert reasons["E-5"][0].startswith("Geometri (WKT) (geometry_wkt): kan ikke læses som WKT")
    assert "available_ha:" not in " ".join(da for da, _en in reasons.values())


def test_a_geometry_in_another_municipality_is_refused_with_the_reason(
    db: Any, tmp_path: Path
) -> None:
    path = _csv(
        tmp_path,
        "planid;plannavn;geometry_wkt",
        f"A-1;Aarhus;{IN_AARHUS}",
        f"A-2;Esbjerg;{IN_ESBJERG}",
    )
    report = land_import(actor=None, komnr=AARHUS, path=path)
    assert report.added == ["A-1"]
    (rejected,) = report.rejected
    assert rejected["id"] == "A-2"
    assert (
        "i kommune 0561" in rejected["reason_da"]
        and "uden for kommune 0751" in rejected["reason_da"]
    )
    assert "in municipality 0561" in rejected["reason_en"]


def test_an_export_imports_again_without_the_neutralising_quote(db: Any, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "planid;plannavn;contact_phone;connection_fees;geometry_wkt",
        f"Q-1;Runde;'+45 87 65 43 21;'-;{IN_AARHUS}",
    )
    land_import(actor=None, komnr=AARHUS, path=path)
    area = BusinessArea.objects.get(planid="Q-1")
    assert area.contact_phone == "+45 87 65 43 21"
    exported = Client().get("/kort/eksport.csv").content
    again = tmp_path / "eksport.csv"
    again.write_bytes(exported)
    report = land_import(actor=None, komnr=AARHUS, path=again)
    assert report.updated == ["Q-1"]
    area.refresh_from_db()
    assert area.contact_phone == "+45 87 65 43 21" and not area.plannavn.startswith("'")


def test_accepted_types_are_the_same_in_label_and_error(
    db: Any, make_user: Callable[..., Any], tmp_path: Path
) -> None:
    html = _planner_client(make_user).get("/kort/import").content.decode()
    assert ACCEPTED_TYPES in html
    path = tmp_path / "liste.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(GeodataError) as exc:
        land_import(actor=None, komnr=AARHUS, path=path)
    assert ACCEPTED_TYPES in exc.value.message_da and ACCEPTED_TYPES in exc.value.message_en
