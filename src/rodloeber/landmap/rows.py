"""Cleaning one imported row (række) into BusinessArea field values, with bilingual reasons."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from rodloeber.domain.errors import DomainError
from rodloeber.domain.landcodes import STATUSES

__all__ = ["TEMPLATE_COLUMNS", "RowError", "clean_row"]

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
)
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


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number(name: str, value: Any) -> float:
    try:
        return float(str(value).strip().replace(",", "."))
    except ValueError:
        raise RowError(
            f"{name}: '{value}' er ikke et tal", f"{name}: '{value}' is not a number"
        ) from None


def _safe_text(name: str, text: str) -> str:
    """Refuse spreadsheet formulas (CSV/formula injection) and control characters."""
    formula = text[:1] in ("=", "@") or (
        text[:1] in ("+", "-") and len(text) > 1 and not (text[1].isdigit() or text[1] == " ")
    )
    if formula:
        raise RowError(
            f"{name} ligner en regnearksformel ('{text[:30]}'); det tillades ikke",
            f"{name} looks like a spreadsheet formula ('{text[:30]}'); that is not allowed",
        )
    if any(not ch.isprintable() for ch in text):
        raise RowError(f"{name} indeholder kontroltegn", f"{name} contains control characters")
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
                raise RowError(f"{name} må ikke være negativ", f"{name} must not be negative")
    anvgen, anvspec = values.get("anvgen"), values.get("anvspec")
    if (anvgen is not None and anvgen != 31) or (anvspec is not None and anvspec // 100 != 31):
        raise RowError(
            f"ikke et erhvervsområde (anvgen {anvgen}, anvspec {anvspec}); kun 31/31xx importeres",
            f"not a business area (anvgen {anvgen}, anvspec {anvspec}); only 31/31xx is imported",
        )
    for name in ("minmiljo", "maxmiljo"):
        if name in values and not 1 <= values[name] <= 7:
            raise RowError(f"{name} skal være 1-7", f"{name} must be 1-7")
    if values.get("available_ha", 0) > values.get("net_planned_ha", float("inf")) + 1e-6:
        raise RowError(
            "available_ha er større end net_planned_ha",
            "available_ha is larger than net_planned_ha",
        )
    if not _blank(row.get("status")):
        status = str(row["status"]).strip().lower()
        if status not in STATUSES:
            raise RowError(
                f"status '{status}' skal være ledig, reserveret eller solgt",
                f"status '{status}' must be ledig, reserveret or solgt",
            )
        values["status"] = status
    if not _blank(row.get("price_dkk_per_m2")):
        try:
            values["price_dkk_per_m2"] = Decimal(str(row["price_dkk_per_m2"]).replace(",", "."))
        except InvalidOperation:
            raise RowError(
                "price_dkk_per_m2 er ikke et tal", "price_dkk_per_m2 is not a number"
            ) from None
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
    raise RowError(
        f"source_updated '{text}' er ikke en dato (ÅÅÅÅ-MM-DD)",
        f"source_updated '{text}' is not a date (YYYY-MM-DD)",
    )
