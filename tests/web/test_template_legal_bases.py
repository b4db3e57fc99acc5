"""Every legal basis a template prints goes through ``|legal_basis`` (English on
English pages, rl_legal.py), unless the view already rendered it in the page
language (listed here with why)."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "rodloeber"
RAW = re.compile(r"\{\{\s*[\w.]*legal_basis\s*\}\}")
#: Already in the page language: parks.conditions.condition_rows renders it.
RENDERED_BY_VIEW = {"parks/templates/parks/application_detail.html"}


def test_templates_render_legal_bases_in_the_page_language() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.html")):
        rel = str(path.relative_to(SRC))
        if rel in RENDERED_BY_VIEW:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            offenders += [f"{rel}:{number}: {m.group(0)}" for m in RAW.finditer(line)]
    assert offenders == [], "Use {{ x.legal_basis|legal_basis }}:\n" + "\n".join(offenders)
