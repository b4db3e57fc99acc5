"""Dates as people read them (datoformat): "4. dec. 2026" in Danish, "4 Dec 2026" in English.

Danish month abbreviations follow Retskrivningsordbogen (Dansk Sprognævn):
"maj" is never abbreviated, the other months take a full stop. Used by the
Gantt chart and its legend so the chart reads like the page around it.
"""

from __future__ import annotations

from datetime import date

__all__ = ["format_date", "format_month"]

_MONTHS_DA = (
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "maj",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
)
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(d: date, lang: str) -> str:
    """``4. dec. 2026`` (da) or ``4 Dec 2026`` (en)."""
    if lang == "da":
        return f"{d.day}. {_MONTHS_DA[d.month - 1]} {d.year}"
    return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"


def format_month(d: date, lang: str) -> str:
    """``dec. 2026`` (da) or ``Dec 2026`` (en), for a month axis."""
    months = _MONTHS_DA if lang == "da" else _MONTHS_EN
    return f"{months[d.month - 1]} {d.year}"
