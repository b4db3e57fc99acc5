"""Import reports for good and bad files; only one's own municipality."""

from __future__ import annotations

import json
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from rodloeber.accounts.roles import Role
from rodloeber.audit.models import AuditEvent
from rodloeber.landmap.errors import LandPermissionError
from rodloeber.landmap.importing import land_import
from rodloeber.landmap.models import BusinessArea

RING = [[10.10, 56.10], [10.12, 56.10], [10.12, 56.11], [10.10, 56.11], [10.10, 56.10]]


def _plandata(tmp_path: Path) -> Path:
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Polygon", "coordinates": [RING]},
            "properties": {
                "planid": "P-1",
                "plannavn": "Erhverv Syd",
                "komnr": "751",
                "anvgen": 31,
                "anvspec": 3130,
                "zone": 1,
                "maxbygnhjd": 20,
                "minmiljo": 3,
                "maxmiljo": 6,
            },
        },
        {
            "type": "Feature",
            "geometry": {"type": "Polygon", "coordinates": [[[c[0] + 0.05, c[1]] for c in RING]]},
            "properties": {
                "planid": "P-2",
                "plannavn": "Boligområde",
                "komnr": "0751",
                "anvgen": 11,
                "anvspec": 1110,
            },
        },
        {
            "type": "Feature",
            "geometry": {"type": "Polygon", "coordinates": [[[c[0] + 0.1, c[1]] for c in RING]]},
            "properties": {"planid": "P-3", "plannavn": "Esbjerg", "komnr": "0561", "anvgen": 31},
        },
    ]
    path = tmp_path / "rammer.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_plandata_import_adds_business_areas_and_rejects_the_rest(db: Any, tmp_path: Path) -> None:
    report = land_import(actor=None, komnr="0751", path=_plandata(tmp_path))
    assert report.added == ["P-1"]
    reasons = {r["id"]: r["reason_en"] for r in report.rejected}
    assert "not a business area" in reasons["P-2"]
    assert "belongs to municipality 0561" in reasons["P-3"]
    area = BusinessArea.objects.get(planid="P-1")
    assert area.komnr == "0751" and area.region_code == "1082" and 100 < area.area_ha < 180
    assert area.km_motorway is not None
    assert AuditEvent.objects.filter(action="land.import").count() == 1


def test_vacancy_list_updates_by_planid_and_reports_bad_rows(db: Any, tmp_path: Path) -> None:
    land_import(actor=None, komnr="0751", path=_plandata(tmp_path))
    csv_path = tmp_path / "liste.csv"
    csv_path.write_text(
        "planid;net_planned_ha;available_ha;status;price_dkk_per_m2;source_updated\n"
        "P-1;10;4,5;reserveret;350;2026-10-01\n"
        "P-9;10;4;ledig;100;2026-10-01\n"
        "P-1;10;20;ledig;100;2026-10-01\n"
        "P-1;10;2;udlejet;100;2026-10-01\n"
        "P-1;10;2;ledig;100;1. oktober\n",
        encoding="utf-8",
    )
    report = land_import(actor=None, komnr="0751", path=csv_path)
    assert report.updated == ["P-1"]
    reasons = [r["reason_en"] for r in report.rejected]
    assert "is not known in the municipality and the row has no geometry" in reasons[0]
    assert "larger than Net planned area (ha) (net_planned_ha)" in reasons[1]
    assert "must be ledig, reserveret or solgt" in reasons[2]
    assert "is not a date" in reasons[3]
    area = BusinessArea.objects.get(planid="P-1")
    assert (
        area.available_ha == 4.5
        and area.status == "reserveret"
        and str(area.source_updated) == "2026-10-01"
    )


def test_xlsx_and_cli(db: Any, tmp_path: Path) -> None:
    land_import(actor=None, komnr="0751", path=_plandata(tmp_path))
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["planid", "available_ha", "status"])
    ws.append(["P-1", 3, "solgt"])
    path = tmp_path / "liste.xlsx"
    wb.save(path)
    out = StringIO()
    call_command("land", "import", str(path), "--kommune", "0751", stdout=out)
    assert "1 updated" in out.getvalue()
    assert BusinessArea.objects.get(planid="P-1").status == "solgt"


def test_a_municipality_imports_only_into_its_own_areas(
    db: Any, tmp_path: Path, make_user: Callable[..., Any]
) -> None:
    planner = make_user(Role.MUNICIPAL_PLANNER)  # 0751
    with pytest.raises(LandPermissionError):
        land_import(actor=planner, komnr="0561", path=_plandata(tmp_path))
    assert land_import(actor=planner, komnr="0751", path=_plandata(tmp_path)).added == ["P-1"]


def test_unreadable_file_is_refused(db: Any, tmp_path: Path) -> None:
    path = tmp_path / "x.geojson"
    path.write_text("MZ not json")
    with pytest.raises(Exception) as exc:
        land_import(actor=None, komnr="0751", path=path)
    assert getattr(exc.value, "message_da", "")
    assert not BusinessArea.objects.exists()
