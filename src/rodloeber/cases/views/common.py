"""Shared helpers of the case pages: the visible case (404 otherwise), links to
it and form errors. Domain errors are rendered by ``core.page_errors``; the
POST-redirect-GET after a service call is ``views/actions.py``."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest
from django.urls import reverse

from rodloeber.accounts.current import caller
from rodloeber.cases.errors import CaseError
from rodloeber.cases.models import Case
from rodloeber.cases.selectors import case_for
from rodloeber.core.page_errors import raise_for_page


def detail_url(case: Case | int, anchor: str = "") -> str:
    pk = case if isinstance(case, int) else case.pk
    url = reverse("cases:detail", args=[pk])
    return f"{url}#{anchor}" if anchor else url


def visible_case(request: HttpRequest, pk: int) -> Case:
    """The case if the caller may see it; otherwise 404 (never a hint that it exists)."""
    try:
        return case_for(caller(request), pk)
    except CaseError as exc:
        raise_for_page(exc)
        raise


def form_errors(form: forms.Form) -> list[str]:
    out = []
    for name, errs in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for e in errs:
            out.append(f"{label}: {e}" if label else str(e))
    return out
