"""Cleaning one imported row (række) into BusinessArea field values, with bilingual reasons."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np
import shapely
from django.utils import timezone
from shapely.geometry.base import BaseGeometry

from rodloeber.core.spreadsheet import strip_neutralising_quote
from rodloeber.domain.errors import DomainError
from rodloeber.domain.geo import EXCHANGE_CRS
from rodloeber.domain.geodata.crs import to_internal
from rodloeber.domain.landcodes import STATUSES

__all__ = [
    "COLUMN_LABELS",
    "TEMPLATE_COLUMNS",
    "WKT_COLUMNS",
    "RowError",
    "clean_row",
    "column_label",
    "row_geometry",
]

# The municipal vacant-land template (docs/land-template.md), in order.
TEMPLATE_COLUMNS = (
    "planid",
    "plannavn",
    "komnr",
    "anvgen",
    "anvspec",
    "zone",
    "bebygpct",
    "bebygpctaf",
    "maxetager",
    "maxbygnhjd",
    "minmiljo",
    "maxmiljo",
    "doklink",
    "net_planned_ha",
    "available_ha",
    "status",
    "price_dkk_per_m2",
    "building_deadline_years",
    "buy_back_clause",
    "connection_fees",
    "contact_name",
    "contact_email",
    "contact_phone",
    "source",
    "source_updated",
    "geometry_wkt",
)
#: The Danish and English label of every template column: errors name the column by
#: its label and its key, so a planner finds it in the file.
COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "planid": ("Plan-id", "Plan id"),
    "plannr": ("Plannummer", "Plan number"),
    "plannavn": ("Plannavn", "Plan name"),
    "komnr": ("Kommunekode", "Municipality code"),
    "anvgen": ("Generel anvendelse", "General use"),
    "anvspec": ("Specifik anvendelse", "Specific use"),
    "zone": ("Zone", "Zone"),
    "bebygpct": ("Bebyggelsesprocent", "Plot ratio"),
    "bebygpctaf": ("Bebyggelsesprocent beregnet af", "Plot ratio basis"),
    "maxetager": ("Maks. etager", "Max. storeys"),
    "maxbygnhjd": ("Maks. bygningshøjde (m)", "Max. building height (m)"),
    "minmiljo": ("Min. miljøklasse", "Min. environmental class"),
    "maxmiljo": ("Maks. miljøklasse", "Max. environmental class"),
    "doklink": ("Link til plandokument", "Link to plan document"),
    "net_planned_ha": ("Nettoplanlagt areal (ha)", "Net planned area (ha)"),
    "available_ha": ("Ledigt areal (ha)", "Available area (ha)"),
    "status": ("Status", "Status"),
    "price_dkk_per_m2": ("Pris (kr./m²)", "Price (DKK/m²)"),
    "building_deadline_years": ("Byggepligt (år)", "Building deadline (years)"),
    "buy_back_clause": ("Tilbagekøbsklausul", "Buy-back clause"),
    "connection_fees": ("Tilslutningsbidrag", "Connection fees"),
    "contact_name": ("Kontaktperson", "Contact name"),
    "contact_email": ("Kontakt-e-mail", "Contact e-mail"),
    "contact_phone": ("Kontakttelefon", "Contact phone"),
    "source": ("Kilde", "Source"),
    "source_updated": ("Kildedato", "Source date"),
    "geometry_wkt": ("Geometri (WKT)", "Geometry (WKT)"),
}
#: Other names accepted for the WKT column.
WKT_COLUMNS = ("geometry_wkt", "geometri_wkt", "wkt")
_INTS = ("anvgen", "anvspec", "zone", "bebygpctaf", "maxetager", "minmiljo", "maxmiljo")
_INTS_2 = ("building_deadline_years",)
_FLOATS = ("bebygpct", "maxbygnhjd", "net_planned_ha", "available_ha")
_TEXTS = (
    "planid",
    "plannr",
    "plannavn",
    "doklink",
    "connection_fees",
    "contact_name",
    "contact_email",
    "contact_phone",
    "source",
)


class RowError(DomainError):
    """Why a row was rejected."""


def column_label(name: str, lang: str) -> str:
    """'Ledigt areal (ha) (available_ha)': the label a planner reads and the column key."""
    da, en = COLUMN_LABELS.get(name, (name, name))
    return f"{en if lang == 'en' else da} ({name})"


def _error(name: str, da: str, en: str) -> RowError:
    """A row error about column ``name``: '<label> (<key>): <reason>'."""
    return RowError(f"{column_label(name, 'da')}: {da}", f"{column_label(name, 'en')}: {en}")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number(name: str, value: Any) -> float:
    try:
        return float(strip_neutralising_quote(str(value).strip()).replace(",", "."))
    except ValueError:
        raise _error(name, f"'{value}' er ikke et tal", f"'{value}' is not a number") from None


def _safe_text(name: str, text: str) -> str:
    """Refuse spreadsheet formulas (CSV/formula injection) and control characters.

    The quote our exports put before such a cell (``core.spreadsheet``) is
    removed first, so an export imported again stores the original text.
    """
    text = strip_neutralising_quote(text)
    formula = text[:1] in ("=", "@") or (
        text[:1] in ("+", "-") and len(text) > 1 and not (text[1].isdigit() or text[1] == " ")
    )
    if formula:
        raise _error(
            name,
            f"ligner en regnearksformel ('{text[:30]}'); det tillades ikke",
            f"looks like a spreadsheet formula ('{text[:30]}'); that is not allowed",
        )
    if any(not ch.isprintable() for ch in text):
        raise _error(name, "indeholder kontroltegn", "contains control characters")
    return text


def clean_row(raw: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """Field values and the row's kommunekode ('' when absent). Raises :class:`RowError`."""
    row = {str(k).strip().lower(): v for k, v in raw.items() if k is not None}
    values: dict[str, Any] = {}
    for name in _TEXTS:
        if not _blank(row.get(name)):
            values[name] = _safe_text(name, str(row[name]).strip())
    for name in (*_INTS, *_INTS_2):
        if not _blank(row.get(name)):
            values[name] = int(_number(name, row[name]))
    for name in _FLOATS:
        if not _blank(row.get(name)):
            values[name] = _number(name, row[name])
            if values[name] < 0:
                raise _error(name, "må ikke være negativ", "must not be negative")
    anvgen, anvspec = values.get("anvgen"), values.get("anvspec")
    if (anvgen is not None and anvgen != 31) or (anvspec is not None and anvspec // 100 != 31):
        raise _error(
            "anvspec" if anvspec is not None else "anvgen",
            f"ikke et erhvervsområde (anvgen {anvgen}, anvspec {anvspec}); kun 31/31xx importeres",
            f"not a business area (anvgen {anvgen}, anvspec {anvspec}); only 31/31xx is imported",
        )
    for name in ("minmiljo", "maxmiljo"):
        if name in values and not 1 <= values[name] <= 7:
            raise _error(name, "skal være 1-7", "must be 1-7")
    if values.get("available_ha", 0) > values.get("net_planned_ha", float("inf")) + 1e-6:
        raise _error(
            "available_ha",
            f"er større end {column_label('net_planned_ha', 'da')}",
            f"is larger than {column_label('net_planned_ha', 'en')}",
        )
    if not _blank(row.get("status")):
        status = strip_neutralising_quote(str(row["status"]).strip()).lower()
        if status not in STATUSES:
            raise _error(
                "status",
                f"'{status}' skal være ledig, reserveret eller solgt",
                f"'{status}' must be ledig, reserveret or solgt",
            )
        values["status"] = status
    if not _blank(row.get("price_dkk_per_m2")):
        try:
            price = strip_neutralising_quote(str(row["price_dkk_per_m2"]).strip())
            values["price_dkk_per_m2"] = Decimal(price.replace(",", "."))
        except InvalidOperation:
            raise _error("price_dkk_per_m2", "er ikke et tal", "is not a number") from None
    if not _blank(row.get("buy_back_clause")):
        text = str(row["buy_back_clause"]).strip().lower()
        values["buy_back_clause"] = text in ("ja", "yes", "true", "1", "x")
    values["source_updated"] = _date(row.get("source_updated"))
    komnr = str(row.get("komnr") or "").strip()
    if komnr.isdigit():
        komnr = komnr.zfill(4)
    return values, komnr


def _date(value: Any) -> dt.date:
    if _blank(value):
        return timezone.localdate()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()[:10]
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise _error(
        "source_updated",
        f"'{text}' er ikke en dato (ÅÅÅÅ-MM-DD)",
        f"'{text}' is not a date (YYYY-MM-DD)",
    )


def row_geometry(raw: dict[str, Any]) -> BaseGeometry | None:
    """The row's WKT geometry in EPSG:25832, or None when the row has none.

    WKT in EPSG:25832 (the template's CRS); coordinates that can only be
    longitude/latitude (|x| <= 180, |y| <= 90) are read as EPSG:4326.
    """
    row = {str(k).strip().lower(): v for k, v in raw.items() if k is not None}
    name = next((c for c in WKT_COLUMNS if not _blank(row.get(c))), None)
    if name is None:
        return None
    text = strip_neutralising_quote(str(row[name]).strip())
    try:
        geom = shapely.from_wkt(text)
    except shapely.errors.GEOSException as exc:
        reason = str(exc).split("\n")[0][:120]
        raise _error(
            "geometry_wkt",
            f"kan ikke læses som WKT ({reason})",
            f"cannot be read as WKT ({reason})",
        ) from None
    if geom is None or geom.is_empty:
        raise _error("geometry_wkt", "er tom", "is empty")
    minx, miny, maxx, maxy = geom.bounds
    if minx >= -180 and maxx <= 180 and miny >= -90 and maxy <= 90:
        return to_internal(np.asarray([geom], dtype=object), EXCHANGE_CRS)[0]
    return geom
