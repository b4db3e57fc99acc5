"""Read-side queries for the case manager's dashboard (overblik): risk flags,
filters and workload. Always start from ``selectors.visible_cases(user)``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet

from rodloeber.accounts.models import User
from rodloeber.cases.models import (
    OPEN_STATUSES,
    Case,
    CaseStatus,
    Milestone,
    Pause,
    PermitStatus,
)
from rodloeber.cases.search import search_cases
from rodloeber.cases.services.assignment import case_managers, workloads

#: A case is at risk when P(decided within the cap) is below this.
RISK_THRESHOLD = 0.5
#: A pause open longer than this many days is "paused too long".
PAUSED_TOO_LONG_DAYS = 60

RISK_LOW_P = "low_probability"
RISK_OVERDUE = "overdue_milestones"
RISK_PAUSED = "paused_too_long"
RISK_INFO_OVERDUE = "information_overdue"


@dataclass(frozen=True)
class CaseFilters:
    """List filters (filtre) shared by the list endpoint, the export and the UI."""

    status: str | None = None
    contact_person_id: int | None = None
    at_risk: bool | None = None
    q: str | None = None
    kommune_kode: str | None = None
    authority_code: str | None = None


def risk_flags(cases: Iterable[Case], today: date) -> dict[int, list[str]]:
    """Case id → risk flags (risikoflag) for the given cases."""
    case_list = list(cases)
    flags: dict[int, list[str]] = {c.pk: [] for c in case_list}
    ids = [c.pk for c in case_list if c.status == CaseStatus.IN_PROGRESS]
    for c in case_list:
        low = c.p_within_cap is not None and c.p_within_cap < RISK_THRESHOLD
        if c.status == CaseStatus.IN_PROGRESS and low:
            flags[c.pk].append(RISK_LOW_P)
        if (
            c.status == CaseStatus.INFORMATION_REQUESTED
            and c.info_due_on is not None
            and c.info_due_on < today
        ):
            flags[c.pk].append(RISK_INFO_OVERDUE)
    if ids:
        overdue = set(
            Milestone.objects.filter(
                permit__case_id__in=ids, actual__isnull=True, forecast__lt=today
            )
            .exclude(permit__status=PermitStatus.DECIDED)
            .values_list("permit__case_id", flat=True)
        )
        paused = set(
            Pause.objects.filter(
                permit__case_id__in=ids,
                resume__isnull=True,
                start__lt=today - timedelta(days=PAUSED_TOO_LONG_DAYS),
            ).values_list("permit__case_id", flat=True)
        )
        for cid in overdue:
            flags[cid].append(RISK_OVERDUE)
        for cid in paused:
            flags[cid].append(RISK_PAUSED)
    return flags


def filter_cases(qs: QuerySet[Case], f: CaseFilters, today: date) -> list[Case]:
    """Apply the filters to a visible queryset (at-risk is evaluated in Python)."""
    if f.status:
        qs = qs.filter(status=f.status)
    if f.contact_person_id is not None:
        qs = qs.filter(contact_person_id=f.contact_person_id)
    if f.q:
        qs = search_cases(qs, f.q)
    if f.kommune_kode:
        qs = qs.filter(facts__site__kommune_kode=f.kommune_kode)
    if f.authority_code:
        qs = qs.filter(permits__authority_code=f.authority_code).distinct()
    # contact_person__organisation: every summary names the contact's organisation (no N+1)
    cases = list(qs.select_related("company", "contact_person__organisation"))
    if f.at_risk is not None:
        flags = risk_flags(cases, today)
        cases = [c for c in cases if bool(flags[c.pk]) == f.at_risk]
    return cases


@dataclass(frozen=True)
class Workload:
    user_id: int
    username: str
    name: str
    open_cases: int
    weighted: int


def workload_table() -> list[Workload]:
    """Open cases and weighted load per case manager (arbejdsbyrde)."""
    loads = workloads()
    out = []
    for u in case_managers():
        n = Case.objects.filter(contact_person=u, status__in=OPEN_STATUSES).count()
        out.append(Workload(u.pk, u.username, u.get_full_name(), n, loads.get(u.pk, 0)))
    return out


def my_cases(user: User, qs: QuerySet[Case]) -> QuerySet[Case]:
    return qs.filter(contact_person=user, status__in=OPEN_STATUSES)
