"""The current search result as a file (eksport): GeoJSON, GeoPackage, Shapefile, CSV, XLSX.

Every file opens as it is in GDAL/QGIS and in a spreadsheet: no footer or
note rows inside the data (provenance is a per-row ``data_label`` column,
the "Om data" sheet, the GeoPackage layer description or ``LAES_MIG.txt``),
spreadsheet text cells are neutralised by the one shared helper
(:mod:`rodloeber.core.spreadsheet`), and CSV/XLSX carry the geometry as
WKT in EPSG:25832 (``geometry_wkt``), so an export can be imported again.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import shapely
from django.http import HttpResponse
from openpyxl import Workbook

from rodloeber.core.geojson import GEOJSON_MEDIA_TYPE
from rodloeber.core.spreadsheet import neutralise
from rodloeber.core.web import download_response
from rodloeber.domain.cpu_budget import checkpoint
from rodloeber.landmap.geofiles import CRS_CHOICES, to_gpkg, to_shapefile_zip
from rodloeber.landmap.models import BusinessArea
from rodloeber.landmap.serialize import COLUMNS, feature_collection, properties

__all__ = ["EXPORT_LIMIT", "FORMATS", "LINKS", "TABLE_COLUMNS", "ExportError", "export_response"]

EXPORT_LIMIT = 10_000
FORMATS = {
    "geojson": GEOJSON_MEDIA_TYPE,
    "gpkg": "application/geopackage+sqlite3",
    "shp": "application/zip",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_FILENAMES = {"shp": "erhvervsarealer-shapefile.zip"}
#: The download links of the result list: (format, CRS or "", label).
LINKS = (
    ("geojson", "", "GeoJSON"),
    ("gpkg", "25832", "GeoPackage (EPSG:25832)"),
    ("gpkg", "4326", "GeoPackage (EPSG:4326)"),
    ("shp", "25832", "Shapefile (EPSG:25832, zip)"),
    ("shp", "4326", "Shapefile (EPSG:4326, zip)"),
    ("csv", "", "CSV"),
    ("xlsx", "", "Excel (XLSX)"),
)
#: The spreadsheet columns: the export columns and the geometry as WKT (EPSG:25832).
WKT_COLUMN = "geometry_wkt"
TABLE_COLUMNS = (*COLUMNS, WKT_COLUMN)
#: Longest text a spreadsheet cell holds (Excel); longer outlines are left blank.
MAX_CELL = 32_767
NOTE = (
    "Rød Løber – ledige erhvervsarealer. Afstande i km (beregnet). "
    "Rækker mærket 'syntetiske demodata' er ikke virkelige arealer."
)


class ExportError(ValueError):
    """A bad export request (unknown CRS), with Danish and English text."""

    def __init__(self, message_da: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_da, self.message_en = message_da, message_en


def _cell(value: Any) -> Any:
    return neutralise(value)  # no formula injection in spreadsheets


def _wkt(area: BusinessArea) -> str:
    text = shapely.to_wkt(shapely.from_wkb(bytes(area.geometry_wkb)), rounding_precision=2)
    return text if len(text) <= MAX_CELL else ""


def _table(areas: list[BusinessArea]) -> list[list[Any]]:
    out: list[list[Any]] = [list(TABLE_COLUMNS)]
    for area in areas:
        props = properties(area)
        out.append([_cell(props[c]) for c in COLUMNS] + [_wkt(area)])
    return out


def _csv(areas: list[BusinessArea]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";")
    for row in _table(areas):
        checkpoint("export")
        writer.writerow(["" if v is None else v for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


def _xlsx(areas: list[BusinessArea]) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Erhvervsarealer")
    for row in _table(areas):
        checkpoint("export")
        ws.append(row)
    info = wb.create_sheet("Om data")
    info.append([NOTE])
    info.append([f"{WKT_COLUMN}: EPSG:25832 (ETRS89 / UTM 32N)"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def export_response(
    areas: list[BusinessArea], fmt: str, total: int, crs: str = "25832"
) -> HttpResponse:
    """The file of ``areas`` in ``fmt``; ``crs`` (25832 or 4326) for GeoPackage and Shapefile.

    GeoJSON is always EPSG:4326 (RFC 7946). Raises :class:`ExportError`.
    """
    if crs not in CRS_CHOICES:
        raise ExportError(
            f"Ukendt koordinatsystem '{crs[:20]}'; vælg 25832 eller 4326.",
            f"Unknown coordinate system '{crs[:20]}'; choose 25832 or 4326.",
        )
    if fmt == "geojson":
        body = feature_collection(areas, total=total, limit=EXPORT_LIMIT, offset=0)
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    elif fmt == "gpkg":
        data = to_gpkg(areas, crs=CRS_CHOICES[crs], note=NOTE)
    elif fmt == "shp":
        data = to_shapefile_zip(areas, crs=CRS_CHOICES[crs], note=NOTE)
    elif fmt == "csv":
        data = _csv(areas)
    else:
        data = _xlsx(areas)
    return download_response(data, FORMATS[fmt], _FILENAMES.get(fmt, f"erhvervsarealer.{fmt}"))
