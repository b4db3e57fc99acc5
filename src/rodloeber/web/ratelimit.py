"""A small reusable rate limiter (hastighedsbegrænsning), cache-backed.

Fixed windows counted per caller (user id, API token digest, or client
address when anonymous) and scope. Limits live in settings
(``RODLOEBER_RATE_LIMITS``: scope -> (requests, seconds)); the cache alias in
``RODLOEBER_RATE_LIMIT_CACHE`` must be shared between workers in production
(e.g. ``DatabaseCache``). ``RateLimitMiddleware`` applies the scopes to URL
names, so views need no changes; ``hit()`` can be called directly elsewhere.

Beyond the limit: 429 with ``Retry-After`` and a Danish/English message,
logged; a blocked write is audited once per window.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from rodloeber.accounts.models import ApiToken
from rodloeber.audit.services import record_event
from rodloeber.core.api_errors import error_body, wants_english
from rodloeber.core.clientaddr import client_address

log = logging.getLogger("rodloeber.ratelimit")

#: (method, URL name or API route) -> scope. Web pages by "namespace:name"; API
#: operations by route, because operations sharing a path share one URL name.
ROUTES: dict[tuple[str, str], str] = {
    ("POST", "accounts:login"): "login",
    ("GET", "saml:login"): "login",  # each start stores an outstanding AuthnRequest
    ("POST", "saml:acs"): "login",  # each answer costs xmlsec1 signature checks
    ("POST", "/api/v1/cases"): "case_submit",
    ("POST", "/api/v1/cases/<int:case_id>/submit"): "case_submit",
    ("POST", "cases:submit"): "case_submit",
    ("POST", "/api/v1/cases/<int:case_id>/documents"): "document_upload",
    ("POST", "cases:upload"): "document_upload",
    ("GET", "/api/v1/cases"): "search",
    ("GET", "/api/v1/cases/export"): "search",
    ("GET", "/api/v1/land/areas"): "search",
    ("GET", "/api/v1/parks/applications"): "search",
    ("GET", "web:cases"): "search",
    ("GET", "cases:export"): "search",
    ("GET", "landmap:export"): "search",
    ("POST", "/api/v1/screening"): "screening",
}

MESSAGE_DA = "For mange forespørgsler. Vent lidt, og prøv igen."
MESSAGE_EN = "Too many requests. Please wait a moment and try again."


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    count: int
    limit: int
    retry_after: int


def _token_user_id(request: HttpRequest) -> int | None:
    """The user of a *valid* bearer token (read only; the API authenticates later)."""
    auth = request.headers.get("Authorization", "")
    scheme, _, secret = auth.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return None
    digest = hashlib.sha256(secret.strip().encode("utf-8")).hexdigest()
    token = ApiToken.objects.filter(digest=digest).select_related("user").first()
    if token is None or not token.is_active() or not token.user.is_active:
        return None
    return token.user_id


def caller_key(request: HttpRequest) -> str:
    """Who is calling: the signed-in user, the user of a valid API token, or
    else the client address (``client_address``: ``REMOTE_ADDR`` behind the
    configured number of trusted proxies). A header the client chooses (an
    invalid token, a forged ``X-Forwarded-For``) never gives a fresh budget."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"u{user.pk}"
    token_user = _token_user_id(request)
    if token_user is not None:
        return f"u{token_user}"
    return "a" + client_address(request)


def hit(scope: str, key: str) -> Verdict:
    """Count one request of ``key`` in ``scope`` and say whether it may proceed."""
    limit, window = settings.RODLOEBER_RATE_LIMITS[scope]
    now = int(time.time())
    slot = now // window
    cache = caches[getattr(settings, "RODLOEBER_RATE_LIMIT_CACHE", "default")]
    name = f"rl:{scope}:{key}:{slot}"
    cache.add(name, 0, timeout=window + 1)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=window + 1)
        count = 1
    return Verdict(count <= limit, count, limit, (slot + 1) * window - now)


def too_many(request: HttpRequest, verdict: Verdict) -> HttpResponse:
    english = wants_english(request)
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse(error_body(english, MESSAGE_DA, MESSAGE_EN), status=429)
    else:
        minutes = max(1, -(-max(verdict.retry_after, 1) // 60))
        response = render(request, "429.html", {"retry_minutes": minutes}, status=429)
    response["Retry-After"] = str(max(verdict.retry_after, 1))
    return response


def _audit(request: HttpRequest, scope: str, key: str) -> None:
    user = getattr(request, "user", None)
    actor = user if user is not None and user.is_authenticated else None
    with transaction.atomic():
        record_event(
            action="security.rate_limited",
            actor=actor,
            actor_label="" if actor else key,
            subject_type="ratelimit.scope",
            subject_id=scope,
            after={"path": request.path[:200], "method": request.method},
        )


class RateLimitMiddleware:
    """Applies ``ROUTES`` scopes; must sit after authentication."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not getattr(settings, "RODLOEBER_RATE_LIMITS_ENABLED", True):
            return None
        match = request.resolver_match
        if match is None:
            return None
        method = str(request.method)
        scope = ROUTES.get((method, match.view_name)) or ROUTES.get((method, f"/{match.route}"))
        if scope is None:
            return None
        key = caller_key(request)
        verdict = hit(scope, key)
        if verdict.allowed:
            return None
        log.warning(
            "rate limit %s exceeded by %s on %s (%d/%d)",
            scope,
            key,
            request.path,
            verdict.count,
            verdict.limit,
        )
        if request.method != "GET" and verdict.count == verdict.limit + 1:
            _audit(request, scope, key)
        return too_many(request, verdict)
