"""The company's pages (virksomheden): start an application from a saved check,
edit and submit a draft, withdraw, and answer an information request."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from rodloeber.accounts.current import caller
from rodloeber.accounts.roles import Role
from rodloeber.cases.errors import CaseError, IllegalTransition
from rodloeber.cases.forms import DraftForm, OptionalReasonForm, StartForm, SubmitForm, TextForm
from rodloeber.cases.models import Case, CaseStatus
from rodloeber.cases.services.completeness import case_supplement
from rodloeber.cases.services.intake import (
    case_draft_create,
    case_draft_update,
    case_submit,
    case_submit_new,
    case_withdraw,
)
from rodloeber.cases.views.actions import run_action
from rodloeber.cases.views.common import detail_url, form_errors, visible_case
from rodloeber.checks.selectors import saved_checks_visible_to
from rodloeber.core.page_errors import error_message, raise_for_page
from rodloeber.domain.errors import DomainError


def _start_page(request: HttpRequest, errors: list[str], status: int = 200) -> HttpResponse:
    user = caller(request)
    context: dict[str, Any] = {
        "saved_checks": saved_checks_visible_to(user),
        "idempotency_key": uuid.uuid4().hex,
        "errors": errors,
    }
    return render(request, "cases/start.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """/sager/ny (Start ansøgning): the company's saved checks, each can be
    submitted at once (idempotency key from the form: a double click is
    harmless) or kept as a draft."""
    user = caller(request)
    if user.role != Role.COMPANY_USER or user.organisation is None:
        raise PermissionDenied
    if request.method == "GET":
        return _start_page(request, [])
    form = StartForm(request.POST)
    if not form.is_valid():
        return _start_page(request, form_errors(form), 422)
    cvr = user.organisation.cvr or ""
    data = form.cleaned_data
    try:
        if data["mode"] == "draft":
            case = case_draft_create(
                actor=user, company_cvr=cvr, saved_check_id=data["saved_check"]
            )
            messages.success(request, _("The draft is created."))
        else:
            case, _replayed = case_submit_new(
                actor=user,
                company_cvr=cvr,
                facts={},
                idempotency_key=data["idempotency_key"] or None,
                saved_check_id=data["saved_check"],
            )
            messages.success(request, _("The application is submitted."))
    except CaseError as exc:
        raise_for_page(exc)
        return _start_page(request, [error_message(exc)], 422)
    except DomainError as exc:
        return _start_page(request, [error_message(exc)], 422)
    return redirect(detail_url(case))


@login_required
@require_POST
def draft_update(request: HttpRequest, pk: int) -> HttpResponse:
    case = visible_case(request, pk)
    user = caller(request)

    def act(d: dict[str, Any]) -> object:
        return case_draft_update(
            actor=user, case=case, facts=d["facts"], title=d["title"], expected_version=d["version"]
        )

    return run_action(
        request, case, "draft", DraftForm(request.POST), act, gettext_lazy("The draft is saved.")
    )


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit a draft; a second click on an already submitted case only shows it."""
    case = visible_case(request, pk)
    user = caller(request)

    def act(d: dict[str, Any]) -> object:
        try:
            return case_submit(actor=user, case=case)
        except IllegalTransition:
            fresh = Case.objects.get(pk=case.pk)
            if fresh.status == CaseStatus.DRAFT:
                raise
            return fresh  # double click: already submitted

    return run_action(
        request,
        case,
        "submit",
        SubmitForm(request.POST),
        act,
        gettext_lazy("The application is submitted."),
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    case = visible_case(request, pk)
    user = caller(request)
    return run_action(
        request,
        case,
        "withdraw",
        OptionalReasonForm(request.POST),
        lambda d: case_withdraw(actor=user, case=case, reason=d["reason"]),
        gettext_lazy("The application is withdrawn."),
    )


@login_required
@require_POST
def supplement(request: HttpRequest, pk: int) -> HttpResponse:
    case = visible_case(request, pk)
    user = caller(request)
    return run_action(
        request,
        case,
        "supplement",
        TextForm(request.POST),
        lambda d: case_supplement(actor=user, case=case, text=d["text"]),
        gettext_lazy("Your answer is sent."),
    )
