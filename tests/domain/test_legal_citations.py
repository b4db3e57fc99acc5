"""English legal-basis lines: every line the catalogue holds renders without Danish."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from rodloeber.domain.legal_citations import (
    build_table,
    legal_basis,
    legal_basis_en,
    load_table,
    render,
)
from rodloeber.domain.screening import criteria as screening_criteria

SRC = Path(__file__).resolve().parents[2] / "src" / "rodloeber"
#: Danish citation and function words that must not survive in English.
DANISH = re.compile(
    r"(?<!\w)(stk\.|jf\.|bilag|litra|punkt|pkt\.|kapitel|kolonne|loven|lov|lovens|og|eller|af|"
    r"til|om|med|efter|inden|mindst|dage|uger|måneder|nr\.|bekendtgørelse\w*|\w+loven|"
    r"\w+lovens|forordning|direktiv|aftale\w*|bemærkninger|som)(?!\w)|[æøåÆØÅ§]",
    re.IGNORECASE,
)


def _walk(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            # legal bases, and the EU acts named by eu_guidance.yaml (/tjek result)
            if key in ("legal_basis", "act") and isinstance(value, str):
                yield value
            else:
                yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def all_legal_bases() -> list[str]:
    files = sorted((SRC / "catalogue").glob("*.yaml")) + sorted(
        (SRC / "parks" / "rules").glob("*.yaml")
    )
    lines: set[str] = set()
    for path in files:
        lines.update(_walk(yaml.safe_load(path.read_text(encoding="utf-8"))))
    lines.update(e.legal_basis for e in screening_criteria.EXCLUSIONS)
    return sorted(lines)


def test_the_catalogue_has_legal_bases_to_render() -> None:
    assert len(all_legal_bases()) > 80


@pytest.mark.parametrize("line", all_legal_bases())
def test_every_legal_basis_renders_in_english(line: str) -> None:
    table = load_table()
    result = render(line, table)
    assert result.unknown == (), f"laws.yaml lacks {result.unknown} for {line!r}"
    english = result.text
    for kept in table.kept_danish_names:  # "(miljøvurderingsloven)" is kept on purpose
        english = english.replace(kept, "")
    left = DANISH.findall(english)
    assert not left, f"Danish left in {result.text!r}: {left}"


@pytest.mark.parametrize(
    ("danish", "english"),
    [
        (
            "Miljøvurderingsloven § 25, jf. bilag 1 og bilag 2; NZIA art. 10",
            "Environmental Assessment Act (miljøvurderingsloven) s. 25, cf. Annex 1 and "
            "Annex 2; NZIA Art. 10",
        ),
        (
            "Forordning (EU) 2024/1735 (NZIA) art. 9, stk. 1, litra a",
            "Regulation (EU) 2024/1735 (NZIA) Art. 9(1)(a)",
        ),
        ("Planloven § 35, stk. 1", "Planning Act (planloven) s. 35(1)"),
        ("L 206 § 13, stk. 1, nr. 2", "L 206 s. 13(1), no. 2"),
        ("Museumsloven §§ 25-27", "Museum Act (museumsloven) ss. 25-27"),
        (
            "Aftale om rød løber (21. nov. 2024) punkt 4; L 206",
            "Red Carpet Agreement (aftale om rød løber) (21 Nov 2024) point 4; L 206",
        ),
        ("L 206 og aftalens punkt 3C", "L 206 and point 3C of the Agreement"),
        ("LBK nr. 4 af 3. januar 2023", "Consolidated Act no. 4 of 3 January 2023"),
        (
            "Direktiv 2003/87/EF bilag I, som ændret ved direktiv (EU) 2023/959",
            "Directive 2003/87/EC Annex I, as amended by Directive (EU) 2023/959",
        ),
    ],
)
def test_citation_grammar(danish: str, english: str) -> None:
    assert legal_basis_en(danish) == english


def test_unknown_law_names_are_reported_and_kept() -> None:
    table = build_table({"laws": [], "terms": [{"da": "§", "en": "s."}], "neutral": []})
    result = render("Sommerhusloven § 3", table)
    assert result.unknown == ("Sommerhusloven",)
    assert result.text == "Sommerhusloven s. 3"


def test_danish_pages_keep_the_line_as_written() -> None:
    line = "Planloven § 35, stk. 1"
    assert legal_basis(line, "da") == line
    assert legal_basis(line, "en-gb") == "Planning Act (planloven) s. 35(1)"
    assert legal_basis_en("") == ""


def test_every_law_names_its_source() -> None:
    assert all(law.source for law in load_table().laws)
