"""SVG charts: text alternatives, escaping, suppressed values not drawn."""

from __future__ import annotations

from xml.etree import ElementTree

from rodloeber.reports.charts import render_chart
from rodloeber.reports.tables import COUNT, SHARE, TEXT, Column, Figure, cell_text, to_csv


def _fig(chart: str = "bar", kind: str = COUNT) -> Figure:
    return Figure(
        "demo",
        "Sager <efter> gruppe",
        "Cases by group",
        "Beskrivelse",
        "Description",
        [Column("label", "Gruppe", "Group", TEXT), Column("v", "Værdi", "Value", kind)],
        [
            {"key": "a", "label": "A & co", "label_en": "A", "v": 4},
            {"key": "b", "label": "B", "label_en": "B", "v": None},
            {"key": "c", "label": "=C", "label_en": "C", "v": 2},
        ],
        chart,
        "v",
    )


def test_bar_chart_is_valid_accessible_svg() -> None:
    svg = render_chart(_fig(), "da")
    root = ElementTree.fromstring(svg)  # noqa: S314 (our own output; well-formed, escaped)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.find(f"{ns}title").text == "Sager <efter> gruppe"  # type: ignore[union-attr]
    desc = root.find(f"{ns}desc").text or ""  # type: ignore[union-attr]
    assert "A & co: 4" in desc and "B: –" in desc
    assert len(root.findall(f"{ns}rect")) == 2  # the suppressed value is not drawn


def test_line_chart_and_english() -> None:
    svg = render_chart(_fig("line"), "en")
    root = ElementTree.fromstring(svg)  # noqa: S314 (our own output)
    assert "Cases by group" in svg
    assert root.findall("{http://www.w3.org/2000/svg}circle")


def test_shares_and_csv_formula_safety() -> None:
    assert cell_text(0.755, SHARE, "da") == "75,5 %"
    assert cell_text(0.755, SHARE, "en") == "75.5 %"
    assert cell_text(None, SHARE) == "–"
    csv = to_csv(_fig()).decode("utf-8-sig")
    assert "'=C;2" in csv and "B;–" in csv
