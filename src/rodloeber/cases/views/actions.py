"""POST-redirect-GET after a service call on a case page, with errors shown as a
DKFDS error summary on the case page (``detail.render_detail``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.functional import Promise

from rodloeber.cases.errors import StaleVersion
from rodloeber.cases.models import Case
from rodloeber.cases.views.common import detail_url, form_errors
from rodloeber.cases.views.detail import render_detail
from rodloeber.core.page_errors import error_message, page_status, raise_for_page
from rodloeber.domain.errors import DomainError


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
    if not form.is_valid():
        return render_detail(request, case, form_id=form_id, errors=form_errors(form), status=422)
    try:
        action(form.cleaned_data)
    except DomainError as exc:  # a case rule, or e.g. FactsError on submit
        raise_for_page(exc)
        return render_detail(
            request,
            case,
            form_id=form_id,
            errors=[error_message(exc)],
            status=page_status(exc),
            stale=isinstance(exc, StaleVersion),
        )
    messages.success(request, str(success))
    return redirect(detail_url(case))
