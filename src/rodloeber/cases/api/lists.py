"""Case list with filters, the case manager's dashboard and the CSV/XLSX export.
Everything starts from ``visible_cases(caller)``: no row the caller may not see."""

from __future__ import annotations

from collections import Counter
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from rodloeber.accounts.current import caller
from rodloeber.cases.access import access_log_many
from rodloeber.cases.api.common import today
from rodloeber.cases.api.schemas import DashboardOut
from rodloeber.cases.dashboard import (
    PAUSED_TOO_LONG_DAYS,
    RISK_THRESHOLD,
    CaseFilters,
    filter_cases,
    my_cases,
    risk_flags,
    workload_table,
)
from rodloeber.cases.errors import NotFound
from rodloeber.cases.export import export_response
from rodloeber.cases.selectors import is_case_manager, visible_cases
from rodloeber.cases.serialize import case_summary
from rodloeber.core.api_errors import ERRORS
from rodloeber.core.web import CSV, XLSX, file_responses

router = Router(tags=["cases"])


class ListQuery(Schema):
    status: str | None = None
    mine: bool | None = None
    at_risk: bool | None = None
    q: str | None = None
    kommune: str | None = None
    authority: str | None = None


def _summaries(request: HttpRequest, f: ListQuery) -> list[dict[str, Any]]:
    user = caller(request)
    filters = CaseFilters(
        status=f.status,
        contact_person_id=user.pk if f.mine else None,
        at_risk=f.at_risk,
        q=(f.q or "").strip()[:100] or None,
        kommune_kode=f.kommune,
        authority_code=f.authority,
    )
    now = today()
    cases = filter_cases(visible_cases(user), filters, now)
    flags = risk_flags(cases, now)
    return [case_summary(c, flags[c.pk]) for c in cases]


def list_cases(request: HttpRequest, filters: ListQuery) -> Any:
    """Filters: `status`, `mine` (my cases as contact person), `at_risk`, `q`
    (reference, title, company, CVR), `kommune` (site code), `authority` (permit
    authority code). Only cases the caller may see."""
    return _summaries(request, filters)  # mounted as GET /cases in cases/api/router.py


@router.get(
    "/cases/dashboard",
    response={200: DashboardOut, **ERRORS},
    summary="Case manager dashboard",
    operation_id="cases_dashboard",
)
def dashboard(request: HttpRequest) -> Any:
    """Case managers: my open cases, cases at risk (P(within cap) below the
    threshold, overdue milestones, paused too long) and workload per case manager."""
    user = caller(request)
    if not is_case_manager(user):
        raise NotFound()
    now = today()
    qs = visible_cases(user)
    mine = list(my_cases(user, qs).select_related("company", "contact_person"))
    all_cases = list(qs)
    flags = risk_flags(all_cases, now)
    return {
        "my_cases": [case_summary(c, flags.get(c.pk)) for c in mine],
        "at_risk": [case_summary(c, flags[c.pk]) for c in all_cases if flags[c.pk]],
        "workload": [w.__dict__ for w in workload_table()],
        "counts_by_status": dict(Counter(c.status for c in all_cases)),
        "risk_threshold": RISK_THRESHOLD,
        "paused_too_long_days": PAUSED_TOO_LONG_DAYS,
    }


class ExportQuery(ListQuery):
    format: Literal["csv", "xlsx"] = "csv"


@router.get(
    "/cases/export",
    summary="Export the case list (CSV or XLSX)",
    operation_id="cases_export",
    openapi_extra=file_responses(CSV, XLSX, description="The case list"),
)
def export_cases(request: HttpRequest, filters: Query[ExportQuery]) -> HttpResponse:
    """The filtered case list as CSV (semicolon, UTF-8 with BOM) or XLSX; only
    cases the caller may see."""
    summaries = _summaries(request, filters)
    access_log_many(viewer=caller(request), cases=[s["id"] for s in summaries], what="export")
    return export_response(summaries, filters.format, today())
