"""``{{ d|plan_date }}``: a date as the Gantt chart writes it, in the page's language.

"4. dec. 2026" on Danish pages, "4 Dec 2026" on English ones (one formatter
for chart and table: :func:`rodloeber.domain.planning.dates.format_date`).
"""

from __future__ import annotations

from datetime import date

from django import template
from django.utils.translation import get_language

from rodloeber.domain.planning.dates import format_date

register = template.Library()


@register.filter
def plan_date(value: date | None) -> str:
    if not isinstance(value, date):
        return "–"
    lang = "en" if (get_language() or "da").startswith("en") else "da"
    return format_date(value, lang)
