import xml.etree.ElementTree as ET
from datetime import date

from rodloeber.domain.planning import Plan, build_plan
from rodloeber.domain.planning.forecast import MilestoneUpdate
from rodloeber.domain.planning.gantt import gantt_table_rows, render_gantt_svg
from rodloeber.domain.planning.gantt_layout import BAR_STATUSES, text_width
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
    assert 'class="marker cap"' in svg and "Loft: 2. jun. 2026" in svg
    assert 'class="marker today"' in svg and "I dag: 10. apr. 2026" in svg
    assert 'class="base"' in svg  # baseline bars
    assert 'class="ms actual"' in svg and 'class="ms planned"' in svg
    # a is decided (actual decision), b is on the critical path and behind the baseline
    statuses = {g.get("data-code"): g.get("data-status") for g in root.iter(f"{SVG}g")}
    assert statuses == {"a": "done", "b": "late", "c": "late", None: None}
    assert 'fill="url(#g1-st-done)"' in svg
    # CSP: no inline style on the page; fills are attributes, the rest is in gantt.css
    assert "<style" not in svg and "style=" not in svg


def test_downloaded_svg_embeds_the_stylesheet() -> None:
    plan = _plan_with_baseline()
    svg = render_gantt_svg(plan, stylesheet="svg.rl-gantt .bar{stroke:#123456}")
    root = ET.fromstring(svg)  # noqa: S314 - our own output, not untrusted input
    style = root.find(f"{SVG}style")
    assert style is not None and "stroke:#123456" in (style.text or "")


def test_legend_shows_every_status_with_its_pattern() -> None:
    plan = _plan_with_baseline()
    svg = render_gantt_svg(plan, lang="en", id_prefix="g2")
    root = ET.fromstring(svg)  # noqa: S314 - our own output, not untrusted input
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    texts = [t.text for t in legend.iter(f"{SVG}text")]
    for label in ("Planned", "In progress", "Decided", "Late", "Critical path", "Cap"):
        assert label in texts
    fills = {r.get("fill") for r in legend.iter(f"{SVG}rect") if r.get("fill") != "none"}
    assert fills == {f"url(#g2-st-{s})" for s in BAR_STATUSES}
    patterns = {p.get("id") for p in root.iter(f"{SVG}pattern")}
    assert patterns == {f"g2-st-{s}" for s in BAR_STATUSES}


def test_marker_labels_never_overlap() -> None:
    # clock start, today and cap all within a few days: the labels take separate lanes
    permits = (make_permit("a", 10),)
    plan = build_plan(permits, clock_start=START, cap=Cap(1), n_samples=50)
    svg = render_gantt_svg(plan, today=START + (plan.cap_deadline - START) / 2)
    root = ET.fromstring(svg)  # noqa: S314 - our own output, not untrusted input
    labels = [t for t in root.iter(f"{SVG}text") if "marker-label" in (t.get("class") or "")]
    assert len(labels) == 3
    boxes = []
    for t in labels:
        x0, w = float(t.get("x") or 0), text_width(t.text or "")
        x0 = x0 - w if t.get("text-anchor") == "end" else x0
        boxes.append((t.get("y"), x0, x0 + w))
    assert len({b[0] for b in boxes}) >= 2  # they could not all share one lane
    for i, (y1, a0, a1) in enumerate(boxes):
        for y2, b0, b1 in boxes[i + 1 :]:
            assert y1 != y2 or a1 <= b0 or b1 <= a0, boxes  # nothing drawn over another


def test_svg_english_and_custom_title() -> None:
    plan = build_plan(benchmark_permits(), clock_start=START, cap=Cap(18), n_samples=200)
    svg = render_gantt_svg(plan, lang="en", title="Plan & <b>")
    root = ET.fromstring(svg)  # noqa: S314 - our own output, not untrusted input
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Plan & <b>"
    assert "Critical path:" in svg and "Cap: 2 Sep 2027" in svg
    assert "mar. 2026" not in svg and "Mar 2026" in svg  # English month axis
    assert len([g for g in root.iter(f"{SVG}g") if g.get("class") == "row"]) == 25


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
    assert (a.status, a.status_label) == ("done", "Afgjort")


def test_long_names_wrap_with_the_full_name_in_the_tooltip() -> None:
    long = "Miljøkonsekvensrapport og VVM-tilladelse efter miljøvurderingslovens § 25 stk. 1"
    plan = build_plan(
        (make_permit("a", 30, name_da=long),), clock_start=START, cap=Cap(3), n_samples=50
    )
    root = ET.fromstring(render_gantt_svg(plan))  # noqa: S314 - our own output
    name = next(t for t in root.iter(f"{SVG}text") if t.get("class") == "name")
    lines = [s.text or "" for s in name.iter(f"{SVG}tspan")]
    assert len(lines) == 2 and lines[0].startswith("Miljøkonsekvensrapport")
    assert lines[1].endswith("…")
    tip = name.find(f"{SVG}title")
    assert tip is not None and tip.text == long


def test_permit_outside_the_cap_is_never_critical_and_says_so() -> None:
    """Issue #16: a long grid connection must not take the cap line's critical path."""
    from rodloeber.domain.planning import build_plan
    from rodloeber.domain.planning.testing import Cap, make_permit

    permits = (
        make_permit("eia_permit", 120),
        make_permit("building_permit", 50, ("eia_permit",)),
        make_permit("grid_connection", 400, counts_toward_cap=False),
    )
    plan = build_plan(permits, clock_start=date(2026, 3, 2), cap=Cap(12), n_samples=500)
    assert plan.critical_path == ("eia_permit", "building_permit")
    assert plan.risk is not None and plan.risk.criticality["grid_connection"] == 0.0
    rows = {r.code: r for r in gantt_table_rows(plan, lang="en")}
    assert not rows["grid_connection"].in_cap and rows["grid_connection"].status != "critical"
    assert rows["building_permit"].status == "critical"
    svg = render_gantt_svg(plan, lang="en")
    assert 'data-code="grid_connection" data-status="planned" data-in-cap="false"' in svg
    assert "outside the cap" in svg
