"""One formula-neutralisation helper: only cells a spreadsheet would evaluate are touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from rodloeber.core.spreadsheet import neutralise, strip_neutralising_quote

SRC = Path(__file__).resolve().parents[2] / "src" / "rodloeber"


@pytest.mark.parametrize(
    "text",
    [
        "=SUM(A1:A2)",
        '=HYPERLINK("http://x")',
        "@SUM(1)",
        "+A1",
        "-A1+1",
        "+cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
        "- foran",
        "-1+2",
    ],
)
def test_formulas_get_a_quote_and_import_strips_it(text: str) -> None:
    out = neutralise(text)
    assert out == "'" + text
    assert strip_neutralising_quote(out) == text


@pytest.mark.parametrize(
    "value",
    [
        "+45 12 34 56 78",
        "+4512345678",
        "+45-1234-5678",
        "+1 (555) 123 4567",
        "-12",
        "+3,5",
        "-0.25",
        "1e-3",
        "12 %",
        "Vejle Erhverv",
        "'quoted by the user",
        "",
        -12,
        3.5,
        None,
        True,
    ],
)
def test_plain_numbers_phone_numbers_and_text_are_left_alone(value: object) -> None:
    assert neutralise(value) is value or neutralise(value) == value


def test_strip_leaves_an_ordinary_apostrophe() -> None:
    assert strip_neutralising_quote("'t Hooft") == "'t Hooft"
    assert strip_neutralising_quote("'+45 12 34 56 78") == "+45 12 34 56 78"  # older exports


def test_no_module_has_its_own_formula_quoting() -> None:
    """Every export goes through core.spreadsheet (one home for the computation)."""
    own = [
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if p.name != "spreadsheet.py" and 'return "\'" +' in p.read_text(encoding="utf-8")
    ]
    assert own == []
