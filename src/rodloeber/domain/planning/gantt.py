"""Accessible server-rendered Gantt chart (Gantt-diagram) as an SVG string.

Pure function, no JavaScript: ``role="img"`` with ``<title>``/``<desc>`` via
``aria-labelledby``; every text is escaped. Each bar has one status (planned,
in progress, decided, late, critical) shown by a colour *and* a pattern that
the legend repeats. The cap line, the clock start and "today" are drawn with
labels in separate lanes so they never overlap; dates read as on the page
("4. dec. 2026" / "4 Dec 2026"); long names wrap onto two lines with the full
name in a tooltip. :func:`gantt_table_rows` gives the table alternative.

Styling: fills and patterns are SVG presentation attributes (allowed by our
Content-Security-Policy); lines and text are styled by classes from the static
file ``rodloeber/gantt.css``. The page links that file; a downloaded SVG
passes its text as ``stylesheet`` so it is embedded and the file looks the same.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from rodloeber.domain.planning.dates import format_date, format_month
from rodloeber.domain.planning.duration_evidence import DurationEvidence
from rodloeber.domain.planning.gantt_layout import (
    BAR_STATUSES,
    assign_lanes,
    bar_status,
    text_width,
    wrap_label,
)
from rodloeber.domain.planning.gantt_legend import (
    LANE_H,
    diamond,
    fill_url,
    legend_items,
    legend_layout,
    render_legend,
)
from rodloeber.domain.planning.plan import Plan, PlannedPermit
from rodloeber.domain.planning.templates import MILESTONE_KINDS

__all__ = ["GanttRow", "gantt_table_rows", "render_gantt_svg"]

TEXT: dict[str, dict[str, str]] = {
    "da": {
        "title": "Procesplan",
        "critical": "kritisk",
        "cap": "Loft",
        "clock_start": "Fristen starter",
        "today": "I dag",
        "baseline": "Basisplan",
        "planned": "Planlagt milepæl",
        "actual": "Faktisk milepæl",
        "forecast": "Prognose",
        "bar": "Tilladelse",
        "desc": (
            "{n} tilladelser fra {start} til {end}. Kritisk vej: {path}. "
            "Fristen udløber {cap}. {risk}"
        ),
        "risk": "Sandsynlighed for at nå fristen: {p} %.",
        "days": "dage",
        "status": "status",
        "outside_cap": "uden for fristen",
    },
    "en": {
        "title": "Process plan",
        "critical": "critical",
        "cap": "Cap",
        "clock_start": "Clock starts",
        "today": "Today",
        "baseline": "Baseline",
        "planned": "Planned milestone",
        "actual": "Actual milestone",
        "forecast": "Forecast",
        "bar": "Permit",
        "desc": (
            "{n} permits from {start} to {end}. Critical path: {path}. "
            "The cap expires {cap}. {risk}"
        ),
        "risk": "Probability of meeting the cap: {p} %.",
        "days": "days",
        "status": "status",
        "outside_cap": "outside the cap",
    },
}


def _t(lang: str) -> dict[str, str]:
    return TEXT.get(lang, TEXT["en"])


def _name(p: PlannedPermit, lang: str) -> str:
    return (p.name_da if lang == "da" else p.name_en) or p.code


def _milestone_label(kind: str, lang: str) -> str:
    k = MILESTONE_KINDS.get(kind)
    if k is None:
        return kind
    return k.label_da if lang == "da" else k.label_en


@dataclass(frozen=True)
class GanttRow:
    """One row of the table alternative to the chart (tabelalternativ)."""

    code: str
    name: str
    start: date
    end: date
    duration_days: int
    on_critical_path: bool
    total_float_days: int
    criticality: float | None
    baseline_end: date | None
    delta_days: int | None
    milestones: tuple[tuple[str, date, str], ...]  # (label, date, status)
    status: str = "planned"
    status_label: str = ""
    #: The typical duration and its evidence (item 5): "30–160 dage, typisk 50",
    #: the basis label and the cited source ("" when not known).
    duration_range: str = ""
    duration_basis: str = ""
    duration_source: str = ""
    #: False for a permit the cap does not cover (shown as outside the cap).
    in_cap: bool = True


def gantt_table_rows(
    plan: Plan,
    lang: str = "da",
    today: date | None = None,
    evidence: Mapping[str, DurationEvidence] | None = None,
) -> list[GanttRow]:
    """Data for an accessible HTML table showing the same as the chart.

    ``evidence`` (see :func:`duration_evidence`) adds each permit's typical
    duration with its basis and source.
    """
    rows = []
    for p in plan.permits:
        ev = None if evidence is None else evidence.get(p.code)
        status = bar_status(p, today=today, cap_deadline=plan.cap_deadline)
        delta = None if p.baseline_end is None else (p.end - p.baseline_end).days
        rows.append(
            GanttRow(
                code=p.code,
                name=_name(p, lang),
                start=p.start,
                end=p.end,
                duration_days=(p.end - p.start).days,
                on_critical_path=p.on_critical_path,
                total_float_days=p.total_float_days,
                criticality=p.criticality,
                baseline_end=p.baseline_end,
                delta_days=delta,
                milestones=tuple(
                    (_milestone_label(m.kind, lang), m.date, m.status) for m in p.milestones
                ),
                status=status,
                status_label=BAR_STATUSES[status].label(lang),
                duration_range="" if ev is None else ev.range_text(lang),
                duration_basis="" if ev is None else ev.basis_label(lang),
                duration_source="" if ev is None else ev.source_text(lang),
                in_cap=p.counts_toward_cap,
            )
        )
    return rows


def _month_starts(first: date, last: date) -> list[date]:
    d = date(first.year, first.month, 1)
    out = []
    while d <= last:
        if d >= first:
            out.append(d)
        d = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return out


def _defs(prefix: str) -> str:
    """One 8×8 pattern per bar status: the colour plus its overlay (attributes only)."""
    tiles = "".join(
        f'<pattern id="{prefix}-st-{s.code}" patternUnits="userSpaceOnUse" width="8" height="8">'
        f'<rect width="8" height="8" fill="{s.colour}"/>{s.overlay}</pattern>'
        for s in BAR_STATUSES.values()
    )
    return f"<defs>{tiles}</defs>"


LINE_H = 14  # px between two text lines (12 px text)


def render_gantt_svg(
    plan: Plan,
    *,
    lang: str = "da",
    title: str | None = None,
    today: date | None = None,
    width: int = 960,
    id_prefix: str = "gantt",
    stylesheet: str | None = None,
) -> str:
    """Render the plan as an accessible SVG Gantt chart (string).

    ``stylesheet`` (the text of ``rodloeber/gantt.css``) is embedded for a
    downloaded file; pages link the static file instead (CSP: no inline style).
    """
    t = _t(lang)

    def fd(d: date) -> str:
        return format_date(d, lang)

    label_w, right, row_h = 260, 24, 36
    all_dates = [plan.clock_start, plan.cap_deadline, plan.expected_end]
    for p in plan.permits:
        all_dates += [p.start, p.end, *(m.date for m in p.milestones)]
        all_dates += [d for d in (p.baseline_start, p.baseline_end) if d is not None]
    if today is not None:
        all_dates.append(today)
    first = min(all_dates) - timedelta(days=7)
    last = max(all_dates) + timedelta(days=14)
    span = max(1, (last - first).days)
    plot_w = width - label_w - right

    def x(d: date) -> float:
        return label_w + (d - first).days / span * plot_w

    # Marker lines (cap, today, clock start) with labels in non-overlapping lanes.
    markers = [
        (cls, d, f"{text}: {fd(d)}")
        for cls, d, text in (
            ("cap", plan.cap_deadline, t["cap"]),
            ("today", today, t["today"]),
            ("start", plan.clock_start, t["clock_start"]),
        )
        if d is not None
    ]
    spans, anchors = [], []
    for _cls, d, text in markers:
        lx, tw = x(d), text_width(text)
        end_anchored = lx + 4 + tw > width - 4
        anchors.append(end_anchored)
        spans.append((lx - 4 - tw, lx) if end_anchored else (lx, lx + 4 + tw))
    lanes = assign_lanes(spans)
    n_lanes = max(lanes, default=-1) + 1
    axis_y = 16
    top = axis_y + 10 + n_lanes * LANE_H + 6
    has_baseline = any(p.baseline_end is not None for p in plan.permits)
    items = legend_items(t, lang, today=today is not None, baseline=has_baseline)
    legend_lines = legend_layout(items, width)
    legend_h = 16 + LANE_H * 1.4 * len(legend_lines)
    rows_bottom = top + row_h * max(1, len(plan.permits))
    height = round(rows_bottom + legend_h)

    heading = title or t["title"]
    risk = ""
    if plan.p_within_cap is not None:
        risk = t["risk"].format(p=round(plan.p_within_cap * 100))
    desc = t["desc"].format(
        n=len(plan.permits),
        start=fd(plan.clock_start),
        end=fd(plan.expected_end),
        path=" → ".join(plan.critical_path) or "—",
        cap=fd(plan.cap_deadline),
        risk=risk,
    )
    tid, did = f"{id_prefix}-title", f"{id_prefix}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{tid} {did}" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" lang="{escape(lang)}" class="rl-gantt">',
        f'<title id="{tid}">{escape(heading)}</title>',
        f'<desc id="{did}">{escape(desc)}</desc>',
        _defs(id_prefix),
    ]
    if stylesheet is not None:
        out.append(f"<style><![CDATA[\n{stylesheet.replace(']]>', '')}\n]]></style>")
    out.append(f'<rect class="bg" x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>')
    months = _month_starts(first, last)
    px_per_month = plot_w * 30.4 / span
    step = next((s for s in (1, 2, 3, 6, 12) if s * px_per_month >= 70), 24)
    for i, month in enumerate(months):
        mx = x(month)
        cls = "grid major" if i % step == 0 else "grid"
        out.append(
            f'<line class="{cls}" x1="{mx:.1f}" y1="{axis_y + 4}" x2="{mx:.1f}" '
            f'y2="{rows_bottom:.1f}"/>'
        )
        if i % step == 0 and mx < width - 60:
            out.append(
                f'<text class="axis" x="{mx + 2:.1f}" y="{axis_y}">'
                f"{escape(format_month(month, lang))}</text>"
            )
    for i, p in enumerate(plan.permits):
        out.extend(_row(p, i, plan, t, lang, today, id_prefix, x, top, row_h, label_w))
    for (cls, d, text), lane, end_anchored in zip(markers, lanes, anchors, strict=True):
        lx = x(d)
        ly = axis_y + 10 + (lane + 1) * LANE_H - 3
        out.append(
            f'<line class="marker {cls}" x1="{lx:.1f}" y1="{ly - 10}" x2="{lx:.1f}" '
            f'y2="{rows_bottom:.1f}"/>'
        )
        tx, anchor = (lx - 4, "end") if end_anchored else (lx + 4, "start")
        out.append(
            f'<text class="marker-label {cls}" x="{tx:.1f}" y="{ly}" '
            f'text-anchor="{anchor}">{escape(text)}</text>'
        )
    out.extend(render_legend(legend_lines, rows_bottom + 22, id_prefix))
    out.append("</svg>")
    return "\n".join(out)


def _row(
    p: PlannedPermit,
    i: int,
    plan: Plan,
    t: dict[str, str],
    lang: str,
    today: date | None,
    prefix: str,
    x: Callable[[date], float],
    top: float,
    row_h: int,
    label_w: int,
) -> list[str]:
    """One permit: wrapped name, baseline, status bar, progress and milestones."""
    y = top + i * row_h
    status = bar_status(p, today=today, cap_deadline=plan.cap_deadline)
    st = BAR_STATUSES[status]
    name = _name(p, lang)
    lines = wrap_label(name, label_w - 16)
    first_y = y + row_h / 2 + 4 - (len(lines) - 1) * LINE_H / 2
    tspans = "".join(
        f'<tspan x="8" y="{first_y + k * LINE_H:.1f}">{escape(line)}</tspan>'
        for k, line in enumerate(lines)
    )
    out = [
        f'<g class="row" data-code="{escape(p.code)}" data-status="{status}"'
        f' data-in-cap="{str(p.counts_toward_cap).lower()}">',
        f'<text class="name"><title>{escape(name)}</title>{tspans}</text>',
    ]
    if p.baseline_start is not None and p.baseline_end is not None:
        bx = x(p.baseline_start)
        out.append(
            f'<rect class="base" x="{bx:.1f}" y="{y + 4:.1f}" '
            f'width="{max(1.0, x(p.baseline_end) - bx):.1f}" height="5" fill="none">'
            f"<title>{escape(t['baseline'])}: {escape(_fd(p.baseline_start, lang))} – "
            f"{escape(_fd(p.baseline_end, lang))}</title></rect>"
        )
    bx = x(p.start)
    bw = max(2.0, x(p.end) - bx)
    tip = (
        f"{name}: {_fd(p.start, lang)} – {_fd(p.end, lang)} "
        f"({(p.end - p.start).days} {t['days']}) · {st.label(lang)}"
        + ("" if p.counts_toward_cap else f" · {t['outside_cap']}")
    )
    out.append(
        f'<rect class="bar st-{status}" x="{bx:.1f}" y="{y + 11:.1f}" width="{bw:.1f}" '
        f'height="16" rx="2" fill="{fill_url(prefix, status)}"><title>{escape(tip)}</title></rect>'
    )
    for m in p.milestones:
        label = _milestone_label(m.kind, lang)
        out.append(diamond(x(m.date), y + 19, 5, m.status, f"{label}: {_fd(m.date, lang)}"))
    out.append("</g>")
    return out


def _fd(d: date, lang: str) -> str:
    return format_date(d, lang)
