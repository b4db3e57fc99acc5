"""The authority caseworker's actions (myndighedens sagsbehandler), on their own
permits only: milestone dates and forecasts (with the version seen), pause
and resume, extension requests, the decision, and call-in (hjemtagelse)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from rodloeber.accounts.current import caller
from rodloeber.cases.errors import CaseError
from rodloeber.cases.forms import (
    CallInDecideForm,
    CallInForm,
    DecisionForm,
    ExtensionRequestForm,
    MilestoneForm,
    PauseForm,
    ResumeForm,
)
from rodloeber.cases.models import Milestone, Permit
from rodloeber.cases.selectors import milestone_for_edit, permit_for_edit, permit_for_view
from rodloeber.cases.services.callin import callin_decide, callin_request
from rodloeber.cases.services.extensions import extension_request
from rodloeber.cases.services.milestones import milestone_update
from rodloeber.cases.services.permits import permit_pause, permit_record_decision, permit_resume
from rodloeber.cases.views.actions import run_action
from rodloeber.core.page_errors import raise_for_page


def _permit(request: HttpRequest, permit_id: int, edit: bool = True) -> Permit:
    user = caller(request)
    try:
        return permit_for_edit(user, permit_id) if edit else permit_for_view(user, permit_id)
    except CaseError as exc:
        raise_for_page(exc)
        raise


def _milestone(request: HttpRequest, milestone_id: int) -> Milestone:
    try:
        return milestone_for_edit(caller(request), milestone_id)
    except CaseError as exc:
        raise_for_page(exc)
        raise


@login_required
@require_POST
def milestone(request: HttpRequest, milestone_id: int) -> HttpResponse:
    """Record an actual date or a revised forecast; a stale version shows
    "someone else changed this; reload" (the service's conflict)."""
    user = caller(request)
    m = _milestone(request, milestone_id)

    def act(d: dict[str, Any]) -> object:
        return milestone_update(
            actor=user,
            milestone=m,
            expected_version=d["version"],
            actual=d["actual"],
            forecast=d["forecast"],
            reason=d["reason"],
        )

    return run_action(
        request,
        m.permit.case,
        f"milestone-{m.pk}",
        MilestoneForm(request.POST),
        act,
        _("The milestone is updated and the plan recomputed."),
    )


@login_required
@require_POST
def pause(request: HttpRequest, permit_id: int) -> HttpResponse:
    user, permit = caller(request), _permit(request, permit_id)

    def act(d: dict[str, Any]) -> object:
        return permit_pause(
            actor=user, permit=permit, reason=d["reason"], note=d["note"], on=d["date"]
        )

    return run_action(
        request, permit.case, f"pause-{permit.pk}", PauseForm(request.POST), act, _("Paused.")
    )


@login_required
@require_POST
def resume(request: HttpRequest, permit_id: int) -> HttpResponse:
    user, permit = caller(request), _permit(request, permit_id)

    def act(d: dict[str, Any]) -> object:
        return permit_resume(actor=user, permit=permit, note=d["note"], on=d["date"])

    return run_action(
        request, permit.case, f"resume-{permit.pk}", ResumeForm(request.POST), act, _("Resumed.")
    )


@login_required
@require_POST
def decision(request: HttpRequest, permit_id: int) -> HttpResponse:
    user, permit = caller(request), _permit(request, permit_id)

    def act(d: dict[str, Any]) -> object:
        return permit_record_decision(
            actor=user,
            permit=permit,
            outcome=d["outcome"],
            on=d["date"],
            appeal_period_end=d["appeal_period_end"],
            note=d["note"],
        )

    return run_action(
        request,
        permit.case,
        f"decision-{permit.pk}",
        DecisionForm(request.POST),
        act,
        _("The decision is recorded."),
    )


@login_required
@require_POST
def extension(request: HttpRequest, permit_id: int) -> HttpResponse:
    user, permit = caller(request), _permit(request, permit_id)

    def act(d: dict[str, Any]) -> object:
        return extension_request(actor=user, permit=permit, months=d["months"], reason=d["reason"])

    return run_action(
        request,
        permit.case,
        f"extension-ask-{permit.pk}",
        ExtensionRequestForm(request.POST),
        act,
        _("The extension is requested from the contact person."),
    )


@login_required
@require_POST
def call_in(request: HttpRequest, permit_id: int) -> HttpResponse:
    user, permit = caller(request), _permit(request, permit_id)

    def act(d: dict[str, Any]) -> object:
        return callin_request(
            actor=user, permit=permit, to_authority_code=d["authority_code"], reason=d["reason"]
        )

    return run_action(
        request,
        permit.case,
        f"callin-{permit.pk}",
        CallInForm(request.POST),
        act,
        _("The state authority is asked to take over the permit."),
    )


@login_required
@require_POST
def call_in_decide(request: HttpRequest, permit_id: int) -> HttpResponse:
    user, permit = caller(request), _permit(request, permit_id, edit=False)
    form = CallInDecideForm(request.POST)

    def act(d: dict[str, Any]) -> object:
        accept = d["decision"] == "accept"
        return callin_decide(actor=user, permit=permit, accept=accept, reason=d["reason"])

    return run_action(
        request, permit.case, f"callin-decide-{permit.pk}", form, act, _("The call-in is decided.")
    )
