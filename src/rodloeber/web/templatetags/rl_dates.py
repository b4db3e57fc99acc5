"""Dates the DKFDS way: "4. dec. 2026" on Danish pages, "4 Dec 2026" on English.

``{{ value|day }}`` and ``{{ value|daytime }}`` (with "kl. 14.05" / "14:05").
One home for date display so tables, texts and errors agree: the wording
itself is :func:`rodloeber.domain.planning.dates.format_date`, which the
Gantt chart uses too.
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from rodloeber.domain.planning.dates import format_date

register = template.Library()


def _english(lang: str | None = None) -> bool:
    return (lang or get_language() or "da").startswith("en")


def format_day(value: date | datetime | str | None, lang: str | None = None) -> str:
    """``4. dec. 2026`` (da) or ``4 Dec 2026`` (en); "" for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):  # ISO text from the case JSON (serialize.py)
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return str(value)
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return format_date(value, "en" if _english(lang) else "da")


def format_daytime(
    value: datetime | None, lang: str | None = None, *, seconds: bool = False
) -> str:
    """``4. dec. 2026 kl. 14.05`` (da) or ``4 Dec 2026, 14:05`` (en); with
    ``seconds`` ``kl. 14.05.09`` / ``14:05:09`` (logs)."""
    if value is None or value == "":
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    if _english(lang):
        clock = f"{local:%H:%M:%S}" if seconds else f"{local:%H:%M}"
        return f"{format_day(local, 'en')}, {clock}"
    clock = f"{local:%H.%M.%S}" if seconds else f"{local:%H.%M}"
    return f"{format_day(local, 'da')} kl. {clock}"


@register.filter
def day(value: date | datetime | str | None) -> str:
    return format_day(value)


@register.filter
def daytime(value: datetime | None) -> str:
    return format_daytime(value)


@register.filter
def daytime_s(value: datetime | None) -> str:
    """Date and time to the second (the read log)."""
    return format_daytime(value, seconds=True)
