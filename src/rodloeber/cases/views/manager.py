"""The case manager's actions (kontaktpersonen i Erhvervsstyrelsen): ask for
information, acknowledge completeness, reject, change contact person,
publish the schedule, decide extension requests and register strategic-project
recognitions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from rodloeber.accounts.current import caller
from rodloeber.cases.forms import (
    AcknowledgeForm,
    DecideForm,
    ReasonForm,
    ReassignForm,
    StrategicRecognitionForm,
    TextForm,
)
from rodloeber.cases.models import ExtensionRequest
from rodloeber.cases.selectors import visible_cases
from rodloeber.cases.services.assignment import case_reassign
from rodloeber.cases.services.completeness import (
    case_acknowledge,
    case_publish_schedule,
    case_reject,
    case_request_information,
)
from rodloeber.cases.services.extensions import extension_decide
from rodloeber.cases.services.strategic import case_strategic_recognition_record
from rodloeber.cases.views.actions import run_action
from rodloeber.cases.views.common import visible_case


@login_required
@require_POST
def request_information(request: HttpRequest, pk: int) -> HttpResponse:
    case, user = visible_case(request, pk), caller(request)
    return run_action(
        request,
        case,
        "request-info",
        TextForm(request.POST),
        lambda d: case_request_information(actor=user, case=case, text=d["text"]),
        _("The company is asked for more information."),
    )


@login_required
@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    case, user = visible_case(request, pk), caller(request)

    def act(d: dict[str, Any]) -> object:
        return case_acknowledge(
            actor=user,
            case=case,
            on=d["date"],
            eligibility_override=d["eligibility_override"],
        )

    return run_action(
        request,
        case,
        "acknowledge",
        AcknowledgeForm(request.POST),
        act,
        _("Completeness is acknowledged: the clock runs and the plan baseline is frozen."),
    )


@login_required
@require_POST
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    case, user = visible_case(request, pk), caller(request)
    return run_action(
        request,
        case,
        "reject",
        ReasonForm(request.POST),
        lambda d: case_reject(actor=user, case=case, reason=d["reason"]),
        _("The application is rejected."),
    )


@login_required
@require_POST
def reassign(request: HttpRequest, pk: int) -> HttpResponse:
    case, user = visible_case(request, pk), caller(request)

    def act(d: dict[str, Any]) -> object:
        return case_reassign(
            actor=user, case=case, contact_person=d["contact_person"], reason=d["reason"]
        )

    return run_action(
        request,
        case,
        "reassign",
        ReassignForm(request.POST),
        act,
        _("The contact person is changed."),
    )


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    case, user = visible_case(request, pk), caller(request)
    return run_action(
        request,
        case,
        "publish",
        forms.Form(request.POST),
        lambda d: case_publish_schedule(actor=user, case=case),
        _("The schedule is published."),
    )


@login_required
@require_POST
def strategic_recognition(request: HttpRequest, pk: int) -> HttpResponse:
    """Register a strategic-project recognition (same service as the API)."""
    case, user = visible_case(request, pk), caller(request)

    def act(d: dict[str, Any]) -> object:
        return case_strategic_recognition_record(
            actor=user,
            case=case,
            regime=d["regime"],
            decided_on=d["decided_on"],
            decided_by=d["decided_by"],
            reference=d["reference"],
            in_permitting_when_recognised=d["in_permitting"],
        )

    return run_action(
        request,
        case,
        "strategic",
        StrategicRecognitionForm(request.POST),
        act,
        _("The strategic-project recognition is registered."),
    )


@login_required
@require_POST
def decide_extension(request: HttpRequest, ext_id: int) -> HttpResponse:
    user = caller(request)
    ext = ExtensionRequest.objects.filter(pk=ext_id, case__in=visible_cases(user)).first()
    if ext is None:
        raise Http404
    form = DecideForm(request.POST)

    def act(d: dict[str, Any]) -> object:
        return extension_decide(actor=user, request=ext, approve=form.approve, reason=d["reason"])

    return run_action(
        request, ext.case, f"extension-{ext.pk}", form, act, _("The extension request is decided.")
    )
