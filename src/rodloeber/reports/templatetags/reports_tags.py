"""Template filters for reports: dictionary lookup and DKK-million formatting."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``{{ dict|get_item:key }}``."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def mdkk(value: Decimal | float | None) -> str:
    """DKK million with one decimal, Danish comma; "–" when missing."""
    if value is None:
        return "–"
    text = f"{Decimal(value):.1f}"
    if text == "-0.0":
        text = "0.0"
    return text if (get_language() or "da").startswith("en") else text.replace(".", ",")


@register.filter
def share(value: float | None) -> str:
    """A share as a percentage with one decimal; "–" when suppressed."""
    if value is None:
        return "–"
    text = f"{value * 100:.1f} %"
    return text if (get_language() or "da").startswith("en") else text.replace(".", ",")


@register.filter
def dash(value: Any) -> Any:
    """``None`` → "–" (suppressed)."""
    return "–" if value is None else value
