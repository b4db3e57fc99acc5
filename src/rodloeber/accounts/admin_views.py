"""Administration pages (/administration): organisations, their users and
invitations; deactivate and reactivate. DKFDS pages over the audited services
in ``administration_service`` (ADR 0004: no Django admin). Administrators only;
everybody else gets 403."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rodloeber.accounts.administration_service import (
    invitation_accept,
    invitation_create,
    invitation_for,
    invitation_revoke,
    require_administrator,
    roles_for,
    user_set_active,
)
from rodloeber.accounts.delegation_service import (
    DELEGABLE,
    delegation_create,
    delegation_end,
)
from rodloeber.accounts.delegation_service import LEGAL_BASIS as DELEGATION_BASIS
from rodloeber.accounts.errors import AccountError
from rodloeber.accounts.models import Delegation, Invitation, Organisation, User
from rodloeber.accounts.roles import OrgKind, Role
from rodloeber.core.page_errors import error_message
from rodloeber.core.web import page_language
from rodloeber.domain.catalogue import load_catalogue

#: At most this many organisations in one list (refine the search beyond that).
LIST_LIMIT = 100


def _admin(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    try:
        require_administrator(user)
    except AccountError as exc:
        raise PermissionDenied from exc
    return user


def _text(exc: AccountError) -> str:
    return error_message(exc)


@login_required
@require_GET
def organisations(request: HttpRequest) -> HttpResponse:
    _admin(request)
    kind = request.GET.get("type", "")
    kind = kind if kind in OrgKind.values else ""
    q = request.GET.get("q", "").strip()[:100]
    qs = Organisation.objects.annotate(
        active_users=Count("users", filter=Q(users__is_active=True))
    ).order_by("kind", "name")
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(
            Q(name__icontains=q) | Q(authority_code__iexact=q) | Q(cvr=q) | Q(name_en__icontains=q)
        )
    rows = list(qs[: LIST_LIMIT + 1])
    return render(
        request,
        "administration/organisations.html",
        {
            "rows": rows[:LIST_LIMIT],
            "more": len(rows) > LIST_LIMIT,
            "kinds": OrgKind.choices,
            "kind": kind,
            "q": q,
        },
    )


def _detail_context(org: Organisation) -> dict[str, Any]:
    names = {code: _permit_name(code) for code in DELEGABLE}
    return {
        "delegations": [
            {"d": d, "permits": [names[c] for c in d.permit_codes if c in names]}
            for d in Delegation.objects.filter(Q(from_org=org) | Q(to_org=org)).select_related(
                "from_org", "to_org"
            )[:50]
        ],
        "delegable": [(code, names[code], basis) for code, basis in DELEGABLE.items()],
        "municipalities": (
            Organisation.objects.filter(kind=OrgKind.MUNICIPALITY).exclude(pk=org.pk)
            if org.kind == OrgKind.MUNICIPALITY
            else Organisation.objects.none()
        ),
        "delegation_basis": DELEGATION_BASIS,
        "org": org,
        "users": list(org.users.order_by("-is_active", "username")),
        "invitations": [
            i
            for i in Invitation.objects.filter(organisation=org).select_related("invited_by")[:50]
            if i.is_open()
        ],
        "roles": [(r, Role(r).label) for r in roles_for(org)],
    }


@login_required
@require_GET
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    _admin(request)
    org = get_object_or_404(Organisation, pk=pk)
    return render(request, "administration/organisation.html", _detail_context(org))


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _admin(request)
    org = get_object_or_404(Organisation, pk=pk)
    email = request.POST.get("email", "")
    role = request.POST.get("role", "")
    try:
        _inv, link = invitation_create(
            actor=actor,
            organisation=org,
            role=role,
            email=email,
            base_url=request.build_absolute_uri("/"),
        )
    except AccountError as exc:
        context = _detail_context(org)
        context.update(
            {"errors": [_text(exc)], "form_id": "invite", "posted": {"email": email, "role": role}}
        )
        return render(request, "administration/organisation.html", context, status=422)
    messages.success(request, _("The invitation is sent by e-mail. The link works once."))
    if settings.RODLOEBER_DEMO_MODE:  # no real e-mail in the demo: show the link
        messages.info(request, _("Demo: the invitation link is %(link)s") % {"link": link})
    return redirect("administration:organisation", pk=org.pk)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _admin(request)
    inv = get_object_or_404(Invitation, pk=pk)
    try:
        invitation_revoke(actor=actor, invitation=inv)
    except AccountError as exc:
        messages.error(request, _text(exc))
    else:
        messages.success(request, _("The invitation is revoked."))
    return redirect("administration:organisation", pk=inv.organisation_id)


@login_required
@require_POST
def set_active(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _admin(request)
    user = get_object_or_404(User, pk=pk, organisation__isnull=False)
    active = request.POST.get("active") == "1"
    try:
        user_set_active(actor=actor, user=user, active=active)
    except AccountError as exc:
        messages.error(request, _text(exc))
    else:
        messages.success(
            request, _("The user is reactivated.") if active else _("The user is deactivated.")
        )
    return redirect("administration:organisation", pk=user.organisation_id)


@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, secret: str) -> HttpResponse:
    """/konto/invitation/<secret>: the invited person chooses a user name and password."""
    inv = invitation_for(secret)
    if inv is None:
        return render(request, "administration/invitation_invalid.html", status=404)
    posted = {"username": "", "first_name": "", "last_name": ""}
    errors: list[str] = []
    if request.method == "POST":
        posted = {k: request.POST.get(k, "").strip() for k in posted}
        if request.POST.get("password", "") != request.POST.get("password2", ""):
            errors.append(_("The two passwords are not the same."))
        else:
            try:
                user = invitation_accept(
                    secret=secret, password=request.POST.get("password", ""), **posted
                )
            except AccountError as exc:
                errors.append(_text(exc))
            else:
                login(request, user, backend="rodloeber.accounts.backends.LocalAccountBackend")
                messages.success(request, _("Welcome. Your user is created."))
                return redirect("web:dashboard")
    return render(
        request,
        "administration/accept.html",
        {"inv": inv, "posted": posted, "errors": errors, "form_id": "accept" if errors else ""},
        status=422 if errors else 200,
    )


def _permit_name(code: str) -> str:
    permit = load_catalogue().permit_types.get(code)
    if permit is None:
        return code
    return permit.name_en if page_language() == "en" else permit.name_da


@login_required
@require_POST
def delegate(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _admin(request)
    org = get_object_or_404(Organisation, pk=pk)
    to_org = Organisation.objects.filter(pk=request.POST.get("to_org") or 0).first()
    try:
        decided = date.fromisoformat(request.POST.get("council_decision_on", ""))
    except ValueError:
        decided = None
    try:
        if to_org is None:
            raise AccountError(
                "delegation_to", "Vælg den kommune, der bemyndiges.", "Choose the municipality."
            )
        if decided is None:
            raise AccountError(
                "delegation_date_missing",
                "Angiv datoen for kommunalbestyrelsens beslutning (ÅÅÅÅ-MM-DD).",
                "Give the date of the council decision (YYYY-MM-DD).",
            )
        delegation_create(
            actor=actor,
            from_org=org,
            to_org=to_org,
            permit_codes=request.POST.getlist("permit_codes"),
            council_decision_on=decided,
            published_url=request.POST.get("published_url", ""),
        )
    except AccountError as exc:
        context = _detail_context(org)
        context.update({"errors": [_text(exc)], "form_id": "delegate", "posted": request.POST})
        return render(request, "administration/organisation.html", context, status=422)
    messages.success(
        request, _("The delegation is recorded. New permits are routed to the delegate.")
    )
    return redirect("administration:organisation", pk=org.pk)


@login_required
@require_POST
def end_delegation(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _admin(request)
    d = get_object_or_404(Delegation, pk=pk)
    try:
        delegation_end(actor=actor, delegation=d)
    except AccountError as exc:
        messages.error(request, _text(exc))
    else:
        messages.success(request, _("The delegation is ended."))
    return redirect("administration:organisation", pk=d.from_org_id)
