"""The case list (/sager) with filters and export, and the case manager's
overview (mine, at risk, workload). Only cases from ``visible_cases``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from rodloeber.accounts.current import caller
from rodloeber.accounts.models import Organisation
from rodloeber.accounts.roles import Role
from rodloeber.cases.access import access_log_many
from rodloeber.cases.dashboard import (
    PAUSED_TOO_LONG_DAYS,
    RISK_THRESHOLD,
    CaseFilters,
    filter_cases,
    my_cases,
    risk_flags,
    workload_table,
)
from rodloeber.cases.export import export_response
from rodloeber.cases.models import CaseStatus, Notice, Permit
from rodloeber.cases.selectors import is_case_manager, visible_cases
from rodloeber.cases.serialize import case_summary
from rodloeber.cases.views.detail import STATUS_BADGE
from rodloeber.domain.catalogue import load_catalogue


def _filters(request: HttpRequest) -> tuple[CaseFilters, dict[str, Any]]:
    g = request.GET
    status = g.get("status", "")
    status = status if status in CaseStatus.values else ""
    risk = g.get("at_risk", "")
    risk = risk if risk in ("1", "0") else ""
    authority = g.get("authority", "").strip()[:16]
    q = g.get("q", "").strip()[:100]
    mine = g.get("mine", "") == "1"
    values = {"status": status, "authority": authority, "at_risk": risk, "q": q, "mine": mine}
    user = caller(request)
    return (
        CaseFilters(
            status=status or None,
            contact_person_id=user.pk if mine else None,
            at_risk=None if not risk else risk == "1",
            q=q or None,
            authority_code=authority or None,
        ),
        values,
    )


def _summaries(request: HttpRequest) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    user = caller(request)
    f, values = _filters(request)
    today = timezone.localdate()
    cases = filter_cases(visible_cases(user), f, today)
    flags = risk_flags(cases, today)
    out = []
    for c in cases:
        s = case_summary(c, flags[c.pk])
        s["badge"] = STATUS_BADGE.get(CaseStatus(c.status), "badge-info")
        out.append(s)
    return out, values


def _authority_choices(request: HttpRequest) -> list[tuple[str, str]]:
    codes = (
        Permit.objects.filter(case__in=visible_cases(caller(request)))
        .exclude(authority_code="")
        .values_list("authority_code", flat=True)
        .distinct()
    )
    en = (get_language() or "da").startswith("en")
    # Authorities outside the platform (grid company, museum) by their catalogue
    # name, never by their internal code (e.g. GRID).
    names = {
        code: (a.name_en if en else a.name_da) for code, a in load_catalogue().authorities.items()
    }
    for code, name, name_en in Organisation.objects.filter(
        authority_code__in=list(codes)
    ).values_list("authority_code", "name", "name_en"):
        if code:
            names[code] = (name_en or name) if en else name
    return sorted(((c, names.get(c, c)) for c in set(codes)), key=lambda x: x[1])


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    """/sager: the caller's cases; case managers also get their overview."""
    user = caller(request)
    summaries, values = _summaries(request)
    query = request.GET.copy()
    query.pop("format", None)
    context: dict[str, Any] = {
        "cases": summaries,
        "filters": values,
        "statuses": CaseStatus.choices,
        "authorities": _authority_choices(request),
        "query": query.urlencode(),
        "is_manager": is_case_manager(user),
        "is_company": user.role == Role.COMPANY_USER,
        "notices": list(Notice.objects.filter(user=user, read_at__isnull=True)[:10]),
    }
    if context["is_manager"]:
        today = timezone.localdate()
        qs = visible_cases(user)
        all_cases = list(qs)
        flags = risk_flags(all_cases, today)
        context.update(
            {
                "my_cases": [case_summary(c, flags.get(c.pk)) for c in my_cases(user, qs)],
                "at_risk": [case_summary(c, flags[c.pk]) for c in all_cases if flags[c.pk]],
                "workload": workload_table(),
                "risk_threshold_pct": round(RISK_THRESHOLD * 100),
                "paused_days": PAUSED_TOO_LONG_DAYS,
            }
        )
    return render(request, "cases/list.html", context)


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """/sager/eksport?format=csv|xlsx: the filtered list the caller may see."""
    summaries, _values = _summaries(request)
    access_log_many(viewer=caller(request), cases=[s["id"] for s in summaries], what="export")
    return export_response(summaries, request.GET.get("format", "csv"), timezone.localdate())
