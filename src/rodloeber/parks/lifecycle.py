"""Designation lifecycle (udpegningens livsforløb), guarded transitions.

minister's decision (designated / not designated) → state area reservation
with a sunset five years after designation → lokalplan adopted → open for
companies → ceased (§ 13 stk. 5). No company may settle before a lokalplan
reserves the area for production, so "open" requires an adopted plan.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.audit.services import record_event
from rodloeber.parks.conditions import eligibility_of
from rodloeber.parks.errors import Forbidden, IllegalTransition, ParkError
from rodloeber.parks.models import ApplicationStatus, Park, ParkApplication, ParkStatus
from rodloeber.parks.procedure import require_political_decision
from rodloeber.parks.selectors import active_parks, is_screener, may_manage_park

#: Default sunset period: "en solnedgangsklausul på fem år" (the agreement of
#: 21 Nov 2024, ¶ 15), "the exact period to be settled with the municipalities":
#: so it is set per park at designation and can be extended with a reason.
SUNSET_YEARS = 5
MAX_SUNSET_YEARS = 15


def sunset_date(designated_on: date, years: int = SUNSET_YEARS) -> date:
    """``years`` after designation (29 February → 28 February)."""
    try:
        return designated_on.replace(year=designated_on.year + years)
    except ValueError:
        return designated_on.replace(year=designated_on.year + years, day=28)


def decision_record(
    *,
    actor: User,
    application: ParkApplication,
    designated: bool,
    decided_on: date,
    reasons: str,
    contact_name: str = "",
    contact_email: str = "",
    sunset_years: int = SUNSET_YEARS,
) -> ParkApplication:
    """Record the Business Minister's decision (erhvervsministerens afgørelse).

    Designating needs every condition of § 13 stk. 1 met and the round's
    political decision recorded, and never more parks than it decided."""
    if not is_screener(actor):
        raise Forbidden()
    if application.status != ApplicationStatus.SUBMITTED:
        raise IllegalTransition(application.status, "decision")
    if not 1 <= int(sunset_years) <= MAX_SUNSET_YEARS:
        raise ParkError(
            "sunset_years_range",
            f"Solnedgangsperioden skal være mellem 1 og {MAX_SUNSET_YEARS} år (standard 5).",
            f"The sunset period must be between 1 and {MAX_SUNSET_YEARS} years (default 5).",
        )
    reasons = (reasons or "").strip()
    if not reasons:
        raise ParkError("required", "Angiv en begrundelse.", "Enter the reasons.")
    contact_email = (contact_email or "").strip()
    if contact_email:
        try:
            validate_email(contact_email)
        except ValidationError:
            raise ParkError(
                "email_invalid",
                "Kontaktpersonens e-mailadresse er ugyldig (den bruges til påmindelser).",
                "The contact person's e-mail address is invalid (it is used for reminders).",
            ) from None
    latest = application.latest_screening()
    if designated and latest is not None and latest.excluded:
        raise ParkError(
            "excluded_area",
            "Området overlapper arealer omfattet af § 13, stk. 2, og kan ikke udpeges "
            "uden en ny screening eller ændret afgrænsning.",
            "The area overlaps land covered by § 13(2) and cannot be designated without "
            "a new screening or a changed boundary.",
        )
    if designated:
        _require_conditions_met(application)
        require_political_decision(application)
    with transaction.atomic():
        old = application.status
        application.status = (
            ApplicationStatus.DESIGNATED if designated else ApplicationStatus.NOT_DESIGNATED
        )
        application.decided_on = decided_on
        application.decision_reasons = reasons
        application.updated_at = timezone.now()
        application.save()
        park = None
        if designated:
            park = Park.objects.create(
                application=application,
                designated_on=decided_on,
                sunset_years=int(sunset_years),
                sunset_on=sunset_date(decided_on, int(sunset_years)),
                contact_name=contact_name,
                contact_email=contact_email,
            )
        record_event(
            action="parks.decision",
            actor=actor,
            subject=application,
            before={"status": old},
            after={
                "status": application.status,
                "decided_on": decided_on.isoformat(),
                "reasons": reasons,
                "park_id": park.pk if park else None,
                "sunset_on": park.sunset_on.isoformat() if park else None,
            },
        )
    return application


def _require_conditions_met(application: ParkApplication) -> None:
    """§ 13 stk. 1: "kan … udpege …, hvis" nr. 1-5 are all met (a requirement, not a weight)."""
    states = {a.number: a.state for a in application.conditions.all()}
    result = eligibility_of(states, excluded=False)
    if not result.eligible:
        raise ParkError(
            "conditions_not_met",
            "Området kan kun udpeges, når alle betingelser i § 13, stk. 1, er opfyldt. "
            + " ".join(result.reasons_da),
            "The area can be designated only when every condition of § 13(1) is met. "
            + " ".join(result.reasons_en),
        )


def _move(park: Park, to: str, action: str) -> str:
    if not park.can_move(to):
        raise IllegalTransition(park.status, action)
    old = park.status
    park.status = to
    park.updated_at = timezone.now()
    return old


def park_adopt_local_plan(
    *, actor: User, park: Park, plan_id: str, adopted_on: date, url: str = ""
) -> Park:
    """The municipality has adopted the lokalplan (planloven) reserving the area."""
    if not may_manage_park(actor, park):
        raise Forbidden()
    plan_id = (plan_id or "").strip()
    if not plan_id:
        raise ParkError("required", "Angiv lokalplanens id.", "Enter the local plan id.")
    url = (url or "").strip()
    if (url and not url.startswith(("https://", "http://"))) or len(url) > 200:
        raise ParkError(
            "url_invalid",
            "Linket til lokalplanen skal være en webadresse (https://…), højst 200 tegn.",
            "The link to the local plan must be a web address (https://…), at most 200 characters.",
        )
    with transaction.atomic():
        old = _move(park, ParkStatus.LOCAL_PLAN_ADOPTED, "local_plan")
        park.local_plan_id, park.local_plan_adopted_on, park.local_plan_url = (
            plan_id,
            adopted_on,
            url,
        )
        park.save()
        record_event(
            action="parks.local_plan",
            actor=actor,
            subject=park,
            before={"status": old},
            after={"status": park.status, "plan_id": plan_id, "adopted_on": adopted_on.isoformat()},
        )
    return park


def park_open(*, actor: User, park: Park, opened_on: date) -> Park:
    """Open the park for companies (only after the lokalplan)."""
    if not may_manage_park(actor, park):
        raise Forbidden()
    adopted = park.local_plan_adopted_on
    if adopted is not None and opened_on < adopted:
        raise ParkError(
            "date_order",
            f"Parken kan ikke åbne før lokalplanen blev vedtaget ({adopted.isoformat()}).",
            f"The park cannot open before the local plan was adopted ({adopted.isoformat()}).",
        )
    with transaction.atomic():
        old = _move(park, ParkStatus.OPEN, "open")
        park.opened_on = opened_on
        park.save()
        record_event(
            action="parks.open",
            actor=actor,
            subject=park,
            before={"status": old},
            after={"status": park.status, "opened_on": opened_on.isoformat()},
        )
    return park


def park_cease(*, actor: User, park: Park, ceased_on: date, reason: str) -> Park:
    """The designation ceases (§ 13 stk. 5), e.g. at the sunset date; state only."""
    if not is_screener(actor):
        raise Forbidden()
    reason = (reason or "").strip()
    if not reason:
        raise ParkError("required", "Angiv en begrundelse.", "Enter the reason.")
    if ceased_on < park.designated_on:
        raise ParkError(
            "date_order",
            f"Udpegningen kan ikke ophøre før den blev givet ({park.designated_on.isoformat()}).",
            f"The designation cannot cease before it was made ({park.designated_on.isoformat()}).",
        )
    with transaction.atomic():
        old = _move(park, ParkStatus.CEASED, "cease")
        park.ceased_on, park.ceased_reason = ceased_on, reason
        park.save()
        record_event(
            action="parks.cease",
            actor=actor,
            subject=park,
            before={"status": old},
            after={"status": park.status, "ceased_on": ceased_on.isoformat(), "reason": reason},
        )
    return park


def parks_near_sunset(days: int, today: date | None = None) -> QuerySet[Park]:
    """Parks still reserved (no adopted lokalplan) whose sunset is within ``days``."""
    today = today or timezone.localdate()
    return (
        active_parks()
        .filter(status=ParkStatus.RESERVED, sunset_on__lte=today + timedelta(days=days))
        .order_by("sunset_on")
    )
