"""/konto/api-noegler: a person's own API tokens (API-nøgler) — list, create, revoke.

Everyone signed in sees only their own tokens; another user's token id answers
404 (object-level authorisation). The secret is shown once, in the answer to
the creating POST, and never stored (only its SHA-256). Each create and revoke
is one audited service call (``accounts.services``); forms carry CSRF tokens.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rodloeber.accounts.errors import AccountError
from rodloeber.accounts.models import ApiToken, User
from rodloeber.accounts.services import token_create, token_revoke
from rodloeber.accounts.token_scopes import AREAS, SCOPE_LABELS
from rodloeber.core.page_errors import error_message

#: Lifetimes offered on the page, in days (issue #20: 90 by default).
LIFETIMES = (7, 30, 90, 180, 365)
DEFAULT_DAYS = 90
#: Tokens listed on the page (newest first).
LIST_LIMIT = 100
TEMPLATE = "accounts/tokens.html"


def _owner(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def _state(token: ApiToken, now: Any) -> str:
    if token.revoked_at is not None:
        return "revoked"
    return "active" if token.is_active(now) else "expired"


def _context(user: User, **extra: Any) -> dict[str, Any]:
    now = timezone.now()
    tokens = list(user.api_tokens.order_by("-created_at", "-id")[:LIST_LIMIT])
    rows = [
        {
            "token": t,
            "state": _state(t, now),
            "scopes": [SCOPE_LABELS.get(s, s) for s in t.scopes],
        }
        for t in tokens
    ]
    areas = [
        {
            "area": area,
            "read": (f"{area}:read", SCOPE_LABELS[f"{area}:read"]),
            "write": (f"{area}:write", SCOPE_LABELS[f"{area}:write"]),
        }
        for area in AREAS
    ]
    context: dict[str, Any] = {
        "rows": rows,
        "areas": areas,
        "lifetimes": LIFETIMES,
        "posted": {"name": "", "days": DEFAULT_DAYS, "scopes": []},
    }
    context.update(extra)
    return context


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    user = _owner(request)
    if request.method == "GET":
        return render(request, TEMPLATE, _context(user))
    name = request.POST.get("name", "").strip()[:100]
    scopes = request.POST.getlist("scopes")
    try:
        days = int(request.POST.get("days", DEFAULT_DAYS))
    except ValueError:
        days = 0
    posted = {"name": name, "days": days, "scopes": scopes}
    try:
        if days not in LIFETIMES:
            raise AccountError(
                "token_lifetime",
                "Vælg en af de tilbudte levetider.",
                "Choose one of the offered lifetimes.",
            )
        token, secret = token_create(
            actor=user,
            user=user,
            name=name,
            scopes=scopes,
            expires_at=timezone.now() + timedelta(days=days),
        )
    except AccountError as exc:
        context = _context(user, errors=[error_message(exc)], form_id="token", posted=posted)
        return render(request, TEMPLATE, context, status=422)
    # the secret is in this answer only (no redirect: it must not reach a session or a log)
    return render(request, TEMPLATE, _context(user, created=token, secret=secret), status=201)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = _owner(request)
    token = get_object_or_404(ApiToken, pk=pk, user=user)  # another user's token: 404
    token_revoke(actor=user, token=token)
    messages.success(request, _("The API token %(name)s is revoked.") % {"name": token.name})
    return redirect("accounts:tokens")
