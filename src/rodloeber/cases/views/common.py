"""Shared helpers of the case pages: the caller, the language, service errors
shown as DKFDS error summaries, and POST-redirect-GET after a service call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language

from rodloeber.accounts.models import User
from rodloeber.cases.errors import (
    CaseError,
    Forbidden,
    IllegalTransition,
    NotFound,
    StaleVersion,
)
from rodloeber.cases.models import Case
from rodloeber.cases.selectors import case_for
from rodloeber.domain.errors import DomainError


def caller(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def lang() -> str:
    return "en" if (get_language() or "da").startswith("en") else "da"


def error_text(exc: DomainError) -> str:
    return exc.message_en if lang() == "en" else exc.message_da


def status_for(exc: CaseError) -> int:
    if isinstance(exc, StaleVersion | IllegalTransition):
        return 409
    return 422


def detail_url(case: Case | int, anchor: str = "") -> str:
    pk = case if isinstance(case, int) else case.pk
    url = reverse("cases:detail", args=[pk])
    return f"{url}#{anchor}" if anchor else url


def raise_http(exc: CaseError) -> None:
    """404 for invisible objects, 403 (no details) for actions the caller may not do."""
    if isinstance(exc, NotFound):
        raise Http404 from exc
    if isinstance(exc, Forbidden):
        raise PermissionDenied from exc


def visible_case(request: HttpRequest, pk: int) -> Case:
    """The case if the caller may see it; otherwise 404 (never a hint that it exists)."""
    try:
        return case_for(caller(request), pk)
    except CaseError as exc:
        raise_http(exc)
        raise


def form_errors(form: forms.Form) -> list[str]:
    out = []
    for name, errs in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for e in errs:
            out.append(f"{label}: {e}" if label else str(e))
    return out


def run_action(
    request: HttpRequest,
    case: Case,
    form_id: str,
    form: forms.Form,
    action: Callable[[dict[str, Any]], object],
    success: str | Promise,
) -> HttpResponse:
    """Validate ``form``, call the service through ``action(cleaned_data)`` and
    redirect to the case (PRG); on an error show the case page with an error
    summary linking to the form, keeping what was typed."""
    from rodloeber.cases.views.detail import render_detail

    if not form.is_valid():
        return render_detail(request, case, form_id=form_id, errors=form_errors(form), status=422)
    try:
        action(form.cleaned_data)
    except CaseError as exc:
        raise_http(exc)
        stale = isinstance(exc, StaleVersion)
        return render_detail(
            request,
            case,
            form_id=form_id,
            errors=[error_text(exc)],
            status=status_for(exc),
            stale=stale,
        )
    except DomainError as exc:  # e.g. FactsError on submit
        return render_detail(request, case, form_id=form_id, errors=[error_text(exc)], status=422)
    messages.success(request, str(success))
    return redirect(detail_url(case))
