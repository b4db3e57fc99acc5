"""Comparison table of applications (sammenligning) and its CSV/XLSX export."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook

from rodloeber.core.spreadsheet import neutralise
from rodloeber.domain.cpu_budget import checkpoint
from rodloeber.parks.criteria import rules
from rodloeber.parks.models import ParkApplication
from rodloeber.parks.services import total_score

SORT_KEYS = ("name", "municipality", "region", "area_ha", "excluded", "total")


def comparison_rows(apps: Iterable[ParkApplication], sort: str = "-total") -> list[dict[str, Any]]:
    codes = [c.code for c in rules().criteria]
    rows = []
    for app in apps:
        scores = {e.criterion: e.score for e in app.evaluations.all()}
        latest = app.latest_screening()
        rows.append(
            {
                "id": app.pk,
                "name": app.name,
                "municipality": ", ".join(sorted(m.name for m in app.municipalities.all())),
                "region": app.region_code,
                "area_ha": app.area_ha,
                "status": app.status,
                "status_label": str(app.get_status_display()),
                "excluded": bool(latest and latest.excluded),
                "scores": [scores.get(code) for code in codes],
                "total": total_score(app),
                "synthetic": app.synthetic,
            }
        )
    key = sort.lstrip("-")
    if key not in SORT_KEYS:
        key, sort = "total", "-total"
    rows.sort(key=lambda r: (r[key] is None, r[key]), reverse=sort.startswith("-"))
    return rows


def _header(language: str) -> list[str]:
    crit = [c.title(language) for c in rules().criteria]
    if language == "en":
        return [
            "Id",
            "Name",
            "Municipalities",
            "Region",
            "Area (ha)",
            "Status",
            "§ 13(2) overlap",
            *crit,
            "Weighted total",
            "Synthetic demo data",
        ]
    return [
        "Id",
        "Navn",
        "Kommuner",
        "Region",
        "Areal (ha)",
        "Status",
        "Overlap § 13, stk. 2",
        *crit,
        "Vægtet total",
        "Syntetiske demodata",
    ]


def _values(row: dict[str, Any]) -> list[Any]:
    return [
        row["id"],
        row["name"],
        row["municipality"],
        row["region"],
        row["area_ha"],
        row["status"],
        row["excluded"],
        *row["scores"],
        row["total"],
        row["synthetic"],
    ]


def to_csv(rows: list[dict[str, Any]], language: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(_header(language))
    for row in rows:
        checkpoint("export")
        writer.writerow([_safe(v) for v in _values(row)])
    return out.getvalue()


def to_xlsx(rows: list[dict[str, Any]], language: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Comparison" if language == "en" else "Sammenligning"
    ws.append(_header(language))
    for row in rows:
        checkpoint("export")
        ws.append([_safe(v) for v in _values(row)])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _safe(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text cells (CSV/formula injection)."""
    return neutralise(value)
