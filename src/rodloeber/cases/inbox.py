"""The task inbox (opgaver) of one user, live from the case data.

Everything starts from ``selectors.visible_cases(user)``, so a task never
points at a case the user may not open. Each source is bounded
(``PER_SOURCE``) so the start page and the header count stay cheap. Order and
urgency come from :mod:`rodloeber.domain.tasks`.

* company users: requests for information to answer, drafts to finish,
  unread messages and new documents on their own cases;
* case managers (kontaktpersoner): completeness checks of their cases with the
  45-day deadline (NZIA art. 9(10)), pending extension requests, milestones of
  permits the one-stop-shop keeps up to date, plan alerts, messages, documents;
* authority caseworkers: their authority's overdue and upcoming milestones,
  call-in requests addressed to it, plan alerts, messages, documents.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.cases.models import (
    AccessLog,
    AccessWhat,
    CallIn,
    Case,
    CaseStatus,
    Document,
    ExtensionRequest,
    Message,
    Milestone,
    PermitStatus,
    RequestStatus,
)
from rodloeber.cases.plan_alerts import alert_threshold, plan_alerts_for_cases
from rodloeber.cases.selectors import is_authority_caseworker, is_case_manager, visible_cases
from rodloeber.cases.serialize import milestone_dict
from rodloeber.cases.services.completeness import ACKNOWLEDGE_WITHIN_DAYS
from rodloeber.core.web import page_language
from rodloeber.domain.navigator.model import PLANNED_CERTAINTIES
from rodloeber.domain.tasks import DUE_SOON_DAYS, Task, TaskKind, sort_tasks

#: At most this many tasks per source (bounded work per request).
PER_SOURCE = 50
#: Documents older than this are not offered for review any more.
DOCUMENT_REVIEW_DAYS = 90

NZIA_ACK_SOURCE = "NZIA art. 9, stk. 10"  # shown through the legal_basis filter


def _url(case_id: int, anchor: str = "") -> str:
    url = reverse("cases:detail", args=[case_id])
    return f"{url}#{anchor}" if anchor else url


def _permit_name(name_da: str, name_en: str) -> str:
    return (name_en or name_da) if page_language() == "en" else name_da


def _my_cases(user: User) -> QuerySet[Case]:
    """The cases whose tasks are this user's (a subset of the visible ones)."""
    cases = visible_cases(user)
    if is_case_manager(user):
        return cases.filter(Q(contact_person=user) | Q(contact_person__isnull=True))
    return cases


def _milestone_tasks(user: User, cases: QuerySet[Case], today: date) -> list[Task]:
    qs = Milestone.objects.filter(
        permit__case__in=cases.filter(status=CaseStatus.IN_PROGRESS),
        actual__isnull=True,
        forecast__lte=today + timedelta(days=DUE_SOON_DAYS),
        permit__certainty__in=PLANNED_CERTAINTIES,  # not milestones of permits beside the plan
    ).exclude(permit__status=PermitStatus.DECIDED)
    if is_authority_caseworker(user):
        qs = qs.filter(permit__owner_id=user.organisation_id)
    elif is_case_manager(user):
        qs = qs.filter(permit__owner__isnull=True)
    else:
        return []
    out = []
    for m in qs.select_related("permit", "permit__case").order_by("forecast")[:PER_SOURCE]:
        label = milestone_dict(m, today)["label_en" if page_language() == "en" else "label_da"]
        case = m.permit.case
        out.append(
            Task(
                kind=(
                    TaskKind.OVERDUE_MILESTONE
                    if m.forecast < today
                    else TaskKind.MILESTONE_DUE_SOON
                ),
                url=_url(case.pk, f"milestone-{m.pk}"),
                case_reference=case.reference,
                case_title=case.title,
                subject=f"{_permit_name(m.permit.name_da, m.permit.name_en)}: {label}",
                due=m.forecast,
            )
        )
    return out


def _completeness_tasks(cases: QuerySet[Case]) -> list[Task]:
    out = []
    for c in cases.filter(status=CaseStatus.SUBMITTED).order_by("submitted_at")[:PER_SOURCE]:
        received = timezone.localdate(c.submitted_at) if c.submitted_at else None
        out.append(
            Task(
                kind=TaskKind.COMPLETENESS_CHECK,
                url=_url(c.pk, "manager-actions"),
                case_reference=c.reference,
                case_title=c.title,
                due=received + timedelta(days=ACKNOWLEDGE_WITHIN_DAYS) if received else None,
                since=received,
                due_source=NZIA_ACK_SOURCE,
            )
        )
    return out


def _extension_tasks(cases: QuerySet[Case]) -> list[Task]:
    rows = (
        ExtensionRequest.objects.filter(case__in=cases, status=RequestStatus.PENDING)
        .select_related("case", "permit")
        .order_by("requested_at")[:PER_SOURCE]
    )
    return [
        Task(
            kind=TaskKind.EXTENSION_REQUEST,
            url=_url(r.case_id, f"form-extension-{r.pk}"),
            case_reference=r.case.reference,
            case_title=r.case.title,
            subject=_permit_name(r.permit.name_da, r.permit.name_en),
            due=r.case.cap_deadline,
            since=timezone.localdate(r.requested_at),
        )
        for r in rows
    ]


def _call_in_tasks(user: User, today: date) -> list[Task]:
    rows = (
        CallIn.objects.filter(
            to_org_id=user.organisation_id,
            status=RequestStatus.PENDING,
            permit__case__in=visible_cases(user),
        )
        .select_related("permit", "permit__case", "from_org")
        .order_by("requested_at")[:PER_SOURCE]
    )
    out = []
    for r in rows:
        # No statutory answer period: the permit's next open milestone is the deadline.
        nxt = (
            r.permit.milestones.filter(actual__isnull=True)
            .order_by("forecast")
            .values_list("forecast", flat=True)
            .first()
        )
        out.append(
            Task(
                kind=TaskKind.CALL_IN_REQUEST,
                url=_url(r.permit.case_id, f"callin-{r.pk}-heading"),
                case_reference=r.permit.case.reference,
                case_title=r.permit.case.title,
                subject=(
                    f"{_permit_name(r.permit.name_da, r.permit.name_en)}"
                    f" ({r.from_org.display_name})"
                ),
                due=nxt,
                since=timezone.localdate(r.requested_at),
            )
        )
    return out


def _information_tasks(cases: QuerySet[Case]) -> list[Task]:
    rows = cases.filter(status=CaseStatus.INFORMATION_REQUESTED).order_by("info_due_on")
    return [
        Task(
            kind=TaskKind.ANSWER_INFORMATION_REQUEST,
            url=_url(c.pk, "company-actions"),
            case_reference=c.reference,
            case_title=c.title,
            due=c.info_due_on,
            since=c.info_requested_on,
            due_source=NZIA_ACK_SOURCE,
        )
        for c in rows[:PER_SOURCE]
    ]


def _draft_tasks(cases: QuerySet[Case]) -> list[Task]:
    rows = cases.filter(status=CaseStatus.DRAFT).order_by("created_at")[:PER_SOURCE]
    return [
        Task(
            kind=TaskKind.FINISH_DRAFT,
            url=_url(c.pk, "company-actions"),
            case_reference=c.reference,
            case_title=c.title,
            since=timezone.localdate(c.created_at),
        )
        for c in rows
    ]


def plan_alerts(user: User, cases: QuerySet[Case]) -> list[Task]:
    """Cases whose chance of a decision within the cap is below the alert
    threshold (planalarm, ``RODLOEBER_PLAN_ALERT_THRESHOLD``, default 80 %),
    with the measure the plan suggests for its top risk driver
    (:func:`rodloeber.cases.plan_alerts.plan_alerts_for_cases`, the one home of
    the alert; all plans in one batch, so the queries do not grow with the cases)."""
    qs = cases.filter(status=CaseStatus.IN_PROGRESS, p_within_cap__lt=alert_threshold())
    if is_authority_caseworker(user):
        qs = qs.filter(
            permits__owner_id=user.organisation_id,
            permits__status__in=(PermitStatus.IN_PROGRESS, PermitStatus.PAUSED),
            permits__certainty__in=PLANNED_CERTAINTIES,
        ).distinct()
    elif not is_case_manager(user):
        return []
    lang = page_language()
    tasks = []
    rows = list(qs.order_by("cap_deadline")[:PER_SOURCE])
    alerts = plan_alerts_for_cases(rows)
    for c in rows:
        subject = f"{round((c.p_within_cap or 0) * 100)} %"
        alert = alerts.get(c.pk)
        if alert is not None and alert.suggestions:
            subject += " · " + "; ".join(alert.suggestion_labels(lang))
        tasks.append(
            Task(
                kind=TaskKind.PLAN_ALERT,
                url=_url(c.pk, "plan-heading"),
                case_reference=c.reference,
                case_title=c.title,
                subject=subject,
                due=c.cap_deadline,
            )
        )
    return tasks


def _message_tasks(user: User, cases: QuerySet[Case]) -> list[Task]:
    own_org = user.organisation_id or 0
    rows = (
        Message.objects.filter(case__in=cases)
        .exclude(author=user)
        .exclude(organisation_id=own_org)
        .exclude(reads__user=user)
        .select_related("case")
        .order_by("created_at")[:PER_SOURCE]
    )
    return [
        Task(
            kind=TaskKind.UNREAD_MESSAGE,
            url=_url(m.case_id, f"message-{m.pk}"),
            case_reference=m.case.reference,
            case_title=m.case.title,
            subject=m.subject or m.body[:60],
            since=timezone.localdate(m.created_at),
        )
        for m in rows
    ]


def _document_tasks(user: User, cases: QuerySet[Case], today: date) -> list[Task]:
    opened = AccessLog.objects.filter(
        user=user,
        case_id=OuterRef("case_id"),
        what=AccessWhat.DOCUMENT,
        detail=OuterRef("filename"),
        occurred_at__gte=OuterRef("created_at"),
    )
    own_org = user.organisation_id or 0
    rows = (
        Document.objects.filter(
            case__in=cases,
            created_at__date__gte=today - timedelta(days=DOCUMENT_REVIEW_DAYS),
        )
        .exclude(uploaded_by=user)
        .exclude(organisation_id=own_org)
        .exclude(Exists(opened))
        .select_related("case")
        .order_by("created_at")[:PER_SOURCE]
    )
    return [
        Task(
            kind=TaskKind.DOCUMENT_TO_REVIEW,
            url=reverse("cases:download", args=[d.pk]),
            case_reference=d.case.reference,
            case_title=d.case.title,
            subject=d.filename,
            since=timezone.localdate(d.created_at),
        )
        for d in rows
    ]


def tasks_for(user: User, today: date) -> list[Task]:
    """The user's tasks, most urgent first (empty for roles without case work)."""
    if not user.is_active or user.organisation_id is None:
        return []
    cases = _my_cases(user)
    tasks: list[Task] = []
    if is_case_manager(user):
        tasks += _completeness_tasks(cases)
        tasks += _extension_tasks(cases)
    if is_authority_caseworker(user):
        tasks += _call_in_tasks(user, today)
    if is_case_manager(user) or is_authority_caseworker(user):
        tasks += _milestone_tasks(user, cases, today)
        tasks += plan_alerts(user, cases)
    elif user.role == Role.COMPANY_USER:
        tasks += _information_tasks(cases)
        tasks += _draft_tasks(cases)
    else:
        return []
    tasks += _message_tasks(user, cases)
    tasks += _document_tasks(user, cases, today)
    return sort_tasks(tasks, today)
