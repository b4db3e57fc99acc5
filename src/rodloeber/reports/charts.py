"""Server-rendered SVG charts (diagrammer) for a :class:`Figure`: horizontal bars
or a line per quarter. Each SVG has ``role="img"`` with ``<title>`` and
``<desc>`` (the text alternative); the data table under it is the full
alternative. Suppressed values are not drawn and are labelled "–"."""

from __future__ import annotations

from html import escape

from rodloeber.reports.tables import SHARE, Figure, cell_text

BAR_COLOUR = "#0059b3"  # DKFDS primary, contrast ≥ 4.5:1 on white
TEXT_COLOUR = "#1a1a1a"
GRID_COLOUR = "#bfbfbf"


def _label(row: dict[str, object], lang: str) -> str:
    value = row.get("label_en") if lang == "en" else row.get("label")
    return str(value if value is not None else row.get("key", ""))


def _desc(fig: Figure, lang: str) -> str:
    col = next(c for c in fig.columns if c.key == fig.chart_value)
    parts = [f"{_label(r, lang)}: {cell_text(r.get(col.key), col.kind, lang)}" for r in fig.rows]
    return f"{fig.desc(lang)} {col.label(lang)} — " + "; ".join(parts) + "."


def render_chart(fig: Figure, lang: str = "da") -> str:
    """The figure's chart as an SVG string, or "" for table-only figures."""
    if not fig.chart or not fig.rows:
        return ""
    if fig.chart == "line":
        return _line(fig, lang)
    return _bars(fig, lang)


def _head(fig: Figure, lang: str, width: int, height: int) -> str:
    uid = f"chart-{fig.key}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rl-chart" role="img" '
        f'width="100%" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{uid}-title {uid}-desc" focusable="false">'
        f'<title id="{uid}-title">{escape(fig.title(lang))}</title>'
        f'<desc id="{uid}-desc">{escape(_desc(fig, lang))}</desc>'
    )


def _bars(fig: Figure, lang: str) -> str:
    col = next(c for c in fig.columns if c.key == fig.chart_value)
    label_w, value_w, bar_h, gap, width = 300, 90, 22, 10, 860
    height = len(fig.rows) * (bar_h + gap) + gap
    values = [r.get(col.key) for r in fig.rows]
    top = max([float(v) for v in values if isinstance(v, int | float)] + [0.0])
    if col.kind == SHARE:
        top = 1.0  # shares are drawn against 100 %
    plot_w = width - label_w - value_w
    out = [_head(fig, lang, width, height)]
    for i, r in enumerate(fig.rows):
        y = gap + i * (bar_h + gap)
        v = r.get(col.key)
        label = _label(r, lang)
        short = label if len(label) <= 42 else label[:40] + "…"
        out.append(
            f'<text x="{label_w - 8}" y="{y + bar_h * 0.7:.1f}" text-anchor="end" '
            f'font-size="14" fill="{TEXT_COLOUR}">{escape(short)}</text>'
        )
        w = 0.0 if not isinstance(v, int | float) or top == 0 else float(v) / top * plot_w
        if w > 0:
            out.append(
                f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                f'fill="{BAR_COLOUR}"/>'
            )
        out.append(
            f'<text x="{label_w + w + 6:.1f}" y="{y + bar_h * 0.7:.1f}" font-size="14" '
            f'fill="{TEXT_COLOUR}">{escape(cell_text(v, col.kind, lang))}</text>'
        )
    out.append(f'<line x1="{label_w}" y1="0" x2="{label_w}" y2="{height}" stroke="{GRID_COLOUR}"/>')
    out.append("</svg>")
    return "".join(out)


def _line(fig: Figure, lang: str) -> str:
    col = next(c for c in fig.columns if c.key == fig.chart_value)
    left, right, top_pad, bottom, width, height = 60, 20, 20, 50, 860, 280
    n = len(fig.rows)
    values = [r.get(col.key) for r in fig.rows]
    top = max([float(v) for v in values if isinstance(v, int | float)] + [1.0])
    plot_w, plot_h = width - left - right, height - top_pad - bottom

    def x(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top_pad + plot_h - v / top * plot_h

    out = [_head(fig, lang, width, height)]
    for tick in (0.0, top / 2, top):
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="{GRID_COLOUR}"/><text x="{left - 6}" y="{y(tick) + 5:.1f}" '
            f'text-anchor="end" font-size="13" fill="{TEXT_COLOUR}">{tick:.0f}</text>'
        )
    segment: list[str] = []
    for i, v in enumerate(values):
        if isinstance(v, int | float):
            segment.append(f"{x(i):.1f},{y(float(v)):.1f}")
            out.append(
                f'<circle cx="{x(i):.1f}" cy="{y(float(v)):.1f}" r="4" fill="{BAR_COLOUR}"/>'
            )
        else:  # a gap for suppressed values
            if len(segment) > 1:
                out.append(_polyline(segment))
            segment = []
        step = max(1, n // 12)
        if i % step == 0 or i == n - 1:
            out.append(
                f'<text x="{x(i):.1f}" y="{height - bottom + 20}" text-anchor="middle" '
                f'font-size="13" fill="{TEXT_COLOUR}">{escape(_label(fig.rows[i], lang))}</text>'
            )
    if len(segment) > 1:
        out.append(_polyline(segment))
    out.append("</svg>")
    return "".join(out)


def _polyline(points: list[str]) -> str:
    joined = " ".join(points)
    return f'<polyline points="{joined}" fill="none" stroke="{BAR_COLOUR}" stroke-width="3"/>'
