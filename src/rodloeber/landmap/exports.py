"""The current search result as GeoJSON, CSV or XLSX (eksport)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook

from rodloeber.landmap.models import BusinessArea
from rodloeber.landmap.serialize import COLUMNS, feature_collection, properties

__all__ = ["EXPORT_LIMIT", "FORMATS", "export_response"]

EXPORT_LIMIT = 10_000
FORMATS = {
    "geojson": "application/geo+json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_NOTE = (
    "Rød Løber – ledige erhvervsarealer. Afstande i km (beregnet). "
    "Rækker mærket 'syntetiske demodata' er ikke virkelige arealer."
)


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value  # no formula injection in spreadsheets
    return value


def _csv(areas: list[BusinessArea]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";")
    writer.writerow(COLUMNS)
    for area in areas:
        props = properties(area)
        writer.writerow(["" if props[c] is None else _cell(props[c]) for c in COLUMNS])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


def _xlsx(areas: list[BusinessArea]) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Erhvervsarealer")
    ws.append(list(COLUMNS))
    for area in areas:
        props = properties(area)
        ws.append([_cell(props[c]) for c in COLUMNS])
    info = wb.create_sheet("Om data")
    info.append([_NOTE])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def export_response(areas: list[BusinessArea], fmt: str, total: int) -> HttpResponse:
    if fmt == "geojson":
        body = feature_collection(areas, total=total, limit=EXPORT_LIMIT, offset=0)
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    elif fmt == "csv":
        data = _csv(areas)
    else:
        data = _xlsx(areas)
    response = HttpResponse(data, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="erhvervsarealer.{fmt}"'
    return response
