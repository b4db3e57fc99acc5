"""Authorities at work on a permit: pause (pause), resume (genoptag) and the
decision (afgørelse: granted / refused / withdrawn, with appeal period end)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.audit.services import record_event
from rodloeber.cases.errors import CaseError, Forbidden, IllegalTransition
from rodloeber.cases.models import (
    CaseStatus,
    ClockEvent,
    ClockEventKind,
    DecisionOutcome,
    Milestone,
    Pause,
    Permit,
    PermitStatus,
)
from rodloeber.cases.notify import case_line, company_users, contact, notify
from rodloeber.cases.planning import all_decided, replan
from rodloeber.cases.selectors import editable_permits
from rodloeber.cases.services.common import local_today, lock_case
from rodloeber.domain.catalogue import load_catalogue
from rodloeber.domain.navigator.model import is_planned
from rodloeber.domain.planning import PAUSE_REASONS
from rodloeber.domain.planning.templates import DEFAULT_APPEAL_PERIOD_DAYS


def _locked_permit(actor: User, permit: Permit) -> Permit:
    lock_case(permit.case_id)
    if not editable_permits(actor).filter(pk=permit.pk).exists():
        raise Forbidden()
    locked = Permit.objects.select_for_update().select_related("case").get(pk=permit.pk)
    if not is_planned(locked.certainty):
        raise CaseError(
            "permit_not_planned",
            "Tilladelsen er ikke i planen. Afklar den først som nødvendig.",
            "The permit is not in the plan. Settle it as needed first.",
        )
    return locked


def _check_reason(reason: str) -> bool:
    r = PAUSE_REASONS.get(reason)
    if r is None:
        allowed = ", ".join(sorted(PAUSE_REASONS))
        raise CaseError(
            "pause_reason",
            f"Ukendt pauseårsag '{reason}'. Tilladte: {allowed}.",
            f"Unknown pause reason '{reason}'. Allowed: {allowed}.",
        )
    return r.stops_clock


def permit_pause(
    *,
    actor: User,
    permit: Permit,
    reason: str,
    note: str = "",
    on: date | None = None,
    plan_samples: int | None = None,
) -> Pause:
    """Pause a permit with a reason code from the controlled list (PAUSE_REASONS)."""
    stops = _check_reason(reason)
    start = on or local_today()
    with transaction.atomic():
        permit = _locked_permit(actor, permit)
        case = permit.case
        if permit.status != PermitStatus.IN_PROGRESS or case.status != CaseStatus.IN_PROGRESS:
            raise IllegalTransition(permit.status, "pause")
        if case.clock_start and start < case.clock_start:
            raise CaseError(
                "pause_before_clock",
                "En pause kan ikke begynde før fristen startede.",
                "A pause cannot start before the clock started.",
            )
        pause = Pause.objects.create(
            permit=permit,
            reason=reason,
            stops_clock=stops,
            note=note.strip(),
            start=start,
            started_by=actor,
        )
        permit.status = PermitStatus.PAUSED
        permit.save(update_fields=["status"])
        if stops:
            ClockEvent.objects.create(
                case=case, kind=ClockEventKind.STOPPED, on=start, note=f"{permit.code}: {reason}"
            )
        replan(case, today=start, n_samples=plan_samples)
        event = record_event(
            action="permit.pause",
            actor=actor,
            subject=permit,
            after={"case": case.reference, "reason": reason, "start": start, "stops_clock": stops},
        )
        notify(
            event=event,
            case=case,
            recipients=[*contact(case), *company_users(case)],
            subject=f"Tilladelse sat på pause / permit paused: {case.reference}",
            body=f"{case_line(case)}\n{permit.name_da}: {PAUSE_REASONS[reason].label_da} / "
            f"{PAUSE_REASONS[reason].label_en}\n{note.strip()}",
            exclude=actor,
        )
    return pause


def permit_resume(
    *,
    actor: User,
    permit: Permit,
    note: str = "",
    on: date | None = None,
    plan_samples: int | None = None,
) -> Pause:
    """Resume a paused permit (the clock runs again from ``on``)."""
    resume = on or local_today()
    with transaction.atomic():
        permit = _locked_permit(actor, permit)
        case = permit.case
        pause = permit.pauses.filter(resume__isnull=True).order_by("-start").first()
        if permit.status != PermitStatus.PAUSED or pause is None:
            raise IllegalTransition(permit.status, "resume")
        if resume <= pause.start:
            resume = pause.start + timedelta(days=1)
        pause.resume = resume
        pause.resume_note = note.strip()
        pause.resumed_by = actor
        pause.save(update_fields=["resume", "resume_note", "resumed_by"])
        permit.status = PermitStatus.IN_PROGRESS
        permit.save(update_fields=["status"])
        if pause.stops_clock:
            ClockEvent.objects.create(
                case=case, kind=ClockEventKind.RESUMED, on=resume, note=permit.code
            )
        replan(case, today=resume, n_samples=plan_samples)
        event = record_event(
            action="permit.resume",
            actor=actor,
            subject=permit,
            after={"case": case.reference, "reason": pause.reason, "resume": resume},
        )
        notify(
            event=event,
            case=case,
            recipients=[*contact(case), *company_users(case)],
            subject=f"Tilladelse genoptaget / permit resumed: {case.reference}",
            body=f"{case_line(case)}\n{permit.name_da}",
            exclude=actor,
        )
    return pause


def _appeal_days(code: str) -> int:
    permit_type = load_catalogue().permit_types.get(code)
    days = permit_type.appeal_period_days if permit_type else None
    return DEFAULT_APPEAL_PERIOD_DAYS if days is None else days


def permit_record_decision(
    *,
    actor: User,
    permit: Permit,
    outcome: str,
    on: date,
    appeal_period_end: date | None = None,
    note: str = "",
    today: date | None = None,
    plan_samples: int | None = None,
) -> Permit:
    """Record the authority's decision; the case is decided when all permits are."""
    now = today or local_today()
    if outcome not in DecisionOutcome.values:
        raise CaseError(
            "decision_outcome",
            "Afgørelsen skal være granted, refused eller withdrawn.",
            "The decision must be granted, refused or withdrawn.",
        )
    if on > now:
        raise CaseError(
            "decision_in_future",
            "Afgørelsesdatoen kan ikke ligge i fremtiden.",
            "The decision date cannot be in the future.",
        )
    with transaction.atomic():
        permit = _locked_permit(actor, permit)
        case = permit.case
        if permit.status == PermitStatus.DECIDED or case.status != CaseStatus.IN_PROGRESS:
            raise IllegalTransition(permit.status, "decision")
        if case.clock_start and on < case.clock_start:
            raise CaseError(
                "decision_before_clock",
                "Afgørelsen kan ikke ligge før fristens start.",
                "The decision cannot predate the clock start.",
            )
        open_pause = permit.pauses.filter(resume__isnull=True).first()
        if open_pause is not None:
            open_pause.resume = max(on, open_pause.start + timedelta(days=1))
            open_pause.save(update_fields=["resume"])
        appeal_end = appeal_period_end or on + timedelta(days=_appeal_days(permit.code))
        permit.status = PermitStatus.DECIDED
        permit.decision = outcome
        permit.decision_date = on
        permit.appeal_period_end = appeal_end
        permit.decision_note = note.strip()
        permit.save()
        stamp = {"updated_at": timezone.now(), "updated_by": actor, "version": F("version") + 1}
        Milestone.objects.filter(permit=permit, kind="decision").update(
            actual=on, forecast=on, **stamp
        )
        Milestone.objects.filter(permit=permit, kind="appeal_period_end").update(
            forecast=appeal_end, forecast_manual=True, forecast_reason="klagefrist", **stamp
        )
        case_decided = all_decided(case)
        if case_decided:
            case.status = CaseStatus.DECIDED
            case.decided_on = on
            case.save(update_fields=["status", "decided_on", "updated_at"])
            ClockEvent.objects.create(case=case, kind=ClockEventKind.ENDED, on=on)
        replan(case, today=on, n_samples=plan_samples)
        event = record_event(
            action="permit.decision",
            actor=actor,
            subject=permit,
            after={
                "case": case.reference,
                "outcome": outcome,
                "date": on,
                "appeal_period_end": appeal_end,
                "case_decided": case_decided,
            },
        )
        notify(
            event=event,
            case=case,
            recipients=[*contact(case), *company_users(case)],
            subject=f"Afgørelse / decision ({outcome}): {case.reference}",
            body=f"{case_line(case)}\n{permit.name_da} / {permit.name_en}: {outcome} {on}\n"
            f"Klagefrist / appeal period ends {appeal_end}",
            exclude=actor,
        )
    return permit
