"""HTTP hardening headers (ASVS 5.0 V3/V13): CSP with a per-request nonce,
Permissions-Policy and ``Cache-Control: no-store`` for authenticated callers.

Django 5.2 has no built-in CSP. ``request.csp_nonce`` is available to
templates (``<script nonce="{{ request.csp_nonce }}">``); scripts without it
and inline event handlers do not run. MapLibre needs ``blob:`` workers and
``data:``/``blob:`` images. nosniff, Referrer-Policy, COOP, HSTS and
X-Frame-Options come from Django's own middleware and settings.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from rodloeber.saml.conf import idp_form_action_sources

DEFAULT_CSP: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self' 'nonce-{nonce}'",
    "style-src": "'self'",
    "img-src": "'self' data: blob:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "worker-src": "'self' blob:",
    "child-src": "'self' blob:",
    "frame-src": "'none'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

DEFAULT_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()"
)


def csp_header(nonce: str) -> str:
    """The Content-Security-Policy value (settings may add sources per directive)."""
    directives = dict(DEFAULT_CSP)
    for name, extra in getattr(settings, "RODLOEBER_CSP_EXTRA", {}).items():
        directives[name] = f"{directives.get(name, '')} {extra}".strip()
    nemlogin = idp_form_action_sources()  # log-in/log-out forms redirect to NemLog-in
    if nemlogin:
        directives["form-action"] = f"{directives['form-action']} {nemlogin}"
    parts = [f"{name} {value.format(nonce=nonce)}" for name, value in directives.items()]
    if getattr(settings, "SECURE_SSL_REDIRECT", False):
        parts.append("upgrade-insecure-requests")
    return "; ".join(parts)


def _authenticated(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(request.headers.get("Authorization")) or bool(
        user is not None and user.is_authenticated
    )


class SecurityHeadersMiddleware:
    """Adds CSP, Permissions-Policy and no-store caching for signed-in callers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        nonce = secrets.token_urlsafe(18)
        request.csp_nonce = nonce  # type: ignore[attr-defined]
        response = self.get_response(request)
        if getattr(settings, "RODLOEBER_CSP_ENABLED", True):
            header = (
                "Content-Security-Policy-Report-Only"
                if getattr(settings, "RODLOEBER_CSP_REPORT_ONLY", False)
                else "Content-Security-Policy"
            )
            response.headers.setdefault(header, csp_header(nonce))
        response.headers.setdefault(
            "Permissions-Policy",
            getattr(settings, "RODLOEBER_PERMISSIONS_POLICY", DEFAULT_PERMISSIONS_POLICY),
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if _authenticated(request):
            response.headers["Cache-Control"] = "no-store, private"
            response.headers["Pragma"] = "no-cache"
            patch_vary_headers(response, ("Cookie", "Authorization"))
        return response
