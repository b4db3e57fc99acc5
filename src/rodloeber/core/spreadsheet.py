"""Spreadsheet formula neutralisation (CSV/formula injection), one home for every export.

A spreadsheet (Excel, LibreOffice Calc) evaluates a text cell as a formula
when it starts with ``=``, ``+``, ``-`` or ``@``, or with a tab or carriage
return before one of those (OWASP "CSV Injection"). Every CSV and XLSX we
hand out writes its text cells through :func:`neutralise`, which puts a
single quote (``'``) before such a cell, so it shows as text.

Only cells a spreadsheet would evaluate *as a formula* are touched: a plain
number (``-12``, ``+3,5``, ``1e-3``) or a phone number (``+45 12 34 56 78``,
``+45-1234-5678``) is left alone; neither can call a function or refer to
another cell. Non-text values (numbers, dates, booleans) are never changed.

:func:`strip_neutralising_quote` is the inverse for imports: a file we
exported and a planner re-imports must not store the quote.
"""

from __future__ import annotations

import re
from typing import TypeVar

__all__ = ["TRIGGERS", "needs_neutralising", "neutralise", "strip_neutralising_quote"]

#: First characters that make a spreadsheet evaluate a cell.
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?%?")
_PHONE = re.compile(r"\+\d{1,3}([ -]?\(?\d+\)?)+")

T = TypeVar("T")


def needs_neutralising(text: str) -> bool:
    """True when a spreadsheet would evaluate ``text`` as a formula."""
    if not text.startswith(TRIGGERS):
        return False
    stripped = text.strip()
    return not (_PLAIN_NUMBER.fullmatch(stripped) or _PHONE.fullmatch(stripped))


def neutralise(value: T) -> T | str:
    """``value`` with a leading ``'`` when it is text a spreadsheet would evaluate."""
    if isinstance(value, str) and needs_neutralising(value):
        return "'" + value
    return value


def strip_neutralising_quote(text: str) -> str:
    """Undo :func:`neutralise` (also the quote older exports put before phone numbers)."""
    if text.startswith("'") and text[1:].startswith(TRIGGERS):
        return text[1:]
    return text
