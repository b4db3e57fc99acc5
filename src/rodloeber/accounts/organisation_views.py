"""Administration pages for organisations themselves: create one (company by
CVR, municipality by DAGI code, state authority by agency code), rename it,
deactivate and reactivate it. Thin views over ``organisation_service``;
administrators only (403 for everybody else), errors in the page language."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rodloeber.accounts.admin_views import _admin, _detail_context
from rodloeber.accounts.errors import AccountError
from rodloeber.accounts.models import Organisation
from rodloeber.accounts.organisation_service import (
    organisation_create,
    organisation_rename,
    organisation_set_active,
)
from rodloeber.accounts.roles import OrgKind
from rodloeber.core.page_errors import error_message

FIELDS = ("kind", "name", "name_en", "code", "cvr")
#: Which form field an error code belongs to (the error is shown there).
ERROR_FIELD = {
    "kind_unknown": "kind",
    "name_required": "name",
    "name_too_long": "name",
    "agency_code": "code",
    "municipality_unknown": "code",
    "code_taken": "code",
    "country_code": "cvr",
}


def _field_of(exc: AccountError) -> str:
    return ERROR_FIELD.get(exc.code, "cvr" if exc.code.startswith("cvr") else "kind")


@login_required
@require_http_methods(["GET", "POST"])
def organisation_new(request: HttpRequest) -> HttpResponse:
    """/administration/organisationer/ny"""
    actor = _admin(request)
    posted = {k: request.GET.get(k, "") if k == "kind" else "" for k in FIELDS}
    errors: list[str] = []
    field = ""
    if request.method == "POST":
        posted = {k: request.POST.get(k, "").strip()[:250] for k in FIELDS}
        try:
            org = organisation_create(actor=actor, **posted)
        except AccountError as exc:
            errors, field = [error_message(exc)], _field_of(exc)
        else:
            messages.success(request, _("The organisation is created. Invite its users below."))
            return redirect("administration:organisation", pk=org.pk)
    context: dict[str, Any] = {
        "kinds": OrgKind.choices,
        "posted": posted,
        "errors": errors,
        "form_id": field,
    }
    return render(
        request, "administration/organisation_form.html", context, status=422 if errors else 200
    )


@login_required
@require_POST
def rename(request: HttpRequest, pk: int) -> HttpResponse:
    """/administration/organisationer/<pk>/navn"""
    actor = _admin(request)
    org = get_object_or_404(Organisation, pk=pk)
    name, name_en = request.POST.get("name", "")[:250], request.POST.get("name_en", "")[:250]
    try:
        organisation_rename(actor=actor, organisation=org, name=name, name_en=name_en)
    except AccountError as exc:
        context = _detail_context(org)
        context.update(
            {"errors": [error_message(exc)], "form_id": "rename", "posted": {"name": name}}
        )
        return render(request, "administration/organisation.html", context, status=422)
    messages.success(request, _("The names are saved."))
    return redirect("administration:organisation", pk=org.pk)


@login_required
@require_POST
def set_organisation_active(request: HttpRequest, pk: int) -> HttpResponse:
    """/administration/organisationer/<pk>/aktiv"""
    actor = _admin(request)
    org = get_object_or_404(Organisation, pk=pk)
    active = request.POST.get("active") == "1"
    try:
        organisation_set_active(actor=actor, organisation=org, active=active)
    except AccountError as exc:
        messages.error(request, error_message(exc))
    else:
        messages.success(
            request,
            _("The organisation is reactivated. Reactivate its users one by one.")
            if active
            else _("The organisation and its users are deactivated."),
        )
    return redirect("administration:organisation", pk=org.pk)
