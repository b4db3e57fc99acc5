"""The Gantt chart on pages and as a downloaded SVG file.

Pages draw the chart inline and link ``rodloeber/gantt.css`` (the CSP forbids
inline style). A downloaded SVG must carry its own styles, so it embeds the
text of that same static file: one home for the chart's look, and the file
looks like the page.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from django.http import HttpResponse
from django.utils.safestring import SafeString, mark_safe

from rodloeber.domain.catalogue import load_catalogue
from rodloeber.domain.planning import GanttRow, Plan, gantt_table_rows, render_gantt_svg
from rodloeber.domain.planning.duration_evidence import duration_evidence

GANTT_CSS = Path(__file__).resolve().parents[1] / "static" / "rodloeber" / "gantt.css"


@cache
def gantt_stylesheet() -> str:
    """The chart's stylesheet (the static file ``rodloeber/gantt.css``)."""
    return GANTT_CSS.read_text(encoding="utf-8")


def gantt_inline(plan: Plan, *, lang: str, today: date | None = None) -> SafeString:
    """The chart for a page (styles come from the linked static file)."""
    # Our own renderer escapes every text it writes.
    return mark_safe(render_gantt_svg(plan, lang=lang, today=today))  # noqa: S308


def gantt_download(
    plan: Plan, *, lang: str, filename: str, today: date | None = None, title: str | None = None
) -> HttpResponse:
    """The chart as a standalone SVG file with its styles embedded."""
    svg = render_gantt_svg(plan, lang=lang, today=today, title=title, stylesheet=gantt_stylesheet())
    response = HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + svg, content_type="image/svg+xml"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A downloaded SVG opened directly must not run anything: it has no script,
    # and this keeps it so even if it is served inline by a proxy.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


def gantt_rows(plan: Plan, *, lang: str, today: date | None = None) -> list[GanttRow]:
    """The table alternative, with each permit's typical duration and its source."""
    evidence = duration_evidence(load_catalogue().permit_types.values())
    return gantt_table_rows(plan, lang=lang, today=today, evidence=evidence)
