"""Settle a possible permit (afklar en mulig tilladelse): needed, not needed, or
back to possible (undo).

Case plans hold only the permits the project needs (``is_planned``, ADR 0034).
A permit the navigator found only *possible* stays as a row beside the plan
until the one-stop-shop case manager or the permit's owning authority settles
it. "Needed" plans it: its milestones are created from the current plan and the
case is re-planned; the frozen baseline (basisplan) is not changed, so the
permit's ``planned`` dates are those of the day it was added (ADR 0036).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from rodloeber.accounts.models import User
from rodloeber.audit.services import record_event
from rodloeber.cases.errors import CaseError, Forbidden, IllegalTransition
from rodloeber.cases.models import CaseStatus, Milestone, Permit, PermitStatus
from rodloeber.cases.planning import milestone_rows, replan
from rodloeber.cases.selectors import is_settleable, may_settle
from rodloeber.cases.services.common import local_today, lock_case
from rodloeber.domain.navigator.model import POSSIBLE, REQUIRED, is_planned

#: The certainty a settled permit may get (``possible`` undoes a settlement).
NOT_NEEDED = "not_needed"
SETTLE_CHOICES = (REQUIRED, NOT_NEEDED, POSSIBLE)


def _has_progress(permit: Permit) -> bool:
    return (
        permit.status != PermitStatus.IN_PROGRESS
        or permit.pauses.exists()
        or permit.milestones.filter(actual__isnull=False).exists()
        or permit.milestones.filter(forecast_manual=True).exists()
    )


def _check(permit: Permit, certainty: str) -> None:
    if certainty not in SETTLE_CHOICES:
        allowed = ", ".join(SETTLE_CHOICES)
        raise CaseError(
            "settle_certainty",
            f"Ukendt afklaring '{certainty}'. Tilladte: {allowed}.",
            f"Unknown settlement '{certainty}'. Allowed: {allowed}.",
        )
    if not is_settleable(permit):
        raise CaseError(
            "not_settleable",
            "Kun en tilladelse, som tilladelsesnavigatoren fandt mulig, kan afklares.",
            "Only a permit the permit navigator found possible can be settled.",
        )
    if certainty == permit.certainty:
        raise CaseError(
            "settle_unchanged",
            "Tilladelsen er allerede afklaret sådan.",
            "The permit is already settled that way.",
        )
    if is_planned(permit.certainty) and _has_progress(permit):
        raise CaseError(
            "settle_has_progress",
            "Tilladelsen kan ikke tages ud af planen, når myndigheden har meldt fremdrift "
            "(datoer, pause eller afgørelse).",
            "The permit cannot leave the plan once its authority has reported progress "
            "(dates, a pause or a decision).",
        )


def permit_settle(
    *,
    actor: User,
    permit: Permit,
    certainty: str,
    on: date | None = None,
    plan_samples: int | None = None,
) -> Permit:
    """Settle a possible permit as ``required`` (planned, milestones created from the
    current plan), ``not_needed`` (stays listed as settled) or back to ``possible``
    (undo, only while a planned permit has no reported progress)."""
    today = on or local_today()
    with transaction.atomic():
        case = lock_case(permit.case_id)
        permit = Permit.objects.select_for_update().select_related("case").get(pk=permit.pk)
        if not may_settle(actor, permit):
            raise Forbidden()
        if case.status != CaseStatus.IN_PROGRESS or case.clock_start is None:
            raise IllegalTransition(case.status, "settle")
        _check(permit, certainty)
        old = permit.certainty
        if is_planned(old):
            permit.milestones.all().delete()
        permit.certainty = certainty
        permit.save(update_fields=["certainty"])
        plan = replan(case, today=today, n_samples=plan_samples)
        if is_planned(certainty):
            planned = next(p for p in plan.permits if p.code == permit.code)
            # a case planned before ADR 0036 may already hold this permit's milestones
            existing = set(permit.milestones.values_list("kind", flat=True))
            Milestone.objects.bulk_create(milestone_rows(permit, planned, skip=existing))
        record_event(
            action="permit.settle",
            actor=actor,
            subject=permit,
            before={"certainty": old},
            after={
                "case": case.reference,
                "certainty": certainty,
                "on": today,
                "p_within_cap": plan.p_within_cap,
            },
        )
    return permit
