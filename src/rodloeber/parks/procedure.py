"""The designation procedure after evaluation: round steps, the dialogue with
municipalities and sunset extensions. One service per action, each in one
transaction with exactly one audit event.

Round steps, in order (each needs the one before; recorded once):

1. ``negotiated`` — with the Minister for Cities and Rural Areas (L 206 § 13
   stk. 1: "efter forhandling med ministeren for byer og landdistrikter"):
   outcome, date, note;
2. ``political_decision`` — the agreement parties decide (agreement of 21 Nov
   2024 ¶ 17; in 2025 they chose 11 parks, not the 5 aimed at in ¶ 9): who,
   date, how many parks. No park is designated before it, and never more
   parks than it decided;
3. ``hearing`` — the applications are published for hearing (§ 13 stk. 4):
   period and number of responses;
4. ``landsplandirektiv`` — where an area needs one (agreement ¶ 16, "i
   særlige tilfælde"): reference, and the forligskreds behind planloven
   consulted before it is issued (must be confirmed).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.audit.services import record_event
from rodloeber.parks.errors import Forbidden, IllegalTransition, NotFound, ParkError
from rodloeber.parks.models import (
    ROUND_STEP_ORDER,
    ApplicationRound,
    ApplicationStatus,
    ConsentState,
    DialogueEntry,
    DialogueKind,
    JointConsent,
    Park,
    ParkApplication,
    ParkStatus,
    RoundStep,
    RoundStepKind,
    SunsetExtension,
)
from rodloeber.parks.selectors import is_planner, is_screener

MAX_TEXT = 10_000


def _text(value: object, code: str, da: str, en: str, required: bool = True) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ParkError(code, da, en)
    if len(text) > MAX_TEXT:
        raise ParkError("too_long", "Teksten er for lang.", "The text is too long.")
    return text


def _int(value: object, low: int, code: str, da: str, en: str) -> int:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        raise ParkError(code, da, en) from None
    if number < low:
        raise ParkError(code, da, en)
    return number


def _date(value: object, code: str, da: str, en: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ParkError(code, da, en) from None


def _clean_details(kind: str, details: dict[str, Any]) -> dict[str, Any]:
    """The step's details, validated (bilingual errors); JSON-ready."""
    if kind == RoundStepKind.NEGOTIATED:
        return {
            "outcome": _text(
                details.get("outcome"),
                "outcome_required",
                "Angiv resultatet af forhandlingen.",
                "Enter the outcome of the negotiation.",
            )
        }
    if kind == RoundStepKind.POLITICAL_DECISION:
        return {
            "decided_by": _text(
                details.get("decided_by"),
                "decided_by_required",
                "Angiv hvem der traf beslutningen (fx regeringen og aftalepartierne).",
                "Enter who decided (e.g. the government and the agreement parties).",
            ),
            "parks_count": _int(
                details.get("parks_count"),
                1,
                "parks_count_invalid",
                "Antal parker skal være et helt tal på mindst 1.",
                "The number of parks must be a whole number of at least 1.",
            ),
        }
    if kind == RoundStepKind.HEARING:
        start = _date(
            details.get("period_start"),
            "period_invalid",
            "Angiv høringsperiodens start som ÅÅÅÅ-MM-DD.",
            "Enter the start of the hearing period as YYYY-MM-DD.",
        )
        end = _date(
            details.get("period_end"),
            "period_invalid",
            "Angiv høringsperiodens slut som ÅÅÅÅ-MM-DD.",
            "Enter the end of the hearing period as YYYY-MM-DD.",
        )
        if end < start:
            raise ParkError(
                "period_order",
                "Høringsperioden kan ikke slutte før den begynder.",
                "The hearing period cannot end before it starts.",
            )
        responses = _int(
            details.get("responses_received", 0),
            0,
            "responses_invalid",
            "Antal høringssvar skal være 0 eller mere.",
            "The number of responses must be 0 or more.",
        )
        return {
            "period_start": start.isoformat(),
            "period_end": end.isoformat(),
            "responses_received": responses,
        }
    if kind == RoundStepKind.LANDSPLANDIREKTIV:
        reference = _text(
            details.get("reference"),
            "reference_required",
            "Angiv landsplandirektivets reference (fx BEK-nummer).",
            "Enter the landsplandirektiv's reference (e.g. its BEK number).",
        )
        if details.get("forligskreds_consulted") not in (True, "true", "on", "1", 1):
            raise ParkError(
                "forligskreds_required",
                "Forligskredsen bag planloven skal være forelagt landsplandirektivet før "
                "udstedelse (aftalen af 21. nov. 2024, pkt. 16).",
                "The landsplandirektiv must be put before the parties to the planning act "
                "agreement (forligskredsen) before it is issued (agreement of 21 Nov 2024, ¶ 16).",
            )
        return {"reference": reference, "forligskreds_consulted": True}
    raise ParkError("unknown_step", "Ukendt trin.", "Unknown step.")


def round_step_record(
    *,
    actor: User,
    application_round: ApplicationRound,
    kind: str,
    happened_on: date,
    details: dict[str, Any] | None = None,
    note: str = "",
) -> RoundStep:
    """Record the round's next procedure step (state screeners: Erhvervsstyrelsen)."""
    if not is_screener(actor):
        raise Forbidden()
    if kind not in ROUND_STEP_ORDER:
        raise ParkError("unknown_step", "Ukendt trin.", "Unknown step.")
    cleaned = _clean_details(kind, details or {})
    note = _text(note, "", "", "", required=False)
    with transaction.atomic():
        done = {
            s.kind: s for s in RoundStep.objects.select_for_update().filter(round=application_round)
        }
        if kind in done:
            raise IllegalTransition(kind, "record_again")
        previous = ROUND_STEP_ORDER[: ROUND_STEP_ORDER.index(kind)]
        missing = [k for k in previous if k not in done]
        if missing:
            label = RoundStepKind(missing[0]).label
            raise ParkError(
                "step_order",
                f"Registrér først det forrige trin: {label}.",
                f"Record the previous step first: {label}.",
            )
        last = done[previous[-1]].happened_on if previous else None
        if last is not None and happened_on < last:
            raise ParkError(
                "date_order",
                f"Datoen kan ikke ligge før det forrige trin ({last.isoformat()}).",
                f"The date cannot be before the previous step ({last.isoformat()}).",
            )
        step = RoundStep.objects.create(
            round=application_round,
            kind=kind,
            happened_on=happened_on,
            details=cleaned,
            note=note,
            recorded_by=actor,
        )
        record_event(
            action="parks.round_step",
            actor=actor,
            subject=application_round,
            after={"step": kind, "on": happened_on.isoformat(), **cleaned, "note": note},
        )
    return step


def require_political_decision(application: ParkApplication) -> None:
    """No designation before the agreement parties decided, nor beyond their number."""
    decision = RoundStep.objects.filter(
        round_id=application.round_id, kind=RoundStepKind.POLITICAL_DECISION
    ).first()
    if decision is None:
        raise ParkError(
            "no_political_decision",
            "Registrér først aftalepartiernes politiske beslutning for runden (efter "
            "forhandlingen med ministeren for byer og landdistrikter).",
            "Record the agreement parties' political decision for the round first (after "
            "the negotiation with the Minister for Cities and Rural Areas).",
        )
    allowed = int(decision.details.get("parks_count", 0))
    designated = ParkApplication.objects.filter(
        round_id=application.round_id, status=ApplicationStatus.DESIGNATED
    ).count()
    if designated >= allowed:
        raise ParkError(
            "parks_count_reached",
            f"Den politiske beslutning omfatter {allowed} parker, og de er udpeget.",
            f"The political decision covers {allowed} parks, and they are designated.",
        )


def dialogue_add(
    *,
    actor: User,
    application: ParkApplication,
    kind: str,
    happened_on: date,
    text: str,
    municipality_code: str = "",
) -> DialogueEntry:
    """Log a question, meeting or answer in the dialogue (agreement ¶ 10).

    State screeners log questions and meetings with any applying municipality;
    a planner of an applying municipality logs answers and meetings for it."""
    if application.status != ApplicationStatus.SUBMITTED:
        raise IllegalTransition(application.status, "dialogue")
    if kind not in DialogueKind.values:
        raise ParkError(
            "kind_invalid",
            "Vælg spørgsmål, møde eller svar.",
            "Choose question, meeting or answer.",
        )
    applicants = list(application.municipalities.all())
    if is_screener(actor):
        if kind == DialogueKind.ANSWER:
            raise Forbidden()
        org = next((o for o in applicants if o.authority_code == municipality_code), None)
        if org is None:
            raise ParkError(
                "municipality_invalid",
                "Vælg en af de ansøgende kommuner.",
                "Choose one of the applying municipalities.",
            )
    elif is_planner(actor) and any(o.pk == actor.organisation_id for o in applicants):
        if kind == DialogueKind.QUESTION:
            raise Forbidden()
        org = next(o for o in applicants if o.pk == actor.organisation_id)
    else:
        raise Forbidden()
    text = _text(text, "required", "Skriv teksten.", "Enter the text.")
    with transaction.atomic():
        entry = DialogueEntry.objects.create(
            application=application,
            kind=kind,
            municipality=org,
            happened_on=happened_on,
            text=text,
            author=actor,
        )
        record_event(
            action="parks.dialogue",
            actor=actor,
            subject=application,
            after={
                "kind": kind,
                "municipality": org.authority_code,
                "on": happened_on.isoformat(),
                "text": text,
            },
        )
    return entry


def joint_consent_decide(
    *, actor: User, application: ParkApplication, accept: bool
) -> JointConsent:
    """A co-applicant municipality accepts or declines a joint application.

    Accepting makes it an applicant (the application joins its workspace);
    declining leaves it out. Only planners of the requested municipality, while
    the application is a draft and the request unanswered (else 404/409)."""
    consent = (
        application.consents.filter(municipality_id=actor.organisation_id or 0)
        .select_related("municipality")
        .first()
        if is_planner(actor)
        else None
    )
    if consent is None:
        raise NotFound()
    if consent.state != ConsentState.PENDING or not application.is_draft:
        raise IllegalTransition(consent.state, "consent")
    with transaction.atomic():
        consent.state = ConsentState.ACCEPTED if accept else ConsentState.DECLINED
        consent.decided_at = timezone.now()
        consent.decided_by = actor
        consent.save()
        if accept:
            application.municipalities.add(consent.municipality)
        record_event(
            action="parks.joint_consent",
            actor=actor,
            subject=application,
            before={"state": ConsentState.PENDING},
            after={"state": consent.state, "municipality": consent.municipality.authority_code},
        )
    return consent


def consent_requests(user: User) -> list[JointConsent]:
    """Unanswered requests to join a joint application, for a planner's municipality."""
    if not is_planner(user):
        return []
    return list(
        JointConsent.objects.filter(
            municipality_id=user.organisation_id or 0,
            state=ConsentState.PENDING,
            application__status=ApplicationStatus.DRAFT,
        ).select_related("application", "application__lead_municipality")
    )


def park_extend_sunset(*, actor: User, park: Park, sunset_on: date, reason: str) -> Park:
    """Move a park's sunset later, with the reason (state screeners)."""
    if not is_screener(actor):
        raise Forbidden()
    if park.status == ParkStatus.CEASED:
        raise IllegalTransition(park.status, "extend")
    reason = _text(reason, "required", "Angiv en begrundelse.", "Enter the reason.")
    if sunset_on <= park.sunset_on:
        raise ParkError(
            "not_later",
            f"Den nye dato skal ligge efter den nuværende ({park.sunset_on.isoformat()}).",
            f"The new date must be after the current one ({park.sunset_on.isoformat()}).",
        )
    with transaction.atomic():
        previous = park.sunset_on
        SunsetExtension.objects.create(
            park=park,
            previous_sunset_on=previous,
            sunset_on=sunset_on,
            reason=reason,
            recorded_by=actor,
        )
        park.sunset_on = sunset_on
        park.updated_at = timezone.now()
        park.save()
        record_event(
            action="parks.sunset_extend",
            actor=actor,
            subject=park,
            before={"sunset_on": previous.isoformat()},
            after={"sunset_on": sunset_on.isoformat(), "reason": reason},
        )
    return park
