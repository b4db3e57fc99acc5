"""Authority endpoints: milestones (If-Match), pause/resume, decision,
extension requests and call-in. Only the owning authority edits a permit."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Header, Router, Status

from rodloeber.accounts.current import caller
from rodloeber.cases.api.common import today
from rodloeber.cases.api.schemas import (
    CallInIn,
    CallInOut,
    DecideIn,
    DecisionIn,
    ExtensionIn,
    ExtensionOut,
    MilestoneOut,
    MilestonePatchIn,
    PauseIn,
    PermitOut,
    ReasonIn,
    SettleIn,
)
from rodloeber.cases.errors import CaseError, NotFound, PreconditionRequired
from rodloeber.cases.models import CallIn, ExtensionRequest, Permit
from rodloeber.cases.selectors import (
    editable_permits,
    milestone_for_edit,
    permit_for_edit,
    permit_for_view,
    visible_cases,
)
from rodloeber.cases.serialize import milestone_dict, permit_dict
from rodloeber.cases.services.callin import callin_decide, callin_request
from rodloeber.cases.services.extensions import extension_decide, extension_request
from rodloeber.cases.services.milestones import milestone_update
from rodloeber.cases.services.permits import permit_pause, permit_record_decision, permit_resume
from rodloeber.cases.services.settle import permit_settle
from rodloeber.core.api_errors import ERRORS, ErrorOut

router = Router(tags=["permits"])

PERMIT_RESPONSES: dict[int, Any] = {200: PermitOut, **ERRORS}


def parse_if_match(value: str | None) -> int:
    """``If-Match: 3`` / ``"3"`` / ``W/"3"`` → 3; missing → 428."""
    if value is None or not value.strip():
        raise PreconditionRequired()
    raw = value.strip().removeprefix("W/").strip('"')
    if not raw.isdigit():
        raise CaseError(
            "if_match_invalid",
            "If-Match skal være milepælens versionsnummer.",
            "If-Match must be the milestone's version number.",
        )
    return int(raw)


def _permit_out(request: HttpRequest, permit: Permit) -> dict[str, Any]:
    user = caller(request)
    fresh = permit_for_view(user, permit.pk)
    editable = editable_permits(user).filter(pk=fresh.pk).exists()
    return permit_dict(fresh, today(), editable)


@router.patch(
    "/milestones/{int:milestone_id}",
    response={200: MilestoneOut, 412: ErrorOut, 428: ErrorOut, **ERRORS},
    summary="Record an actual date or a revised forecast",
    operation_id="milestone_patch",
)
def patch_milestone(
    request: HttpRequest,
    milestone_id: int,
    payload: MilestonePatchIn,
    if_match: Annotated[str | None, Header(alias="If-Match")] = None,
) -> Any:
    """The owning authority: `{"actual": "YYYY-MM-DD"}` or `{"forecast": …, "reason": …}`
    with `If-Match: <version>`. Stale version → 412; missing If-Match → 428."""
    user = caller(request)
    milestone = milestone_for_edit(user, milestone_id)
    version = parse_if_match(if_match)
    fresh = milestone_update(
        actor=user,
        milestone=milestone,
        expected_version=version,
        actual=payload.actual,
        forecast=payload.forecast,
        reason=payload.reason,
    )
    return milestone_dict(fresh, today())


@router.post(
    "/permits/{int:permit_id}/pause",
    response=PERMIT_RESPONSES,
    summary="Pause",
    operation_id="permit_pause",
)
def pause(request: HttpRequest, permit_id: int, payload: PauseIn) -> Any:
    """The owning authority: pause with a reason code (`applicant_supplementing`,
    `eia_report_preparation`, `appeal`, `court_proceedings`, `statutory_hearing`,
    `force_majeure`, `authority_internal`) and a note."""
    user = caller(request)
    permit = permit_for_edit(user, permit_id)
    permit_pause(
        actor=user, permit=permit, reason=payload.reason, note=payload.note, on=payload.date
    )
    return _permit_out(request, permit)


@router.post(
    "/permits/{int:permit_id}/resume",
    response=PERMIT_RESPONSES,
    summary="Resume",
    operation_id="permit_resume",
)
def resume(request: HttpRequest, permit_id: int, payload: PauseIn) -> Any:
    """The owning authority: resume a paused permit (the clock runs again)."""
    user = caller(request)
    permit = permit_for_edit(user, permit_id)
    permit_resume(actor=user, permit=permit, note=payload.note, on=payload.date)
    return _permit_out(request, permit)


@router.post(
    "/permits/{int:permit_id}/decision",
    response=PERMIT_RESPONSES,
    summary="Record the decision",
    operation_id="permit_decision",
)
def decision(request: HttpRequest, permit_id: int, payload: DecisionIn) -> Any:
    """The owning authority: granted / refused / withdrawn, date and appeal period end
    (default: the permit type's appeal period)."""
    user = caller(request)
    permit = permit_for_edit(user, permit_id)
    permit_record_decision(
        actor=user,
        permit=permit,
        outcome=payload.outcome,
        on=payload.date,
        appeal_period_end=payload.appeal_period_end,
        note=payload.note,
    )
    return _permit_out(request, permit)


@router.post(
    "/permits/{int:permit_id}/settle",
    response=PERMIT_RESPONSES,
    summary="Settle a possible permit (needed / not needed / possible again)",
    operation_id="permit_settle",
)
def settle(request: HttpRequest, permit_id: int, payload: SettleIn) -> Any:
    """The case manager or the permit's owning authority: `{"certainty": "required"}`
    plans a permit the navigator found only possible (milestones from the current plan,
    re-plan; the baseline stays frozen), `"not_needed"` settles it as not needed, and
    `"possible"` undoes either while the permit has no reported progress. Hidden → 404."""
    user = caller(request)
    permit = permit_for_view(user, permit_id)
    permit_settle(actor=user, permit=permit, certainty=payload.certainty)
    return _permit_out(request, permit)


def _extension_out(e: ExtensionRequest) -> dict[str, Any]:
    return {
        "id": e.pk,
        "case_id": e.case_id,
        "permit_id": e.permit_id,
        "kind": e.kind,
        "months": e.months,
        "reason": e.reason,
        "status": e.status,
        "decision_reason": e.decision_reason,
        "decided_on": e.decided_on,
    }


@router.post(
    "/permits/{int:permit_id}/extension",
    response={201: ExtensionOut, **ERRORS},
    summary="Ask for an extension of the cap",
    operation_id="permit_extension_request",
)
def ask_extension(request: HttpRequest, permit_id: int, payload: ExtensionIn) -> Any:
    """The owning authority: once per kind, at most the regime's months, with reasons."""
    user = caller(request)
    permit = permit_for_edit(user, permit_id)
    req = extension_request(
        actor=user, permit=permit, months=payload.months, reason=payload.reason, kind=payload.kind
    )
    return Status(201, _extension_out(req))


@router.post(
    "/extensions/{int:extension_id}/decide",
    response={200: ExtensionOut, **ERRORS},
    summary="Approve or reject an extension",
    operation_id="extension_decide",
)
def decide_extension(request: HttpRequest, extension_id: int, payload: DecideIn) -> Any:
    """Case manager: approve (the cap deadline moves) or reject, with reasons."""
    user = caller(request)
    req = ExtensionRequest.objects.filter(pk=extension_id, case__in=visible_cases(user)).first()
    if req is None:
        raise NotFound()
    req = extension_decide(actor=user, request=req, approve=payload.approve, reason=payload.reason)
    return _extension_out(req)


def _callin_out(c: CallIn) -> dict[str, Any]:
    return {
        "id": c.pk,
        "permit_id": c.permit_id,
        "from_code": c.from_org.authority_code,
        "to_code": c.to_org.authority_code,
        "reason": c.reason,
        "status": c.status,
        "decision_reason": c.decision_reason,
    }


@router.post(
    "/permits/{int:permit_id}/call-in",
    response={201: CallInOut, **ERRORS},
    summary="Ask a state authority to take over (call-in)",
    operation_id="permit_call_in",
)
def call_in(request: HttpRequest, permit_id: int, payload: CallInIn) -> Any:
    """The owning municipality: `{"authority_code": "MST", "reason": "…"}`."""
    user = caller(request)
    permit = permit_for_edit(user, permit_id)
    c = callin_request(
        actor=user, permit=permit, to_authority_code=payload.authority_code, reason=payload.reason
    )
    return Status(201, _callin_out(c))


def _decide_callin(request: HttpRequest, permit_id: int, accept: bool, reason: str) -> Any:
    user = caller(request)
    permit = permit_for_view(user, permit_id)
    c = callin_decide(actor=user, permit=permit, accept=accept, reason=reason)
    return _callin_out(c)


@router.post(
    "/permits/{int:permit_id}/call-in/accept",
    response={200: CallInOut, **ERRORS},
    summary="Accept a call-in (competence moves)",
    operation_id="permit_call_in_accept",
)
def accept_call_in(request: HttpRequest, permit_id: int, payload: ReasonIn) -> Any:
    """The asked state authority: take over the permit; the history stays."""
    return _decide_callin(request, permit_id, True, payload.reason)


@router.post(
    "/permits/{int:permit_id}/call-in/decline",
    response={200: CallInOut, **ERRORS},
    summary="Decline a call-in",
    operation_id="permit_call_in_decline",
)
def decline_call_in(request: HttpRequest, permit_id: int, payload: ReasonIn) -> Any:
    """The asked state authority: decline, with reasons."""
    return _decide_callin(request, permit_id, False, payload.reason)
