"""One case page (sagen): what happens next, the plan, permits, messages and
documents, with the forms the caller's role may use (virksomhed,
kontaktperson, myndighed, Invest in Denmark)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.forms import ModelChoiceField
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from rodloeber.accounts.current import caller
from rodloeber.accounts.roles import OrgKind
from rodloeber.cases.access import (
    access_log_denied,
    access_log_for,
    access_log_record,
    may_see_access_log,
)
from rodloeber.cases.beside_plan import added_after_baseline, beside_plan
from rodloeber.cases.errors import CaseError
from rodloeber.cases.forms import (
    IN_PERMITTING_CHOICES,
    ReassignForm,
    pause_reason_choices,
    state_authority_choices,
)
from rodloeber.cases.models import (
    GUIDANCE_CODE,
    AccessWhat,
    Case,
    CaseStatus,
    DecisionOutcome,
    Notice,
    RequestStatus,
    StrategicRegime,
)
from rodloeber.cases.presenters import current_plan, plan_context
from rodloeber.cases.selectors import (
    can_write_to_case,
    is_authority_caseworker,
    is_case_manager,
    is_company_user_of,
)
from rodloeber.cases.serialize import case_detail
from rodloeber.cases.services.completeness import ACKNOWLEDGE_WITHIN_DAYS
from rodloeber.cases.views.common import visible_case
from rodloeber.core.gantt import gantt_download
from rodloeber.core.page_errors import page_language as lang
from rodloeber.core.page_errors import raise_for_page
from rodloeber.domain.navigator.model import is_planned
from rodloeber.domain.planning import add_months

#: NZIA art. 9(11): the detailed schedule within 2 months of the clock start
#: (caps.yaml clock rule schedule_two_months, verified).
SCHEDULE_WITHIN_MONTHS = 2

STATUS_BADGE = {
    CaseStatus.DRAFT: "badge-info",
    CaseStatus.SUBMITTED: "badge-info",
    CaseStatus.INFORMATION_REQUESTED: "badge-warning",
    CaseStatus.IN_PROGRESS: "badge-success",
    CaseStatus.DECIDED: "badge-success",
    CaseStatus.NOT_ELIGIBLE: "badge-error",
    CaseStatus.WITHDRAWN: "badge-error",
}


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def next_steps(case: Case, detail: dict[str, Any], language: str) -> list[dict[str, Any]]:
    """ "What happens next and when" (hvad sker der nu, og hvornår) for the first screen."""
    steps: list[dict[str, Any]] = []
    if case.status == CaseStatus.DRAFT:
        steps.append({"text": _("Check the draft and submit the application."), "when": None})
    elif case.status == CaseStatus.SUBMITTED:
        received = timezone.localdate(case.submitted_at) if case.submitted_at else None
        due = received + timedelta(days=ACKNOWLEDGE_WITHIN_DAYS) if received else None
        steps.append(
            {
                "text": _(
                    "Your contact person checks that the application is complete. "
                    "The clock starts when completeness is acknowledged."
                ),
                "when": due,
                "when_label": _("at the latest"),
            }
        )
    elif case.status == CaseStatus.INFORMATION_REQUESTED:
        steps.append(
            {
                "text": _("The contact person asks for more information: %(text)s")
                % {"text": case.info_request_text},
                "when": case.info_due_on,
                "when_label": _("answer by"),
            }
        )
    elif case.status == CaseStatus.IN_PROGRESS:
        upcoming = []
        for p in detail["permits"]:
            name = p["name_en"] if language == "en" else p["name_da"]
            for m in p["milestones"]:
                if m["actual"] is None and p["status"] != "decided":
                    label = m["label_en"] if language == "en" else m["label_da"]
                    upcoming.append(
                        (m["forecast"], f"{name}: {label}", _authority(p, language)["name"])
                    )
        if case.clock_start and case.schedule_published_at is None:
            # NZIA art. 9(11): the detailed schedule within 2 months of the clock start
            steps.append(
                {
                    "text": _(
                        "The contact person agrees the detailed schedule with the "
                        "authorities and publishes it (NZIA Art. 9(11))."
                    ),
                    "when": add_months(case.clock_start, SCHEDULE_WITHIN_MONTHS),
                    "when_label": _("at the latest"),
                }
            )
        for when, text, who in sorted(upcoming)[:3]:
            steps.append({"text": text, "who": who, "when": _d(when), "when_label": ""})
        if case.cap_deadline:
            steps.append(
                {
                    "text": _("All permits must be decided within the cap."),
                    "when": case.cap_deadline,
                    "when_label": _("cap deadline"),
                }
            )
    elif case.status == CaseStatus.DECIDED:
        steps.append({"text": _("All permits are decided."), "when": case.decided_on})
    elif case.status == CaseStatus.NOT_ELIGIBLE:
        steps.append(
            {"text": _("The application was rejected: %s") % case.not_eligible_reason, "when": None}
        )
    else:
        steps.append({"text": _("The application was withdrawn."), "when": None})
    return steps


def _threads(case: Case, user_id: int) -> list[dict[str, Any]]:
    msgs = list(
        case.messages.select_related("author", "organisation").prefetch_related("reads__user")
    )

    def out(m: Any) -> dict[str, Any]:
        readers = list(m.reads.all())
        return {
            "m": m,
            "author": m.author.get_full_name() or m.author.username,
            "read_by": [r.user.get_full_name() or r.user.username for r in readers],
            "read_by_me": m.author_id == user_id or any(r.user_id == user_id for r in readers),
        }

    threads = [{**out(m), "replies": []} for m in msgs if m.thread_id is None]
    by_id = {t["m"].pk: t for t in threads}
    for m in msgs:
        if m.thread_id is not None and m.thread_id in by_id:
            by_id[m.thread_id]["replies"].append(out(m))
    return threads


def permit_progress(p: dict[str, Any], today: date) -> str:
    """What the permit's status badge says, following the plan: ``not_started``
    while no milestone has happened and the first (the application) lies ahead,
    else ``in_progress``; ``paused`` and ``decided`` as recorded."""
    if p["status"] in ("decided", "paused"):
        return str(p["status"])
    milestones = p["milestones"]
    if milestones and all(m["actual"] is None for m in milestones):
        first = min(milestones, key=lambda m: m["forecast"])
        if date.fromisoformat(first["forecast"]) > today:
            return "not_started"
    return "in_progress"


def _permits(detail: dict[str, Any], case: Case, language: str, org_kind: str) -> list[Any]:
    out = []
    added = added_after_baseline(case)
    for p in detail["permits"]:
        if not is_planned(p["certainty"]):  # shown beside the plan (beside_plan.py)
            continue
        can_call_in = (
            p["editable"]
            and org_kind == OrgKind.MUNICIPALITY
            and p["status"] != "decided"
            and case.status == CaseStatus.IN_PROGRESS
            and not any(
                c["permit_id"] == p["id"] and c["status"] == RequestStatus.PENDING
                for c in detail["call_ins"]
            )
        )
        pid = p["id"]
        fids = {
            "pause": f"pause-{pid}",
            "resume": f"resume-{pid}",
            "decision": f"decision-{pid}",
            "extension": f"extension-ask-{pid}",
            "callin": f"callin-{pid}",
        }
        milestones = [
            {
                **m,
                "label": m["label_en"] if language == "en" else m["label_da"],
                "fid": f"milestone-{m['id']}",
            }
            for m in p["milestones"]
        ]
        pending = sorted(
            (m for m in milestones if m["actual"] is None), key=lambda m: m["forecast"]
        )
        out.append(
            {
                **p,
                "next": pending[0] if pending and p["status"] != "decided" else None,
                "progress": permit_progress(p, timezone.localdate()),
                "name": p["name_en"] if language == "en" else p["name_da"],
                "authority": _authority(p, language),
                "is_guidance": p["code"] == GUIDANCE_CODE,
                "added_after_baseline": p["code"] in added,
                "can_call_in": can_call_in,
                "milestones": milestones,
                "fids": fids,
                "fid_list": [*fids.values(), *(m["fid"] for m in milestones)],
            }
        )
    return out


def _authority(p: dict[str, Any], language: str) -> dict[str, Any]:
    """The permit's authority with ``name`` in the page language."""
    authority = p["authority"]
    return {**authority, "name": authority["name_en"] if language == "en" else authority["name"]}


def case_context(request: HttpRequest, case: Case) -> dict[str, Any]:
    user = caller(request)
    today = timezone.localdate()
    language = lang()
    detail = case_detail(case, user, today)
    org = user.organisation
    names = {p["id"]: p["name_en" if language == "en" else "name_da"] for p in detail["permits"]}
    my_code = org.authority_code if org else None
    manager = is_case_manager(user)
    context: dict[str, Any] = {
        "case": case,
        "detail": detail,
        "status_badge": STATUS_BADGE.get(CaseStatus(case.status), "badge-info"),
        "is_company": is_company_user_of(user, case),
        "is_manager": manager,
        "is_authority": is_authority_caseworker(user),
        "may_see_access_log": may_see_access_log(user, case),
        "can_write": can_write_to_case(user, case),
        "permits": _permits(detail, case, language, org.kind if org else ""),
        "beside_plan": beside_plan(case, user, language),
        "next_steps": next_steps(case, detail, language),
        "threads": _threads(case, user.pk),
        "documents": list(case.documents.select_related("uploaded_by", "organisation")),
        "notices": list(Notice.objects.filter(user=user, case=case)[:10]),
        "extensions": [
            {**e, "permit_name": names.get(e["permit_id"], ""), "fid": f"extension-{e['id']}"}
            for e in detail["extension_requests"]
        ],
        "call_ins": [
            {**c, "permit_name": names.get(c["permit_id"], "")} for c in detail["call_ins"]
        ],
        "my_authority_code": my_code,
        "pause_reasons": pause_reason_choices(),
        "outcomes": DecisionOutcome.choices,
        "today": today,
        "language": language,
        "clock": detail["clock"],
        "recognitions": list(case.strategic_recognitions.all()),
    }
    if any(p["can_call_in"] for p in context["permits"]):
        context["state_authorities"] = state_authority_choices()
    if manager:
        context["strategic_regimes"] = StrategicRegime.choices
        context["in_permitting_choices"] = IN_PERMITTING_CHOICES
        field = ReassignForm().fields["contact_person"]
        assert isinstance(field, ModelChoiceField)
        context["case_managers"] = list(field.queryset or [])
    if context["is_company"] and case.status == CaseStatus.DRAFT:
        context["facts_json"] = json.dumps(case.facts, ensure_ascii=False, indent=2)
    if case.status == CaseStatus.IN_PROGRESS or case.status == CaseStatus.DECIDED:
        context.update(plan_context(case, language, today))
    return context


def render_detail(
    request: HttpRequest,
    case: Case,
    *,
    form_id: str = "",
    errors: list[str] | None = None,
    status: int = 200,
    stale: bool = False,
) -> HttpResponse:
    fresh = Case.objects.select_related("company", "contact_person").get(pk=case.pk)
    context = case_context(request, fresh)
    context.update(
        {
            "form_id": form_id,
            "errors": errors or [],
            "stale": stale,
            "posted": request.POST if errors else {},
        }
    )
    return render(request, "cases/detail.html", context, status=status)


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """/sager/<id>: the case, if the caller may see it (else 404). Logged (read log)."""
    try:
        case = visible_case(request, pk)
    except Http404:
        access_log_denied(viewer=caller(request), case_id=pk, what=AccessWhat.CASE_PAGE)
        raise
    access_log_record(viewer=caller(request), case=case, what=AccessWhat.CASE_PAGE)
    return render_detail(request, case)


@login_required
@require_GET
def plan_svg(request: HttpRequest, pk: int) -> HttpResponse:
    """/sager/<id>/procesplan.svg: the case's Gantt chart as a file (same access as the page)."""
    try:
        case = visible_case(request, pk)
    except Http404:
        access_log_denied(viewer=caller(request), case_id=pk, what=AccessWhat.CASE_PAGE)
        raise
    has_plan = case.status in (CaseStatus.IN_PROGRESS, CaseStatus.DECIDED)
    plan = current_plan(case) if has_plan else None
    if plan is None:
        raise Http404
    access_log_record(viewer=caller(request), case=case, what=AccessWhat.CASE_PAGE)
    return gantt_download(
        plan, lang=lang(), filename=f"procesplan-{case.pk}.svg", today=timezone.localdate()
    )


@login_required
@require_GET
def access_log(request: HttpRequest, pk: int) -> HttpResponse:
    """/sager/<id>/adgangslog: who has viewed this case (case managers, the company)."""
    try:
        case, rows = access_log_for(caller(request), pk)
    except CaseError as exc:
        raise_for_page(exc)
        raise
    return render(
        request,
        "cases/access_log.html",
        {"case": case, "rows": rows[:500], "total": rows.count()},
    )
