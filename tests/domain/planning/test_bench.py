from pathlib import Path

from bench.bench_planning import MARK_END, MARK_START, render, write_section


def test_write_section_keeps_other_sections(tmp_path: Path) -> None:
    doc = tmp_path / "performance.md"
    doc.write_text("# Performance\n\n## Maps\n\nfast\n", encoding="utf-8")
    rows = [("x", 1.0, 0.5, "< 5 ms")]
    info = {
        "ratio": "10x",
        "p_within_cap": "0.5",
        "p50/p80/p95": "a / b / c",
        "critical_path": "a → b",
        "machine": "m",
        "date": "d",
        "load": "0.1",
    }
    write_section(doc, render(rows, info))
    write_section(doc, render(rows, {**info, "ratio": "20x"}))
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("# Performance\n\n## Maps\n\nfast\n")
    assert text.count(MARK_START) == text.count(MARK_END) == 1
    assert "**20x**" in text and "**10x**" not in text
