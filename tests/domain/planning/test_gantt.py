import xml.etree.ElementTree as ET
from datetime import date

from rodloeber.domain.planning import Plan, build_plan
from rodloeber.domain.planning.forecast import MilestoneUpdate
from rodloeber.domain.planning.gantt import gantt_table_rows, render_gantt_svg
from rodloeber.domain.planning.testing import Cap, benchmark_permits, make_permit

SVG = "{http://www.w3.org/2000/svg}"
START = date(2026, 3, 2)


def _plan_with_baseline() -> Plan:
    permits = (
        make_permit("a", 30, name_da='Lokalplan <script>alert("x")</script> & co'),
        make_permit("b", 45, ("a",), name_da="Byggetilladelse"),
        make_permit("c", 20),
    )
    baseline = build_plan(permits, clock_start=START, cap=Cap(3), n_samples=500)
    update = MilestoneUpdate("a", "decision", actual=date(2026, 4, 10))
    return build_plan(
        permits,
        clock_start=START,
        cap=Cap(3),
        updates=(update,),
        baseline=baseline,
        n_samples=500,
    )


def test_svg_is_accessible_and_well_formed() -> None:
    plan = _plan_with_baseline()
    svg = render_gantt_svg(plan, today=date(2026, 4, 10), id_prefix="g1")
    root = ET.fromstring(svg)  # noqa: S314 - our own output, not untrusted input
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "g1-title g1-desc"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.get("id") == "g1-title" and title.text == "Procesplan"
    assert desc is not None and desc.get("id") == "g1-desc"
    assert "Kritisk vej: a → b" in (desc.text or "")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'class="cap"' in svg and "Loft: 2026-06-02" in svg
    assert 'class="today"' in svg
    assert "(kritisk)" in svg
    assert 'class="base"' in svg  # baseline bars
    assert 'class="ms actual"' in svg and 'class="ms planned"' in svg
    assert 'class="done"' in svg
    assert "@media print" in svg


def test_svg_english_and_custom_title() -> None:
    plan = build_plan(benchmark_permits(), clock_start=START, cap=Cap(18), n_samples=200)
    svg = render_gantt_svg(plan, lang="en", title="Plan & <b>")
    root = ET.fromstring(svg)  # noqa: S314 - our own output, not untrusted input
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Plan & <b>"
    assert "Critical path:" in svg and "(critical)" in svg
    assert len(root.findall(f".//{SVG}g")) == 25


def test_table_rows_mirror_the_chart() -> None:
    plan = _plan_with_baseline()
    rows = gantt_table_rows(plan, lang="da")
    assert [r.code for r in rows] == ["a", "b", "c"]
    a = rows[0]
    assert a.name.startswith("Lokalplan <script>")  # escaping is the template's job
    assert a.delta_days == 9
    assert a.duration_days == 39
    assert a.on_critical_path
    assert ("Afgørelse", date(2026, 4, 10), "actual") in a.milestones
    assert gantt_table_rows(plan, lang="en")[0].milestones[0][0] == "Application submitted"


def test_fit_label_shortens_long_names_only() -> None:
    from rodloeber.domain.planning.gantt import fit_label

    assert fit_label("Lokalplan", 260) == "Lokalplan"
    long = "Miljøkonsekvensrapport og VVM-tilladelse (§ 25) (kritisk vej)"
    short = fit_label(long, 260)
    assert short.endswith("…") and len(short) < len(long)
    assert len(short) <= int((260 - 16) / 6.6)
