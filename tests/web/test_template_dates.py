"""Dates on pages go through the shared filter (web/templatetags/rl_dates.py):
"4. dec. 2026" on Danish pages, "4 Dec 2026" on English ones. A raw
``|date:"…"`` or ``|time:"…"`` in a template would bypass it."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "rodloeber"
RAW = re.compile(r"\|\s*(date|time)\b(:\s*(['\"])(?P<fmt>[^'\"]*)\3)?")
#: The one machine format allowed: the ISO value of an <input type="date">.
MACHINE = "Y-m-d"


def test_no_template_formats_dates_itself() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.html")):
        if "static" in path.relative_to(SRC).parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in RAW.finditer(line):
                if m["fmt"] == MACHINE and 'type="date"' in line:
                    continue
                offenders.append(f"{path.relative_to(SRC)}:{number}: {m.group(0)}")
    assert offenders == [], "Use |day or |daytime (rl_dates):\n" + "\n".join(offenders)


def test_the_check_catches_a_raw_format() -> None:
    assert RAW.search('{{ x|date:"j. F Y" }}')
    assert RAW.search("{{ x|date }}")
    assert not RAW.search("{{ x|day }} {{ x|daytime }}")
