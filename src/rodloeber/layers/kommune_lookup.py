"""Find the municipality (kommune) of a site from address text.

Offline there is no geocoder: an address is only searched for a municipality
name written in it. A map point is looked up by
:func:`rodloeber.layers.geography.municipality_at` (the one point-in-municipality
lookup).

Lives in ``layers`` (reference geodata) so that both the check (/tjek) and
the industrial parks use it without depending on each other.
"""

from __future__ import annotations

import re
from functools import cache

from rodloeber.layers.geography import geography

# English or older spellings of municipality names seen in addresses.
ALIASES = {"copenhagen": "0101", "århus": "0751", "kobenhavn": "0101"}


def _flexible(name: str) -> str:
    """A regex for ``name`` where a space and a hyphen match each other."""
    return r"[\s-]+".join(re.escape(part) for part in re.split(r"[\s-]+", name))


@cache
def _name_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    pairs = [(m.name, m.code) for m in geography().municipalities]
    pairs += list(ALIASES.items())
    pairs.sort(key=lambda p: len(p[0]), reverse=True)
    return tuple(
        (re.compile(rf"(?<![\w-]){_flexible(name)}(?![\w-])", re.IGNORECASE), code)
        for name, code in pairs
    )


def kommune_in_text(text: str) -> str | None:
    """The kommune named in an address, e.g. "Industrivej 1, 6700 Esbjerg" -> "0561".

    When several names occur, the last one wins (the town ends a Danish address).
    """
    best: tuple[int, str] | None = None
    for pattern, code in _name_patterns():
        for match in pattern.finditer(text):
            if best is None or match.start() > best[0]:
                best = (match.start(), code)
    return best[1] if best else None
