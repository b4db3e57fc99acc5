"""Cases API (Én indgang): intake, completeness, contact person, case detail.

Thin: every read goes through ``rodloeber.cases.selectors`` (invisible → 404,
never 403 with details) and every write through one service. Permits,
milestones, documents, messages, lists and exports are in sub-routers under
``rodloeber.cases.api``. Contract: ``docs/api.md`` ("Cases API").
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Header, Query, Router, Schema, Status

from rodloeber.accounts.current import caller
from rodloeber.accounts.models import User
from rodloeber.accounts.roles import CASE_MANAGER_AUTHORITY_CODE, Role
from rodloeber.cases.access import access_log_denied, access_log_for, access_log_record
from rodloeber.cases.api import files, lists, permits, strategic
from rodloeber.cases.api.common import today
from rodloeber.cases.api.schemas import (
    AcknowledgeIn,
    CaseCreateIn,
    CaseOut,
    CasePlanOut,
    CaseSummaryOut,
    DraftCreateIn,
    DraftUpdateIn,
    ForeignInvestorIn,
    ReasonIn,
    ReassignIn,
    TextIn,
)
from rodloeber.cases.errors import CaseError, NotFound
from rodloeber.cases.models import AccessWhat, Case
from rodloeber.cases.selectors import case_for
from rodloeber.cases.serialize import case_detail
from rodloeber.cases.services.assignment import case_reassign
from rodloeber.cases.services.completeness import (
    case_acknowledge,
    case_publish_schedule,
    case_reject,
    case_request_information,
    case_supplement,
)
from rodloeber.cases.services.foreign import case_foreign_investor_join
from rodloeber.cases.services.intake import (
    case_draft_create,
    case_draft_update,
    case_submit,
    case_submit_new,
    case_withdraw,
)
from rodloeber.core.api_errors import ERRORS

router = Router(tags=["cases"])
router.add_router("", lists.router)
router.add_router("", permits.router)
router.add_router("", files.router)
router.add_router("", strategic.router)

CASE_RESPONSES: dict[int, Any] = {200: CaseOut, **ERRORS}


def _detail(request: HttpRequest, case: Case) -> dict[str, Any]:
    user = caller(request)
    return case_detail(case_for(user, case.pk), user, today())


@router.get(
    "/cases",
    response=list[CaseSummaryOut],
    summary="Cases the caller may see",
    operation_id="cases_list",
)
def list_cases(request: HttpRequest, filters: Query[lists.ListQuery]) -> Any:
    """Filters: `status`, `mine` (my cases as contact person), `at_risk`, `q`
    (reference, title, company, CVR), `kommune` (site code), `authority` (permit
    authority code). Only cases the caller may see."""
    return lists.list_cases(request, filters)


@router.post(
    "/cases",
    response={201: CaseOut, **ERRORS},
    summary="Submit an application (creates the case)",
    operation_id="cases_create",
)
def create_case(
    request: HttpRequest,
    payload: CaseCreateIn,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
) -> Any:
    """Company user: submit ProjectFacts for the caller's company. Eligibility is
    checked again; an ineligible project is still received, with its
    explanation. Replaying the same `Idempotency-Key` returns the same case;
    the same key with another body answers 422."""
    user = caller(request)
    case, _replayed = case_submit_new(
        actor=user,
        company_cvr=payload.company_cvr,
        facts=payload.facts,
        idempotency_key=idempotency_key,
        saved_check_id=payload.saved_check_id,
    )
    return Status(201, _detail(request, case))


@router.post(
    "/cases/drafts",
    response={201: CaseOut, **ERRORS},
    summary="Start an application draft",
    operation_id="cases_draft_create",
)
def create_draft(request: HttpRequest, payload: DraftCreateIn) -> Any:
    """Company user: a draft from a saved check (`saved_check_id`) or from facts."""
    case = case_draft_create(
        actor=caller(request),
        company_cvr=payload.company_cvr,
        facts=payload.facts,
        saved_check_id=payload.saved_check_id,
        title=payload.title,
    )
    return Status(201, _detail(request, case))


@router.get(
    "/cases/{int:case_id}", response=CASE_RESPONSES, summary="One case", operation_id="case_get"
)
def get_case(request: HttpRequest, case_id: int) -> Any:
    """The case with contact person, cap, clock and permits with milestones.
    Each call is written to the case's read log (``/cases/{id}/access-log``)."""
    user = caller(request)
    try:
        case = case_for(user, case_id)
    except NotFound:
        access_log_denied(viewer=user, case_id=case_id, what=AccessWhat.CASE_API)
        raise
    access_log_record(viewer=user, case=case, what=AccessWhat.CASE_API)
    return case_detail(case, user, today())


class AccessLogOut(Schema):
    occurred_at: str
    user: str
    organisation: str | None
    what: str
    detail: str
    outcome: str
    request_id: str


@router.get(
    "/cases/{int:case_id}/access-log",
    response={200: list[AccessLogOut], **ERRORS},
    summary="Who has viewed this case (read log)",
    operation_id="case_access_log",
)
def case_access_log(request: HttpRequest, case_id: int) -> Any:
    """Case managers and the company's users: every view of the case, its documents
    and exports (newest first, at most 1000); refused attempts as ``denied``."""
    _case, rows = access_log_for(caller(request), case_id)
    return [
        {
            "occurred_at": r.occurred_at.isoformat(),
            "user": r.user_label,
            "organisation": r.organisation.name if r.organisation else None,
            "what": r.what,
            "detail": r.detail,
            "outcome": r.outcome,
            "request_id": r.request_id,
        }
        for r in rows[:1000]
    ]


@router.put(
    "/cases/{int:case_id}/draft",
    response=CASE_RESPONSES,
    summary="Auto-save a draft",
    operation_id="case_draft_save",
)
def save_draft(request: HttpRequest, case_id: int, payload: DraftUpdateIn) -> Any:
    """Company user: save the draft's facts; send `version` to detect another tab's save."""
    user = caller(request)
    case = case_draft_update(
        actor=user,
        case=case_for(user, case_id),
        facts=payload.facts,
        title=payload.title,
        expected_version=payload.version,
    )
    return _detail(request, case)


@router.post(
    "/cases/{int:case_id}/submit",
    response=CASE_RESPONSES,
    summary="Submit a draft",
    operation_id="case_submit",
)
def submit_draft(request: HttpRequest, case_id: int) -> Any:
    """Company user: submit the draft (eligibility is checked again)."""
    user = caller(request)
    return _detail(request, case_submit(actor=user, case=case_for(user, case_id)))


@router.post(
    "/cases/{int:case_id}/withdraw",
    response=CASE_RESPONSES,
    summary="Withdraw",
    operation_id="case_withdraw",
)
def withdraw(request: HttpRequest, case_id: int, payload: ReasonIn) -> Any:
    """Company user: withdraw the application before the clock starts."""
    user = caller(request)
    case = case_withdraw(actor=user, case=case_for(user, case_id), reason=payload.reason)
    return _detail(request, case)


@router.post(
    "/cases/{int:case_id}/request-info",
    response=CASE_RESPONSES,
    summary="Request missing information (once)",
    operation_id="case_request_info",
)
def request_info(request: HttpRequest, case_id: int, payload: TextIn) -> Any:
    """Case manager: one request for missing information, 30 days to answer."""
    user = caller(request)
    case = case_request_information(actor=user, case=case_for(user, case_id), text=payload.text)
    return _detail(request, case)


@router.post(
    "/cases/{int:case_id}/supplement",
    response=CASE_RESPONSES,
    summary="Answer the request",
    operation_id="case_supplement",
)
def supplement(request: HttpRequest, case_id: int, payload: TextIn) -> Any:
    """Company user: answer the request for information."""
    user = caller(request)
    case = case_supplement(actor=user, case=case_for(user, case_id), text=payload.text)
    return _detail(request, case)


@router.post(
    "/cases/{int:case_id}/acknowledge",
    response=CASE_RESPONSES,
    summary="Acknowledge completeness (the clock starts)",
    operation_id="case_acknowledge",
)
def acknowledge(request: HttpRequest, case_id: int, payload: AcknowledgeIn) -> Any:
    """Case manager: the clock starts on `date`; permits get their authorities and
    the plan's baseline is frozen. An ineligible project needs `eligibility_override`."""
    user = caller(request)
    case = case_acknowledge(
        actor=user,
        case=case_for(user, case_id),
        on=payload.date,
        eligibility_override=payload.eligibility_override,
    )
    return _detail(request, case)


@router.post(
    "/cases/{int:case_id}/reject",
    response=CASE_RESPONSES,
    summary="Reject (not eligible)",
    operation_id="case_reject",
)
def reject(request: HttpRequest, case_id: int, payload: ReasonIn) -> Any:
    """Case manager: reject an application outside Én indgang, with reasons."""
    user = caller(request)
    case = case_reject(actor=user, case=case_for(user, case_id), reason=payload.reason)
    return _detail(request, case)


@router.post(
    "/cases/{int:case_id}/reassign",
    response=CASE_RESPONSES,
    summary="Change contact person",
    operation_id="case_reassign",
)
def reassign(request: HttpRequest, case_id: int, payload: ReassignIn) -> Any:
    """Case manager: give the case another contact person, with a reason."""
    user = caller(request)
    case = case_for(user, case_id)
    person = User.objects.filter(
        pk=payload.contact_person_id,
        role=Role.CASE_MANAGER,
        organisation__authority_code=CASE_MANAGER_AUTHORITY_CODE,
    ).first()
    if person is None:
        raise CaseError(
            "not_a_case_manager",
            "Kontaktpersonen skal være sagsbehandler i Erhvervsstyrelsen.",
            "The contact person must be a case manager at Erhvervsstyrelsen.",
        )
    case = case_reassign(actor=user, case=case, contact_person=person, reason=payload.reason)
    return _detail(request, case)


@router.post(
    "/cases/{int:case_id}/publish",
    response=CASE_RESPONSES,
    summary="Publish the schedule",
    operation_id="case_publish",
)
def publish(request: HttpRequest, case_id: int) -> Any:
    """Case manager: publish the schedule on the free-access page (NZIA art. 9(11))."""
    user = caller(request)
    return _detail(request, case_publish_schedule(actor=user, case=case_for(user, case_id)))


@router.post(
    "/cases/{int:case_id}/foreign-investor",
    response=CASE_RESPONSES,
    summary="Record a foreign investor (Invest in Denmark joins)",
    operation_id="case_foreign_investor",
)
def foreign_investor(request: HttpRequest, case_id: int, payload: ForeignInvestorIn) -> Any:
    """Case manager: Invest in Denmark joins with read access and a guidance milestone."""
    user = caller(request)
    case = case_foreign_investor_join(
        actor=user, case=case_for(user, case_id), investor_country=payload.investor_country
    )
    return _detail(request, case)


@router.get(
    "/cases/{int:case_id}/plan",
    response={200: CasePlanOut, **ERRORS},
    summary="The case's process plan and its baseline",
    operation_id="case_plan",
)
def case_plan(request: HttpRequest, case_id: int) -> Any:
    """The current process plan and the frozen baseline (Plan contract shape)."""
    case = case_for(caller(request), case_id)
    current = case.plans.filter(kind="current").first()
    baseline = case.plans.filter(kind="baseline").first()
    if current is None:
        raise NotFound()
    return {"current": current.data, "baseline": baseline.data if baseline else None}
