"""Milestone updates (milepælsopdateringer) with optimistic locking.

The authority sends the version it last saw (``If-Match``). The update is a
conditional ``UPDATE … WHERE version = <seen>``; if no row matches, someone
else changed the milestone first and the caller gets 412. This holds on
SQLite and PostgreSQL alike, also under concurrent writers.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.audit.services import record_event
from rodloeber.cases.errors import CaseError, Forbidden, StaleVersion
from rodloeber.cases.models import Milestone, PermitStatus
from rodloeber.cases.notify import case_line, company_users, contact, notify
from rodloeber.cases.planning import replan
from rodloeber.cases.selectors import editable_permits
from rodloeber.cases.services.common import local_today, lock_case


def milestone_update(
    *,
    actor: User,
    milestone: Milestone,
    expected_version: int,
    actual: date | None = None,
    forecast: date | None = None,
    reason: str = "",
    today: date | None = None,
    plan_samples: int | None = None,
) -> Milestone:
    """Record an actual date or a revised forecast (with a reason) and re-plan."""
    now = today or local_today()
    text = reason.strip()
    if (actual is None) == (forecast is None):
        raise CaseError(
            "actual_or_forecast",
            "Angiv enten en faktisk dato eller en ny prognose.",
            "Give either an actual date or a new forecast.",
        )
    if actual is not None and actual > now:
        raise CaseError(
            "actual_in_future",
            "En faktisk dato kan ikke ligge i fremtiden.",
            "An actual date cannot be in the future.",
        )
    if forecast is not None and not text:
        raise CaseError(
            "reason_required",
            "En ny prognose skal begrundes.",
            "A revised forecast needs a reason.",
        )
    with transaction.atomic():
        permit = milestone.permit
        case = lock_case(permit.case_id)  # lock order: case first, then milestones
        if not editable_permits(actor).filter(pk=permit.pk).exists():
            raise Forbidden()
        if permit.status == PermitStatus.DECIDED:
            raise CaseError(
                "permit_decided",
                "Tilladelsen er afgjort; datoerne kan ikke længere ændres.",
                "The permit is decided; its dates can no longer change.",
            )
        before = Milestone.objects.get(pk=milestone.pk)
        fields: dict[str, object] = {
            "version": F("version") + 1,
            "updated_at": timezone.now(),
            "updated_by": actor,
        }
        if actual is not None:
            fields.update(actual=actual, forecast=actual)
            if text:
                fields["forecast_reason"] = text
        else:
            fields.update(forecast=forecast, forecast_manual=True, forecast_reason=text)
        changed = Milestone.objects.filter(pk=milestone.pk, version=expected_version).update(
            **fields
        )
        if changed == 0:
            raise StaleVersion(before.version)
        fresh = Milestone.objects.select_related("permit").get(pk=milestone.pk)
        if not permit.is_guidance:
            replan(case, today=now, n_samples=plan_samples)
        event = record_event(
            action="milestone.update",
            actor=actor,
            subject=fresh,
            organisation=actor.organisation,
            before={
                "actual": before.actual,
                "forecast": before.forecast,
                "version": before.version,
            },
            after={
                "case": case.reference,
                "permit": permit.code,
                "kind": fresh.kind,
                "actual": fresh.actual,
                "forecast": fresh.forecast,
                "reason": text,
                "version": fresh.version,
            },
        )
        what = f"{permit.name_da} / {permit.name_en}: {fresh.kind}"
        date_text = f"faktisk / actual {actual}" if actual else f"prognose / forecast {forecast}"
        notify(
            event=event,
            case=case,
            recipients=[*contact(case), *company_users(case)],
            subject=f"Milepæl opdateret / milestone updated: {case.reference}",
            body=f"{case_line(case)}\n{what}: {date_text}\n{text}",
            exclude=actor,
        )
    return fresh
