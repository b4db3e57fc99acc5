"""Public pages (no log-in): statistics with charts and downloads, published
schedules. Nothing confidential: see ``figures`` and ``published``."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from rodloeber.cases.presenters import current_plan, plan_context
from rodloeber.core.gantt import gantt_download
from rodloeber.core.web import CSV, XLSX, download_response, page_language
from rodloeber.reports import tables
from rodloeber.reports.access import can_read_reports
from rodloeber.reports.charts import render_chart
from rodloeber.reports.figures import Scope, min_group_size
from rodloeber.reports.published import (
    published_case,
    published_cases,
    schedule_changes,
    schedule_summary,
)
from rodloeber.reports.statistics import computed_figures, figure_by_key, public_figures
from rodloeber.reports.tables import Figure, cell_text


def figure_context(fig: Figure, language: str) -> dict[str, Any]:
    """Everything a template needs to show one figure: chart, table, downloads."""
    # The SVG comes from our own renderer, which escapes every text it writes.
    svg: SafeString = mark_safe(render_chart(fig, language))  # noqa: S308
    rows = []
    for r in fig.rows:
        cells = []
        for c in fig.columns:
            if c.kind == tables.TEXT:
                value = r.get("label_en") if language == "en" else r.get(c.key)
                cells.append(str(value if value is not None else ""))
            else:
                cells.append(cell_text(r.get(c.key), c.kind, language))
        rows.append(cells)
    return {
        "key": fig.key,
        "title": fig.title(language),
        "desc": fig.desc(language),
        "svg": svg,
        "headers": [c.label(language) for c in fig.columns],
        "rows": rows,
        "suppressed": fig.suppressed,
        "synthetic": fig.synthetic,
    }


def statistics_page(request: HttpRequest) -> HttpResponse:
    """/statistik — the public statistics."""
    language = page_language()
    generated_at, figures = computed_figures(Scope.default())
    return render(
        request,
        "reports/statistics.html",
        {
            "figures": [figure_context(f, language) for f in figures],
            # The rendered figures are cached with the figures themselves.
            "figures_cache_seconds": settings.RODLOEBER_STATISTICS_CACHE_SECONDS,
            "figures_generated_at": generated_at.isoformat(),
            "min_group": min_group_size(),
            "synthetic": any(f.synthetic for f in figures),
            "as_of": timezone.localdate(),
            "may_read_reports": can_read_reports(request.user),
        },
    )


def figure_csv(request: HttpRequest, key: str) -> HttpResponse:
    fig = figure_by_key(key, Scope.default())
    if fig is None:
        raise Http404
    return download_response(tables.to_csv(fig, page_language()), CSV, f"{key}.csv")


def figure_xlsx(request: HttpRequest, key: str) -> HttpResponse:
    fig = figure_by_key(key, Scope.default())
    if fig is None:
        raise Http404
    return download_response(tables.to_xlsx([fig], page_language()), XLSX, f"{key}.xlsx")


def all_xlsx(request: HttpRequest) -> HttpResponse:
    figs = public_figures(Scope.default())
    return download_response(tables.to_xlsx(figs, page_language()), XLSX, "statistik.xlsx")


def schedule_list(request: HttpRequest) -> HttpResponse:
    """/statistik/tidsplaner — published schedules."""
    cases = [schedule_summary(c) for c in published_cases(Scope.default())[:500]]
    return render(request, "reports/schedule_list.html", {"schedules": cases})


def schedule_detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """/statistik/tidsplaner/<uuid> — one published timetable and its changes."""
    case = published_case(Scope.default(), public_id)
    if case is None:
        raise Http404
    language = page_language()
    if request.GET.get("format") == "svg":
        plan = current_plan(case)
        if plan is None:
            raise Http404
        return gantt_download(
            plan, lang=language, filename=f"tidsplan-{public_id}.svg", today=timezone.localdate()
        )
    ctx: dict[str, Any] = {
        "s": schedule_summary(case),
        "changes": schedule_changes(case, language),
        **plan_context(case, language, timezone.localdate()),
    }
    return render(request, "reports/schedule_detail.html", ctx)
