"""Completeness (fuldstændighed): request information once, acknowledge, reject,
publish the schedule.

NZIA art. 9(10): acknowledgement within 45 days of receipt; one request for
missing information with a 30-day answer window; the clock starts at the
acknowledgement (fuldstændighedserklæring).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.audit.services import record_event
from rodloeber.cases.errors import CaseError, NotFound
from rodloeber.cases.models import (
    Case,
    CaseParty,
    CaseStatus,
    ClockEvent,
    ClockEventKind,
    Message,
    PartyRole,
)
from rodloeber.cases.notify import (
    all_parties,
    case_line,
    company_users,
    contact,
    notify,
)
from rodloeber.cases.planning import create_permits, freeze_baseline
from rodloeber.cases.services.common import (
    local_today,
    lock_case,
    move,
    require_case_manager,
    require_text,
)
from rodloeber.checks.computation import run_check

#: Days the company has to answer a request for missing information (NZIA 9(10)).
ANSWER_WINDOW_DAYS = 30
#: Days from receipt within which completeness should be acknowledged (NZIA 9(10)).
ACKNOWLEDGE_WITHIN_DAYS = 45


def case_request_information(
    *, actor: User, case: Case, text: str, today: date | None = None
) -> Case:
    """Ask the company for missing information — once, with a 30-day window."""
    require_case_manager(actor)
    body = require_text(text, "hvilke oplysninger der mangler", "what information is missing")
    on = today or local_today()
    with transaction.atomic():
        case = lock_case(case.pk)
        if case.info_request_count >= 1:
            raise CaseError(
                "info_requested_once",
                "Der kan kun anmodes om manglende oplysninger én gang (NZIA art. 9, stk. 10).",
                "Missing information may be requested only once (NZIA Art. 9(10)).",
            )
        old = move(case, CaseStatus.INFORMATION_REQUESTED, "request_information")
        case.info_request_count += 1
        case.info_requested_on = on
        case.info_due_on = on + timedelta(days=ANSWER_WINDOW_DAYS)
        case.info_request_text = body
        case.save()
        event = record_event(
            action="case.request_info",
            actor=actor,
            subject=case,
            before={"status": old},
            after={"status": case.status, "due": case.info_due_on.isoformat(), "text": body},
        )
        notify(
            event=event,
            case=case,
            recipients=company_users(case),
            subject=f"Manglende oplysninger / information needed: {case.reference}",
            body=f"{case_line(case)}\nSvarfrist / answer by {case.info_due_on}\n\n{body}",
        )
    return case


def case_supplement(*, actor: User, case: Case, text: str) -> Case:
    """The company answers the request for information (back to the case manager)."""
    body = require_text(text, "dit svar", "your answer")
    with transaction.atomic():
        case = lock_case(case.pk)
        if actor.role != Role.COMPANY_USER or actor.organisation_id != case.company_id:
            raise NotFound()
        old = move(case, CaseStatus.SUBMITTED, "supplement")
        case.info_answered_at = timezone.now()
        case.save()
        Message.objects.create(
            case=case,
            author=actor,
            organisation=actor.organisation,
            subject="Svar på anmodning om oplysninger / answer to information request",
            body=body,
        )
        event = record_event(
            action="case.supplement",
            actor=actor,
            subject=case,
            organisation=case.company,
            before={"status": old},
            after={"status": case.status},
        )
        notify(
            event=event,
            case=case,
            recipients=contact(case),
            subject=f"Oplysninger modtaget / information received: {case.reference}",
            body=case_line(case),
        )
    return case


def case_acknowledge(
    *,
    actor: User,
    case: Case,
    on: date,
    eligibility_override: str = "",
    today: date | None = None,
    plan_samples: int | None = None,
) -> Case:
    """Acknowledge completeness: the clock starts on ``on``; permits are created
    from the navigator with their competent authorities and the plan's
    baseline is frozen."""
    require_case_manager(actor)
    now = today or local_today()
    with transaction.atomic():
        case = lock_case(case.pk)
        received = timezone.localdate(case.submitted_at) if case.submitted_at else now
        if on < received or on > now:
            raise CaseError(
                "acknowledge_date",
                f"Datoen skal ligge mellem modtagelsen ({received}) og i dag ({now}).",
                f"The date must be between receipt ({received}) and today ({now}).",
            )
        override = eligibility_override.strip()
        if case.eligible is False and not override:
            raise CaseError(
                "not_eligible",
                "Projektet opfylder ikke adgangskriterierne. Begrund, hvorfor sagen alligevel "
                "behandles i Én indgang, eller afvis ansøgningen.",
                "The project does not meet the entry criteria. Give a reason to handle it "
                "anyway, or reject the application.",
            )
        old = move(case, CaseStatus.IN_PROGRESS, "acknowledge")
        case.clock_start = on
        case.eligibility_override = override
        case.save()
        if not case.navigator:  # submitted before the check was stored: store it now
            check = run_check(case.facts).result
            case.navigator = check.permits.to_dict()
            case.catalogue_version = check.eligibility.catalogue_version
            case.save(update_fields=["navigator", "catalogue_version"])
        permits = create_permits(case, case.navigator)  # from the stored check result
        for org_id in {p.owner_id for p in permits if p.owner_id is not None}:
            CaseParty.objects.get_or_create(
                case=case, organisation_id=org_id, role=PartyRole.AUTHORITY
            )
        ClockEvent.objects.create(case=case, kind=ClockEventKind.STARTED, on=on)
        snapshot = freeze_baseline(case, n_samples=plan_samples)
        late = (on - received).days > ACKNOWLEDGE_WITHIN_DAYS
        event = record_event(
            action="case.acknowledge",
            actor=actor,
            subject=case,
            before={"status": old},
            after={
                "status": case.status,
                "clock_start": on.isoformat(),
                "permits": [p.code for p in permits],
                "cap_deadline": snapshot.cap_deadline.isoformat(),
                "acknowledged_after_45_days": late,
                "eligibility_override": override,
            },
        )
        notify(
            event=event,
            case=case,
            recipients=all_parties(case),
            subject=f"Fristen er startet / the clock has started: {case.reference}",
            body=f"{case_line(case)}\nFrist / cap deadline: {snapshot.cap_deadline}",
            exclude=actor,
        )
    return case


def case_reject(*, actor: User, case: Case, reason: str) -> Case:
    """Reject an application that is not eligible for Én indgang (with reasons)."""
    require_case_manager(actor)
    text = require_text(reason, "en begrundelse", "a reason")
    with transaction.atomic():
        case = lock_case(case.pk)
        old = move(case, CaseStatus.NOT_ELIGIBLE, "reject")
        case.not_eligible_reason = text
        case.save()
        event = record_event(
            action="case.reject",
            actor=actor,
            subject=case,
            before={"status": old},
            after={"status": case.status, "reason": text},
        )
        notify(
            event=event,
            case=case,
            recipients=company_users(case),
            subject=f"Ansøgningen er ikke omfattet / not eligible: {case.reference}",
            body=f"{case_line(case)}\n{text}",
        )
    return case


def case_publish_schedule(*, actor: User, case: Case) -> Case:
    """Publish the schedule on the free-access page (NZIA art. 9(11))."""
    require_case_manager(actor)
    with transaction.atomic():
        case = lock_case(case.pk)
        if case.clock_start is None:
            raise CaseError(
                "no_schedule",
                "Tidsplanen findes først, når fuldstændigheden er erklæret.",
                "The schedule exists only after completeness is acknowledged.",
            )
        first = case.schedule_published_at is None
        case.schedule_published_at = timezone.now()
        case.save(update_fields=["schedule_published_at", "updated_at"])
        event = record_event(
            action="case.publish_schedule",
            actor=actor,
            subject=case,
            after={"public_id": str(case.public_id), "first_publication": first},
        )
        notify(
            event=event,
            case=case,
            recipients=all_parties(case),
            subject=f"Tidsplan offentliggjort / schedule published: {case.reference}",
            body=case_line(case),
            exclude=actor,
        )
    return case
