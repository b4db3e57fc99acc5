"""Accessible server-rendered Gantt chart (Gantt-diagram) as an SVG string.

Pure function, no JavaScript: ``role="img"`` with ``<title>``/``<desc>`` via
``aria-labelledby``; every text is escaped; the critical path is marked by a
hatch pattern and a text suffix (not colour alone); the cap line, the clock
start and "today" are drawn; baseline bars sit above the current bars, and
actual milestones are filled while planned ones are hollow. Black-and-white
printable. :func:`gantt_table_rows` gives the data of the table alternative.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

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
        "legend_critical": "Kritisk vej (skraveret)",
        "bar": "Tilladelse",
        "desc": (
            "{n} tilladelser fra {start} til {end}. Kritisk vej: {path}. "
            "Fristen udløber {cap}. {risk}"
        ),
        "risk": "Sandsynlighed for at nå fristen: {p} %.",
        "days": "dage",
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
        "legend_critical": "Critical path (hatched)",
        "bar": "Permit",
        "desc": (
            "{n} permits from {start} to {end}. Critical path: {path}. "
            "The cap expires {cap}. {risk}"
        ),
        "risk": "Probability of meeting the cap: {p} %.",
        "days": "days",
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


def fit_label(text: str, width_px: int, char_px: float = 6.6) -> str:
    """Shorten a row label to fit the label column (the full name stays in a <title>)."""
    max_chars = max(4, int((width_px - 16) / char_px))
    return text if len(text) <= max_chars else text[: max_chars - 1].rstrip() + "…"


def gantt_table_rows(plan: Plan, lang: str = "da") -> list[GanttRow]:
    """Data for an accessible HTML table showing the same as the chart."""
    rows = []
    for p in plan.permits:
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


def _diamond(x: float, y: float, r: float, cls: str, tip: str) -> str:
    pts = f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"
    return f'<polygon class="ms {cls}" points="{pts}"><title>{escape(tip)}</title></polygon>'


def _style(id_prefix: str) -> str:
    """The chart's CSS as an SVG ``<style>`` element (standalone files only)."""
    return (
        "<style>"
        ".rl-gantt text{font-family:'IBM Plex Sans',Arial,sans-serif;font-size:12px;fill:#1a1a1a}"
        ".rl-gantt .bar{fill:#5b7fa6;stroke:#1a1a1a;stroke-width:1}"
        f".rl-gantt .crit{{fill:url(#{id_prefix}-hatch);stroke:#000;stroke-width:2}}"
        ".rl-gantt .base{fill:none;stroke:#1a1a1a;stroke-dasharray:3 2}"
        ".rl-gantt .done{fill:#1a1a1a;opacity:.55}"
        ".rl-gantt .grid{stroke:#ccc;stroke-width:1}"
        ".rl-gantt .cap{stroke:#000;stroke-width:2;stroke-dasharray:6 3}"
        ".rl-gantt .today{stroke:#00704a;stroke-width:2}"
        ".rl-gantt .start{stroke:#1a1a1a;stroke-width:1}"
        ".rl-gantt .ms{stroke:#000;stroke-width:1.2}"
        ".rl-gantt .planned{fill:#fff}.rl-gantt .actual{fill:#000}"
        ".rl-gantt .forecast{fill:#fff;stroke-dasharray:2 1}"
        "@media print{.rl-gantt .bar{fill:#ddd}.rl-gantt .grid{stroke:#999}}"
        "</style>"
    )


def render_gantt_svg(
    plan: Plan,
    *,
    lang: str = "da",
    title: str | None = None,
    today: date | None = None,
    width: int = 960,
    id_prefix: str = "gantt",
    embedded: bool = False,
) -> str:
    """Render the plan as an accessible SVG Gantt chart (string).

    ``embedded``: for inline use in an HTML page, without the ``<style>``
    element (the page's CSP forbids inline styles; ``static/rodloeber/site.css``
    carries the same rules for ``id_prefix="gantt"``). Standalone files keep it."""
    t = _t(lang)
    label_w, right, row_h, top = 260, 24, 30, 56
    legend_h = 56
    height = top + row_h * max(1, len(plan.permits)) + legend_h
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

    heading = title or t["title"]
    risk = ""
    if plan.p_within_cap is not None:
        risk = t["risk"].format(p=round(plan.p_within_cap * 100))
    desc = t["desc"].format(
        n=len(plan.permits),
        start=plan.clock_start.isoformat(),
        end=plan.expected_end.isoformat(),
        path=" → ".join(plan.critical_path) or "—",
        cap=plan.cap_deadline.isoformat(),
        risk=risk,
    )
    tid, did = f"{id_prefix}-title", f"{id_prefix}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{tid} {did}" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" lang="{escape(lang)}" class="rl-gantt">',
        f'<title id="{tid}">{escape(heading)}</title>',
        f'<desc id="{did}">{escape(desc)}</desc>',
        "<defs>"
        f'<pattern id="{id_prefix}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#b3261e"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="2"/></pattern>'
        "</defs>",
    ]
    if not embedded:
        out.append(_style(id_prefix))
    axis_y = top - 10
    months = _month_starts(first, last)
    step = 1 if len(months) <= 14 else 3 if len(months) <= 42 else 6
    for i, month in enumerate(months):
        mx = x(month)
        out.append(
            f'<line class="grid" x1="{mx:.1f}" y1="{axis_y:.1f}" x2="{mx:.1f}" '
            f'y2="{height - legend_h:.1f}"/>'
        )
        if i % step == 0 and mx < width - 56:
            tick = month.strftime("%Y-%m")
            out.append(f'<text x="{mx + 2:.1f}" y="{axis_y - 4:.1f}">{tick}</text>')
    for i, p in enumerate(plan.permits):
        y = top + i * row_h
        name = _name(p, lang) + (f" ({t['critical']})" if p.on_critical_path else "")
        out.append(f'<g class="row" data-code="{escape(p.code)}">')
        out.append(
            f'<text x="8" y="{y + row_h / 2 + 4:.1f}"><title>{escape(name)}</title>'
            f"{escape(fit_label(name, label_w))}</text>"
        )
        if p.baseline_start is not None and p.baseline_end is not None:
            bx = x(p.baseline_start)
            out.append(
                f'<rect class="base" x="{bx:.1f}" y="{y + 3:.1f}" '
                f'width="{max(1.0, x(p.baseline_end) - bx):.1f}" height="5">'
                f"<title>{escape(t['baseline'])}: {p.baseline_start} – {p.baseline_end}"
                "</title></rect>"
            )
        bx = x(p.start)
        bw = max(2.0, x(p.end) - bx)
        cls = "bar crit" if p.on_critical_path else "bar"
        tip = f"{_name(p, lang)}: {p.start} – {p.end} ({(p.end - p.start).days} {t['days']})"
        out.append(
            f'<rect class="{cls}" x="{bx:.1f}" y="{y + 9:.1f}" width="{bw:.1f}" height="14" '
            f'rx="2"><title>{escape(tip)}</title></rect>'
        )
        done = [m.date for m in p.milestones if m.status == "actual" and m.date <= p.end]
        if done:
            out.append(
                f'<rect class="done" x="{bx:.1f}" y="{y + 13:.1f}" '
                f'width="{max(1.0, x(max(done)) - bx):.1f}" height="6"/>'
            )
        for m in p.milestones:
            label = _milestone_label(m.kind, lang)
            out.append(_diamond(x(m.date), y + 16, 5, m.status, f"{label}: {m.date}"))
        out.append("</g>")
    bottom = height - legend_h
    for cls, d, text in (
        ("cap", plan.cap_deadline, f"{t['cap']}: {plan.cap_deadline}"),
        ("today", today, f"{t['today']}: {today}"),
        ("start", plan.clock_start, f"{t['clock_start']}: {plan.clock_start}"),
    ):
        if d is None:
            continue
        lx = x(d)
        out.append(
            f'<line class="{cls}" x1="{lx:.1f}" y1="{top - 6}" x2="{lx:.1f}" y2="{bottom:.1f}"/>'
        )
        anchor = "end" if lx > width - 120 else "start"
        out.append(
            f'<text x="{lx + (-4 if anchor == "end" else 4):.1f}" y="{top + 4}" '
            f'text-anchor="{anchor}">{escape(text)}</text>'
        )
    ly = bottom + 20
    legend = [
        ('<rect class="bar" x="{x}" y="{y}" width="18" height="10"/>', t["bar"]),
        ('<rect class="bar crit" x="{x}" y="{y}" width="18" height="10"/>', t["legend_critical"]),
        ('<rect class="base" x="{x}" y="{y}" width="18" height="5"/>', t["baseline"]),
        ('<line class="cap" x1="{xm}" y1="{y}" x2="{xm}" y2="{y2}"/>', t["cap"]),
    ]
    lx0 = 8.0
    for shape, text in legend:
        out.append(shape.format(x=lx0, y=ly - 9, xm=lx0 + 9, y2=ly + 3))
        out.append(f'<text x="{lx0 + 24:.1f}" y="{ly:.1f}">{escape(text)}</text>')
        lx0 += 40 + 7 * len(text)
    for status in ("planned", "actual", "forecast"):
        out.append(_diamond(lx0 + 6, ly - 4, 5, status, t[status]))
        out.append(f'<text x="{lx0 + 16:.1f}" y="{ly:.1f}">{escape(t[status])}</text>')
        lx0 += 30 + 7 * len(t[status])
    out.append("</svg>")
    return "\n".join(out)
