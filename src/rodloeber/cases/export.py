"""CSV and XLSX export of the case list (eksport). Only rows the caller may see:
the caller passes cases from ``selectors.visible_cases``."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook

from rodloeber.core.spreadsheet import neutralise
from rodloeber.core.web import CSV, XLSX, download_response
from rodloeber.domain.cpu_budget import checkpoint

COLUMNS: tuple[tuple[str, str], ...] = (
    ("reference", "Sagsnummer / reference"),
    ("title", "Titel / title"),
    ("status", "Status"),
    ("company", "Virksomhed / company"),
    ("cvr", "CVR"),
    ("kommune_kode", "Kommunekode"),
    ("contact_person", "Kontaktperson / contact person"),
    ("eligible", "Omfattet / eligible"),
    ("foreign_investor", "Udenlandsk investor / foreign investor"),
    ("clock_start", "Fristen startede / clock start"),
    ("cap_months", "Loft (mdr.) / cap (months)"),
    ("cap_deadline", "Frist / cap deadline"),
    ("expected_end", "Forventet afslutning / expected end"),
    ("p_within_cap", "P(inden for loftet)"),
    ("risk_flags", "Risiko / risk"),
    ("synthetic", "Demodata / synthetic"),
)


def rows(summaries: Iterable[dict[str, Any]]) -> list[list[Any]]:
    out = []
    for s in summaries:
        contact = s.get("contact_person") or {}
        flat = {
            **s,
            "company": s["company"]["name"],
            "cvr": s["company"]["cvr"],
            "contact_person": contact.get("name", ""),
            "risk_flags": ", ".join(s.get("risk_flags", [])),
        }
        out.append([_cell(flat.get(key)) for key, _ in COLUMNS])
    return out


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    return neutralise(value)  # no formula injection in spreadsheets


def to_csv(data: Sequence[list[Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";")
    writer.writerow([label for _, label in COLUMNS])
    writer.writerows(data)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: Excel reads UTF-8


def to_xlsx(data: Sequence[list[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sager"
    ws.append([label for _, label in COLUMNS])
    for row in data:
        checkpoint("export")
        ws.append(row)
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def export_response(summaries: Iterable[dict[str, Any]], fmt: str, on: date) -> HttpResponse:
    """The case list as a download (``fmt`` "xlsx", else CSV), never cached: it
    holds only cases the caller may see. One answer for the page and the API."""
    data = rows(summaries)
    if fmt == "xlsx":
        return download_response(to_xlsx(data), XLSX, f"sager-{on.isoformat()}.xlsx", private=True)
    return download_response(to_csv(data), CSV, f"sager-{on.isoformat()}.csv", private=True)
