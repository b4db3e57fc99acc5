"""The designation procedure in the API: a round's steps, the dialogue with
municipalities and sunset extensions (issue 17).

Next to :mod:`rodloeber.parks.api.router`, whose schemas these endpoints share;
errors carry their HTTP status and the API's handler renders them.
Round steps are public acts (GET without a token); writes need a state
screener (dialogue answers: a planner of an applying municipality).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from rodloeber.accounts.current import caller
from rodloeber.core.api_errors import ERRORS, wants_english
from rodloeber.parks.api.router import ApplicationOut, ParkOut, _park
from rodloeber.parks.api.schemas import ConditionIn
from rodloeber.parks.conditions import condition_assess
from rodloeber.parks.errors import NotFound
from rodloeber.parks.models import ApplicationRound, ParkApplication, RoundStepKind
from rodloeber.parks.procedure import (
    consent_requests,
    dialogue_add,
    joint_consent_decide,
    park_extend_sunset,
    round_step_record,
)
from rodloeber.parks.selectors import application_for
from rodloeber.parks.serialize import application_dict, park_dict

router = Router(tags=["parks"])


class RoundStepOut(Schema):
    kind: str = Field(
        ..., description="negotiated | political_decision | hearing | landsplandirektiv"
    )
    label: str
    happened_on: date
    details: dict[str, Any]
    note: str


class RoundOut(Schema):
    id: int
    title: str
    deadline: datetime
    synthetic: bool
    steps: list[RoundStepOut]
    next_step: str | None


class RoundStepIn(Schema):
    kind: str = Field(
        ..., description="negotiated | political_decision | hearing | landsplandirektiv"
    )
    happened_on: date
    details: dict[str, Any] = Field(
        default_factory=dict,
        description=(
            "negotiated: outcome; political_decision: decided_by, parks_count; hearing: "
            "period_start, period_end, responses_received; landsplandirektiv: reference, "
            "forligskreds_consulted (must be true)"
        ),
    )
    note: str = Field("", max_length=10000)


class DialogueIn(Schema):
    kind: str = Field(
        ..., description="question | meeting (state) or answer | meeting (municipality)"
    )
    happened_on: date
    text: str = Field(..., max_length=10000)
    municipality_code: str = Field("", description="State only: which applying municipality")


class ExtendIn(Schema):
    sunset_on: date
    reason: str = Field(..., max_length=10000)


def _round(round_id: int) -> ApplicationRound:
    rnd = ApplicationRound.objects.filter(pk=round_id).first()
    if rnd is None:
        raise NotFound()
    return rnd


def round_dict(rnd: ApplicationRound) -> dict[str, Any]:
    steps = list(rnd.steps.all())
    done = {s.kind for s in steps}
    return {
        "id": rnd.pk,
        "title": rnd.title,
        "deadline": rnd.deadline,
        "synthetic": rnd.synthetic,
        "steps": [
            {
                "kind": s.kind,
                "label": str(RoundStepKind(s.kind).label),
                "happened_on": s.happened_on,
                "details": s.details,
                "note": s.note,
            }
            for s in steps
        ],
        "next_step": next((k for k in RoundStepKind.values if k not in done), None),
    }


@router.get(
    "/parks/rounds/{round_id}",
    auth=None,
    response={200: RoundOut, **ERRORS},
    summary="An application round and its designation procedure (public)",
    operation_id="park_round_get",
)
def get_round(request: HttpRequest, round_id: int) -> Any:
    return round_dict(_round(round_id))


@router.post(
    "/parks/rounds/{round_id}/steps",
    response={200: RoundOut, **ERRORS},
    operation_id="park_round_record_step",
)
def record_round_step(request: HttpRequest, round_id: int, payload: RoundStepIn) -> Any:
    """State screeners: record the round's next step (409 if already recorded, 422 if
    out of order or details are missing)."""
    rnd = _round(round_id)
    round_step_record(
        actor=caller(request),
        application_round=rnd,
        kind=payload.kind,
        happened_on=payload.happened_on,
        details=payload.details,
        note=payload.note,
    )
    return round_dict(rnd)


@router.post(
    "/parks/applications/{app_id}/dialogue",
    response={200: ApplicationOut, **ERRORS},
    operation_id="park_application_log_dialogue",
)
def log_dialogue(request: HttpRequest, app_id: int, payload: DialogueIn) -> Any:
    """Log a question, meeting or answer in the dialogue with a municipality."""
    user = caller(request)
    app = application_for(user, app_id)
    dialogue_add(
        actor=user,
        application=app,
        kind=payload.kind,
        happened_on=payload.happened_on,
        text=payload.text,
        municipality_code=payload.municipality_code,
    )
    return application_dict(app, language="en" if wants_english(request) else "da")


@router.post(
    "/parks/{int:park_id}/extend-sunset",
    response={200: ParkOut, **ERRORS},
    operation_id="park_extend_sunset",
)
def extend_sunset(request: HttpRequest, park_id: int, payload: ExtendIn) -> Any:
    """State screeners: move the park's sunset later, with the reason."""
    park = park_extend_sunset(
        actor=caller(request),
        park=_park(park_id),
        sunset_on=payload.sunset_on,
        reason=payload.reason,
    )
    return park_dict(park)


class ConsentRequestOut(Schema):
    application_id: int
    name: str
    lead_municipality: str
    area_ha: float
    requested_at: datetime


class ConsentIn(Schema):
    accept: bool = Field(..., description="true: join the joint application; false: decline")


class ConsentOut(Schema):
    application_id: int
    municipality: str
    state: str = Field(..., description="pending | accepted | declined")


@router.get(
    "/parks/consent-requests",
    response=list[ConsentRequestOut],
    operation_id="park_consent_requests_list",
    summary="Unanswered requests to join a joint application (my municipality)",
)
def list_consent_requests(request: HttpRequest) -> Any:
    return [
        {
            "application_id": c.application_id,
            "name": c.application.name,
            "lead_municipality": c.application.lead_municipality.authority_code,
            "area_ha": c.application.area_ha,
            "requested_at": c.requested_at,
        }
        for c in consent_requests(caller(request))
    ]


@router.post(
    "/parks/applications/{app_id}/consent",
    response={200: ConsentOut, **ERRORS},
    operation_id="park_application_consent",
)
def answer_consent(request: HttpRequest, app_id: int, payload: ConsentIn) -> Any:
    """A co-applicant municipality's planner accepts or declines a joint application
    (404 unless the caller's municipality was asked; 409 once answered)."""
    app = ParkApplication.objects.filter(pk=app_id).first()
    if app is None:
        raise NotFound()
    consent = joint_consent_decide(actor=caller(request), application=app, accept=payload.accept)
    return {
        "application_id": app.pk,
        "municipality": consent.municipality.authority_code,
        "state": consent.state,
    }


@router.post(
    "/parks/applications/{app_id}/conditions",
    response={200: ApplicationOut, **ERRORS},
    operation_id="park_application_assess_condition",
)
def assess_condition(request: HttpRequest, app_id: int, payload: ConditionIn) -> Any:
    """State screeners: record whether a condition of § 13 stk. 1 is met, with evidence.
    Only applications meeting all five can be selected or designated."""
    user = caller(request)
    app = application_for(user, app_id)
    condition_assess(
        actor=user,
        application=app,
        number=payload.number,
        state=payload.state,
        evidence_kind=payload.evidence_kind,
        evidence=payload.evidence,
    )
    return application_dict(app, language="en" if wants_english(request) else "da")
