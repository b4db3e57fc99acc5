"""Import of business land (import af erhvervsarealer) for one municipality.

Two kinds of file, same service:
- Plandata kommuneplanrammer (WFS GeoJSON or GML, EPSG:25832 or 4326):
  only erhverv (``anvgen`` 31 or ``anvspec`` 31xx) is taken; other rammer
  are rejected with a reason.
- The municipality's vacant-land list (CSV ``;`` or ``,``, XLSX, GeoJSON,
  GeoPackage, GML or zipped Shapefile; see ``docs/land-template.md``):
  vacancy, price, contact per ``planid``; in CSV/XLSX the geometry is the
  WKT column ``geometry_wkt`` (EPSG:25832, or lon/lat EPSG:4326).

A row is matched to an existing area of the municipality by ``planid``,
otherwise by geometry (the largest overlap, at least half of the smaller
area). Unmatched rows with a geometry are added; without one they are
rejected. Files are read with the shared ``layers.readers`` (format sniffing,
CRS checks, reprojection). A municipality imports only into its own areas,
and a geometry outside the municipality (beyond 500 m) is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from django.db import transaction
from shapely.geometry.base import BaseGeometry

from rodloeber.audit.services import record_event
from rodloeber.domain.cpu_budget import checkpoint
from rodloeber.domain.geodata.crs import normalise_crs, to_internal
from rodloeber.domain.geodata.errors import GeodataError
from rodloeber.domain.screening import GeometryError, check_complexity
from rodloeber.landmap.infrastructure import infrastructure_index
from rodloeber.landmap.models import BusinessArea
from rodloeber.landmap.rows import RowError, clean_row, column_label, row_geometry
from rodloeber.landmap.services import check_may_edit, derived_fields
from rodloeber.layers.readers import read_any
from rodloeber.layers.tabular import RowLimits, read_csv_rows, read_xlsx_rows, too_many_rows

if TYPE_CHECKING:
    from rodloeber.accounts.models import User

__all__ = [
    "ACCEPTED_SUFFIXES",
    "ACCEPTED_TYPES",
    "ImportReport",
    "land_import",
    "read_rows",
]

MAX_ROWS = 20_000


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    rejected: list[dict[str, str]] = field(default_factory=list)

    def reject(self, row: int, ident: str, da: str, en: str) -> None:
        self.rejected.append({"row": str(row), "id": ident, "reason_da": da, "reason_en": en})

    def summary(self) -> dict[str, Any]:
        return {
            "added": len(self.added),
            "updated": len(self.updated),
            "rejected": len(self.rejected),
            "rejected_rows": self.rejected[:200],
        }


#: The file types the import reads, in the words the form label, help text and errors use.
ACCEPTED_SUFFIXES = (".csv", ".txt", ".xlsx", ".geojson", ".json", ".gpkg", ".gml", ".xml", ".zip")
ACCEPTED_TYPES = "CSV, XLSX, GeoJSON, GeoPackage, GML, Shapefile (zip)"
#: How far (m) an area may lie outside its municipality's outline (1:500 000 generalised).
MUNICIPALITY_TOLERANCE_M = 500.0
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Denmark incl. Bornholm and Ertholmene with a margin, EPSG:25832 (x/y min, x/y max).
DENMARK_BOUNDS = (400_000.0, 6_030_000.0, 950_000.0, 6_420_000.0)
MAX_AREA_HA = 5_000.0
MAX_VERTICES = 100_000


def _table_rows(path: Path) -> tuple[list[dict[str, Any]], list[BaseGeometry | None]]:
    suffix = path.suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        raise GeodataError(
            "format_unsupported",
            f"Filtypen '{suffix[:12]}' kan ikke importeres. Brug {ACCEPTED_TYPES}.",
            f"The file type '{suffix[:12]}' cannot be imported. Use {ACCEPTED_TYPES}.",
        )
    if path.stat().st_size > MAX_FILE_BYTES:
        raise GeodataError(
            "file_too_large",
            f"Filen er for stor (højst {MAX_FILE_BYTES // 1024**2} MB pr. import).",
            f"The file is too large (at most {MAX_FILE_BYTES // 1024**2} MB per import).",
        )
    limits = RowLimits(max_rows=MAX_ROWS)  # streamed: stop at MAX_ROWS + 1 (issue #20)
    if suffix in (".csv", ".txt"):
        rows = read_csv_rows(path, limits)
        return rows, [None] * len(rows)
    if suffix == ".xlsx":
        rows = read_xlsx_rows(path, limits)
        return rows, [None] * len(rows)
    table = read_any(path, max_features=MAX_ROWS)
    geoms = to_internal(np.asarray(table.geometries, dtype=object), normalise_crs(table.crs))
    return table.rows(), list(geoms)


def read_rows(path: Path) -> tuple[list[dict[str, Any]], list[BaseGeometry | None]]:
    """Rows (attribute dicts) and geometries (EPSG:25832 or None) of a file."""
    rows, geoms = _table_rows(path)
    if len(rows) > MAX_ROWS:  # the readers stop earlier; kept for any reader that does not
        raise too_many_rows(MAX_ROWS)
    return rows, geoms


def _match_geometry(geom: BaseGeometry, candidates: list[BusinessArea]) -> BusinessArea | None:
    best, best_share = None, 0.5
    for area in candidates:
        other = shapely.from_wkb(bytes(area.geometry_wkb))
        smaller = min(geom.area, other.area) or 1.0
        share = geom.intersection(other).area / smaller
        if share >= best_share:
            best, best_share = area, share
    return best


def _geometry_error(da: str, en: str) -> RowError:
    return RowError(f"Geometri: {da}", f"Geometry: {en}")


def _check_geometry(geom: BaseGeometry) -> None:
    if geom.geom_type not in ("Polygon", "MultiPolygon") or geom.is_empty:
        raise _geometry_error(
            f"er en {geom.geom_type}, ikke en flade (Polygon/MultiPolygon)",
            f"is a {geom.geom_type}, not a polygon (Polygon/MultiPolygon)",
        )
    if shapely.get_num_coordinates(geom) > MAX_VERTICES:
        raise _geometry_error(
            f"har over {MAX_VERTICES} punkter", f"has more than {MAX_VERTICES} vertices"
        )
    try:  # the screening limits: a stored area is screened later (issue #20)
        check_complexity([geom])
    except GeometryError as exc:
        raise RowError(exc.message_da, exc.message_en) from exc
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        raise _geometry_error(f"er ugyldig ({reason})", f"is invalid ({reason})")
    xmin, ymin, xmax, ymax = geom.bounds
    bx0, by0, bx1, by1 = DENMARK_BOUNDS
    if xmin < bx0 or ymin < by0 or xmax > bx1 or ymax > by1:
        raise _geometry_error(
            "ligger uden for Danmark (forventet EPSG:25832 eller længde/bredde i EPSG:4326)",
            "lies outside Denmark (expected EPSG:25832 or longitude/latitude in EPSG:4326)",
        )
    if geom.area / 10_000 > MAX_AREA_HA:
        raise _geometry_error(
            f"arealet er over {MAX_AREA_HA:,.0f} ha".replace(",", "."),
            f"the area is larger than {MAX_AREA_HA:,.0f} ha",
        )


def _check_municipality(geom: BaseGeometry, komnr: str) -> None:
    """Refuse an area that lies outside municipality ``komnr`` (beyond the tolerance).

    Uses the kommuner layer of the distance index; when it has no outline for
    ``komnr`` nothing is refused (no check without data).
    """
    pairs = infrastructure_index().kommuner
    own = [g for g, code in pairs if code == komnr]
    if not own:
        return
    distance = min(shapely.distance(g, geom) for g in own)
    if distance <= MUNICIPALITY_TOLERANCE_M:
        return
    point = geom.point_on_surface()
    other = next((code for g, code in pairs if g.contains(point)), "")
    where_da = f"i kommune {other}" if other else "uden for kommunerne"
    where_en = f"in municipality {other}" if other else "outside the municipalities"
    km = f"{distance / 1000:.1f}"
    raise _geometry_error(
        f"ligger {where_da}, {km.replace('.', ',')} km uden for kommune {komnr}; "
        "du kan kun importere arealer i din egen kommune",
        f"lies {where_en}, {km} km outside municipality {komnr}; "
        "you can only import areas in your own municipality",
    )


@transaction.atomic
def land_import(*, actor: User | None, komnr: str, path: Path, filename: str = "") -> ImportReport:
    """Import ``path`` into municipality ``komnr``; one audit event with the report."""
    if actor is not None:
        check_may_edit(actor, komnr)
    rows, geoms = read_rows(path)
    report = ImportReport()
    existing = list(BusinessArea.objects.filter(komnr=komnr))
    by_planid = {a.planid: a for a in existing if a.planid}
    for number, (raw, geom) in enumerate(zip(rows, geoms, strict=True), start=2):
        checkpoint("land import")
        ident = str(raw.get("planid") or raw.get("plannavn") or f"#{number}")[:60]
        try:
            values, row_kom = clean_row(raw)
            if row_kom and row_kom != komnr:
                raise RowError(
                    f"{column_label('komnr', 'da')}: hører til kommune {row_kom}, ikke {komnr}",
                    f"{column_label('komnr', 'en')}: belongs to municipality {row_kom}, "
                    f"not {komnr}",
                )
            if geom is None:
                geom = row_geometry(raw)
            if geom is not None:
                _check_geometry(geom)
                _check_municipality(geom, komnr)
        except RowError as exc:
            report.reject(number, ident, exc.message_da, exc.message_en)
            continue
        area = by_planid.get(str(values.get("planid") or "")) or (
            _match_geometry(geom, existing) if geom is not None else None
        )
        if area is None and geom is None:
            report.reject(
                number,
                ident,
                f"{column_label('planid', 'da')} findes ikke i kommunen, og rækken har ingen "
                f"geometri ({column_label('geometry_wkt', 'da')}): arealet kan ikke placeres",
                f"{column_label('planid', 'en')} is not known in the municipality and the row "
                f"has no geometry ({column_label('geometry_wkt', 'en')}): cannot be placed",
            )
            continue
        if area is None:
            assert geom is not None
            values.setdefault("plannavn", ident)
            area = BusinessArea(**values, **derived_fields(geom, komnr))
            area.save()
            existing.append(area)
            by_planid[area.planid] = area
            report.added.append(ident)
            continue
        for name, value in values.items():
            setattr(area, name, value)
        if geom is not None:
            for name, value in derived_fields(geom, komnr).items():
                setattr(area, name, value)
        area.save()
        report.updated.append(ident)
    if not report.added and not report.updated:
        first = "; ".join(f"{r['row']}: {r['reason_da']}" for r in report.rejected[:3])
        first_en = "; ".join(f"{r['row']}: {r['reason_en']}" for r in report.rejected[:3])
        raise GeodataError(
            "nothing_imported",
            f"Ingen rækker kunne importeres ({len(report.rejected)} afvist). {first}".strip(),
            f"No row could be imported ({len(report.rejected)} rejected). {first_en}".strip(),
        )
    record_event(
        action="land.import",
        actor=actor,
        subject_type="landmap.businessarea",
        subject_id=komnr,
        after={"file": filename or path.name, "kommune": komnr, **report.summary()},
    )
    return report
