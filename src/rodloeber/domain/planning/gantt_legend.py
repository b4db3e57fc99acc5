"""The Gantt chart's legend (signaturforklaring) and shared shapes.

The legend repeats every bar status with the same colour and pattern as the
bars, and the lines and milestone shapes actually drawn.
"""

from __future__ import annotations

from html import escape

from rodloeber.domain.planning.gantt_layout import BAR_STATUSES, text_width

__all__ = ["LANE_H", "diamond", "fill_url", "legend_items", "legend_layout", "render_legend"]

LANE_H = 15  # px per marker-label lane and per legend line unit


def diamond(x: float, y: float, r: float, cls: str, tip: str) -> str:
    pts = f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"
    return f'<polygon class="ms {cls}" points="{pts}"><title>{escape(tip)}</title></polygon>'


def fill_url(prefix: str, status: str) -> str:
    return f"url(#{prefix}-st-{status})"


#: Legend entry kinds: ("status", code) | ("base", "") | ("line", cls) | ("ms", status)
LegendItem = tuple[str, str, str]


def legend_items(t: dict[str, str], lang: str, *, today: bool, baseline: bool) -> list[LegendItem]:
    """Every bar status always (the legend is the key); lines only when drawn."""
    items: list[LegendItem] = [("status", s.code, s.label(lang)) for s in BAR_STATUSES.values()]
    if baseline:
        items.append(("base", "", t["baseline"]))
    items.append(("line", "cap", t["cap"]))
    if today:
        items.append(("line", "today", t["today"]))
    items += [("ms", s, t[s]) for s in ("planned", "actual", "forecast")]
    return items


def legend_layout(items: list[LegendItem], width: int) -> list[list[tuple[float, LegendItem]]]:
    """Flow the legend entries into lines that fit the chart width."""
    lines: list[list[tuple[float, LegendItem]]] = [[]]
    lx = 8.0
    for item in items:
        w = 30 + text_width(item[2]) + 14
        if lx + w > width - 8 and lines[-1]:
            lines.append([])
            lx = 8.0
        lines[-1].append((lx, item))
        lx += w
    return lines


def render_legend(lines: list[list[tuple[float, LegendItem]]], y0: float, prefix: str) -> list[str]:
    out = ['<g class="legend">']
    for n, line in enumerate(lines):
        ly = y0 + n * LANE_H * 1.4
        for lx, (kind, code, text) in line:
            if kind == "status":
                out.append(
                    f'<rect class="bar st-{code}" x="{lx}" y="{ly - 10}" width="22" height="12" '
                    f'rx="2" fill="{fill_url(prefix, code)}"/>'
                )
            elif kind == "base":
                out.append(
                    f'<rect class="base" x="{lx}" y="{ly - 7}" width="22" height="5" fill="none"/>'
                )
            elif kind == "line":
                out.append(
                    f'<line class="marker {code}" x1="{lx + 11}" y1="{ly - 12}" '
                    f'x2="{lx + 11}" y2="{ly + 3}"/>'
                )
            else:
                out.append(diamond(lx + 11, ly - 4, 5, code, text))
            out.append(f'<text x="{lx + 28:.1f}" y="{ly:.1f}">{escape(text)}</text>')
    out.append("</g>")
    return out
