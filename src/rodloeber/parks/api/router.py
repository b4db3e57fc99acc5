"""Industrial parks API (industriparker, L 206 § 13). Contract: docs/api.md.

Thin: reads go through ``rodloeber.parks.selectors`` (invisible → 404) and
writes through one service each. Errors are raised, never mapped here: each
carries its HTTP status and the API's global handler renders the bilingual shape.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from rodloeber.accounts.current import caller
from rodloeber.core.api_errors import ERRORS, wants_english
from rodloeber.layers.api.router import ScreeningReportOut
from rodloeber.parks.api.schemas import ConditionOut, DialogueOut, SunsetExtensionOut
from rodloeber.parks.errors import NotFound, ParkError
from rodloeber.parks.lifecycle import (
    decision_record,
    park_adopt_local_plan,
    park_cease,
    park_open,
)
from rodloeber.parks.models import ApplicationRound, Park
from rodloeber.parks.selection import run_selection
from rodloeber.parks.selectors import (
    application_for,
    public_parks,
    visible_applications,
)
from rodloeber.parks.serialize import application_dict, park_dict
from rodloeber.parks.services import (
    application_create,
    application_submit,
    application_update,
    evaluation_save,
)


def _lang(request: HttpRequest) -> str:
    """The caller's language for labels and legal bases (Accept-Language)."""
    return "en" if wants_english(request) else "da"


router = Router(tags=["parks"])


class ApplicationIn(Schema):
    name: str = Field(..., max_length=200)
    geometry: dict[str, Any] = Field(
        ..., description="GeoJSON Polygon/MultiPolygon in EPSG:4326 (longitude, latitude)"
    )
    answers: dict[str, Any] = Field(
        default_factory=dict, description="§ 13 stk. 1 answers keyed by question"
    )
    round_id: int | None = Field(None, description="Default: the open round")
    co_municipalities: list[str] = Field(
        default_factory=list, description="Co-applicants' kommunekoder (joint application)"
    )
    submit: bool = Field(False, description="Submit at once (otherwise a draft)")


class ApplicationPatch(Schema):
    name: str | None = Field(None, max_length=200)
    geometry: dict[str, Any] | None = None
    answers: dict[str, Any] | None = None


class EvaluationOut(Schema):
    criterion: str
    score: int
    justification: str


class ApplicationOut(Schema):
    id: int
    name: str
    status: str
    round_id: int
    lead_municipality: str
    municipalities: list[str]
    area_ha: float
    region_code: str
    answers: dict[str, str]
    created_at: datetime
    submitted_at: datetime | None
    decided_on: date | None
    total_score: float
    evaluations: list[EvaluationOut]
    conditions: list[ConditionOut]
    dialogue: list[DialogueOut]
    eligible: bool = Field(..., description="All of § 13 stk. 1 met and no stk. 2 exclusion")
    eligibility_reasons: list[str]
    screening: ScreeningReportOut | None
    screening_layer_versions: dict[str, str]
    synthetic: bool
    geometry: dict[str, Any] | None = None


class EvaluationIn(Schema):
    criterion: str
    score: int = Field(..., ge=0, le=5)
    justification: str = Field(..., max_length=5000)


class ParkDecisionIn(Schema):
    designated: bool
    decided_on: date
    reasons: str = Field(..., max_length=10000)
    contact_name: str = ""
    contact_email: str = ""
    sunset_years: int = Field(5, ge=1, le=15, description="Sunset period set for this park")


class SelectionIn(Schema):
    application_ids: list[int] = Field(..., min_length=1, max_length=500)
    n: int = Field(5, ge=1)
    max_per_region: int | None = Field(None, ge=1)
    min_distance_km: float = Field(0.0, ge=0)


class SwapOut(Schema):
    id: int
    score: float
    objective_drop: float | None
    leaves: list[int]


class SelectionOut(Schema):
    chosen: list[int]
    objective: float
    scores: dict[str, float]
    explanation: str
    explanation_da: str
    explanation_en: str
    ineligible: list[int]
    ineligible_reasons: dict[str, list[str]]
    swaps: list[SwapOut]
    solver: str


class ParkOut(Schema):
    id: int
    application_id: int
    name: str
    status: str
    status_label: str
    municipality: str
    area_ha: float
    designated_on: date
    sunset_years: int
    sunset_on: date
    sunset_extensions: list[SunsetExtensionOut]
    local_plan_id: str
    local_plan_url: str
    local_plan_adopted_on: date | None = None
    opened_on: date | None = None
    ceased_on: date | None = None
    ceased_reason: str = ""
    contact_name: str
    contact_email: str
    synthetic: bool


def _open_round(round_id: int | None) -> ApplicationRound:
    qs = ApplicationRound.objects.all()
    rnd = (
        qs.filter(pk=round_id).first()
        if round_id is not None
        else qs.filter(deadline__gt=timezone.now()).order_by("deadline").first()
    )
    if rnd is None:
        raise ParkError("no_round", "Der er ingen åben ansøgningsrunde.", "No open round.")
    return rnd


@router.post(
    "/parks/applications",
    response={201: ApplicationOut, **ERRORS},
    summary="Create (and optionally submit) an industrial park application",
    operation_id="park_application_create",
)
def create_application(request: HttpRequest, payload: ApplicationIn) -> Any:
    """Municipal planners only. The area is validated, reprojected to EPSG:25832
    and screened against § 13; the report is returned as ``screening``."""
    user = caller(request)
    app = application_create(
        actor=user,
        application_round=_open_round(payload.round_id),
        name=payload.name,
        geometry=payload.geometry,
        answers=payload.answers,
        co_municipality_codes=payload.co_municipalities,
    )
    if payload.submit:
        app = application_submit(actor=user, application=app)
    return Status(201, application_dict(app, language=_lang(request)))


@router.get(
    "/parks/applications",
    response=list[ApplicationOut],
    summary="Applications I may see",
    operation_id="park_applications_list",
)
def list_applications(request: HttpRequest) -> Any:
    apps = visible_applications(caller(request)).prefetch_related("evaluations")
    return [application_dict(a, with_geometry=False, language=_lang(request)) for a in apps]


@router.get(
    "/parks/applications/{app_id}",
    response={200: ApplicationOut, **ERRORS},
    operation_id="park_application_get",
)
def get_application(request: HttpRequest, app_id: int) -> Any:
    return application_dict(application_for(caller(request), app_id), language=_lang(request))


@router.patch(
    "/parks/applications/{app_id}",
    response={200: ApplicationOut, **ERRORS},
    operation_id="park_application_patch",
)
def patch_application(request: HttpRequest, app_id: int, payload: ApplicationPatch) -> Any:
    """Edit a draft (planners of an applying municipality, until submitted)."""
    user = caller(request)
    app = application_update(
        actor=user,
        application=application_for(user, app_id),
        name=payload.name,
        geometry=payload.geometry,
        answers=payload.answers,
    )
    return application_dict(app, language=_lang(request))


@router.post(
    "/parks/applications/{app_id}/submit",
    response={200: ApplicationOut, **ERRORS},
    operation_id="park_application_submit",
)
def submit_application(request: HttpRequest, app_id: int) -> Any:
    user = caller(request)
    return application_dict(
        application_submit(actor=user, application=application_for(user, app_id)),
        language=_lang(request),
    )


@router.post(
    "/parks/applications/{app_id}/evaluations",
    response={200: ApplicationOut, **ERRORS},
    operation_id="park_application_evaluate",
)
def evaluate_application(request: HttpRequest, app_id: int, payload: EvaluationIn) -> Any:
    """State screeners: score one criterion (rule data: parks/rules/evaluation.yaml)."""
    user = caller(request)
    app = application_for(user, app_id)
    evaluation_save(
        actor=user,
        application=app,
        criterion=payload.criterion,
        score=payload.score,
        justification=payload.justification,
    )
    return application_dict(app, language=_lang(request))


@router.post(
    "/parks/applications/{app_id}/decision",
    response={200: ApplicationOut, **ERRORS},
    operation_id="park_application_decide",
)
def record_decision(request: HttpRequest, app_id: int, payload: ParkDecisionIn) -> Any:
    """The Business Minister's decision, recorded by a state screener."""
    user = caller(request)
    app = decision_record(
        actor=user,
        application=application_for(user, app_id),
        designated=payload.designated,
        decided_on=payload.decided_on,
        reasons=payload.reasons,
        contact_name=payload.contact_name,
        contact_email=payload.contact_email,
        sunset_years=payload.sunset_years,
    )
    return application_dict(app, language=_lang(request))


@router.post(
    "/parks/selection", response={200: SelectionOut, **ERRORS}, operation_id="parks_selection"
)
def selection(request: HttpRequest, payload: SelectionIn) -> Any:
    """State screeners: the optimal choice of ``n`` areas (MILP, HiGHS), never greedy,
    with a swap analysis for the best excluded applications."""
    outcome = run_selection(
        actor=caller(request),
        application_ids=payload.application_ids,
        n=payload.n,
        max_per_region=payload.max_per_region,
        min_distance_km=payload.min_distance_km,
    )
    return outcome.to_dict(_lang(request))


@router.get(
    "/parks",
    auth=None,
    response=list[ParkOut],
    summary="Designated industrial parks",
    operation_id="parks_list",
)
def list_parks(request: HttpRequest) -> Any:
    return [park_dict(p) for p in public_parks()]


@router.get(
    "/parks/{int:park_id}", auth=None, response={200: ParkOut, **ERRORS}, operation_id="park_get"
)
def get_park(request: HttpRequest, park_id: int) -> Any:
    """One designated park (public), with its lifecycle dates."""
    return park_dict(_park(park_id))


def _park(park_id: int) -> Park:
    park = public_parks().filter(pk=park_id).first()
    if park is None:
        raise NotFound()
    return park


class LocalPlanIn(Schema):
    plan_id: str = Field(..., max_length=64, description="Plandata.dk planid or the plan number")
    adopted_on: date
    url: str = Field("", max_length=200, description="Link to the plan (e.g. Plandata.dk)")


class OpenIn(Schema):
    opened_on: date


class CeaseIn(Schema):
    ceased_on: date
    reason: str = Field(..., max_length=10000)


@router.post(
    "/parks/{int:park_id}/local-plan",
    response={200: ParkOut, **ERRORS},
    operation_id="park_local_plan_adopt",
)
def adopt_local_plan(request: HttpRequest, park_id: int, payload: LocalPlanIn) -> Any:
    """The municipality adopted the lokalplan reserving the area for production
    (planloven). Planners of an applying municipality or state screeners;
    only from status ``reserved`` (409 otherwise)."""
    park = park_adopt_local_plan(
        actor=caller(request),
        park=_park(park_id),
        plan_id=payload.plan_id,
        adopted_on=payload.adopted_on,
        url=payload.url,
    )
    return park_dict(park)


@router.post(
    "/parks/{int:park_id}/open", response={200: ParkOut, **ERRORS}, operation_id="park_open"
)
def open_park(request: HttpRequest, park_id: int, payload: OpenIn) -> Any:
    """Open for companies: only after an adopted lokalplan, because no company may
    settle before one reserves the area (the agreement on § 13)."""
    park = park_open(actor=caller(request), park=_park(park_id), opened_on=payload.opened_on)
    return park_dict(park)


@router.post(
    "/parks/{int:park_id}/cease", response={200: ParkOut, **ERRORS}, operation_id="park_cease"
)
def cease_park(request: HttpRequest, park_id: int, payload: CeaseIn) -> Any:
    """The designation ceases (§ 13, stk. 5), e.g. at the five-year sunset. State
    screeners only."""
    park = park_cease(
        actor=caller(request),
        park=_park(park_id),
        ceased_on=payload.ceased_on,
        reason=payload.reason,
    )
    return park_dict(park)
