"""NemLog-in endpoints (/konto/nemlogin/…). Thin: the work is in services.

Every endpoint answers 404 while SAML is not configured.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import login, logout
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from saml2.metadata import create_metadata_string

from rodloeber.accounts.throttle import client_ip
from rodloeber.saml import logout_service, services
from rodloeber.saml.conf import get_client, saml_enabled
from rodloeber.saml.errors import SamlError, saml_error

BROWSER_COOKIE = "rl_nemlogin"
COOKIE_PATH = "/konto/nemlogin/"


def _require_enabled() -> None:
    if not saml_enabled():
        raise Http404


def _refused(request: HttpRequest, error: SamlError, status: int = 403) -> HttpResponse:
    return render(
        request,
        "saml/error.html",
        {"error_message": error.message(get_language() or "da"), "error_code": error.code},
        status=status,
    )


def metadata(request: HttpRequest) -> HttpResponse:
    """The service provider's metadata, to register with NemLog-in."""
    _require_enabled()
    xml = create_metadata_string(None, config=get_client().config)
    return HttpResponse(xml, content_type="application/samlmetadata+xml")


@never_cache
def login_start(request: HttpRequest) -> HttpResponse:
    """The "Log på med MitID Erhverv" button: a signed AuthnRequest to NemLog-in."""
    _require_enabled()
    wanted = request.GET.get("next") or request.POST.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    started = services.login_start(
        came_from=wanted if safe and wanted else resolve_url(settings.LOGIN_REDIRECT_URL)
    )
    response = redirect(started.redirect_url)
    secure = request.is_secure()
    response.set_cookie(
        BROWSER_COOKIE,
        started.browser_secret,
        max_age=int(services.REQUEST_LIFETIME.total_seconds()),
        path=COOKIE_PATH,
        secure=secure,
        httponly=True,
        # NemLog-in posts the answer cross-site: only SameSite=None (which needs
        # Secure, i.e. HTTPS) comes back with it. Plain-HTTP test setups run the
        # IdP on the same site, where Lax suffices.
        samesite="None" if secure else "Lax",
    )
    return response


@csrf_exempt  # NemLog-in posts here; the SAML signature and InResponseTo replace the token
@never_cache
def acs(request: HttpRequest) -> HttpResponse:
    """Assertion consumer service (HTTP-POST binding)."""
    _require_enabled()
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    ip = client_ip(request)
    saml_response = request.POST.get("SAMLResponse", "")
    if not saml_response:
        services.rejection_record(reason="missing", ip=ip)
        return _refused(request, saml_error("missing"), status=400)
    try:
        result = services.assertion_login(
            saml_response=saml_response,
            browser_secret=request.COOKIES.get(BROWSER_COOKIE, ""),
            ip=ip,
        )
    except SamlError as exc:
        return _refused(request, exc)
    login(request, result.user, backend=services.BACKEND)  # new session key
    services.session_link(session_key=request.session.session_key or "", login=result)
    response = redirect(result.came_from or settings.LOGIN_REDIRECT_URL)
    response.delete_cookie(BROWSER_COOKIE, path=COOKIE_PATH)
    return response


def sp_logout_response(request: HttpRequest) -> HttpResponse | None:
    """End a NemLog-in session here and at NemLog-in; ``None`` if the session
    did not come from NemLog-in (then the ordinary log-out applies)."""
    if not saml_enabled() or not request.user.is_authenticated:
        return None
    location = logout_service.sp_logout_start(
        user=request.user,
        session_key=request.session.session_key or "",
    )
    if location is None:
        return None
    logout(request)  # the session ends server-side before the browser leaves
    return redirect(location or settings.LOGOUT_REDIRECT_URL)


@never_cache
def sp_logout(request: HttpRequest) -> HttpResponse:
    _require_enabled()
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    response = sp_logout_response(request)
    if response is not None:
        return response
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


@csrf_exempt
@never_cache
def slo(request: HttpRequest) -> HttpResponse:
    """Single log-out service (HTTP-Redirect): NemLog-in's LogoutRequest
    (IdP-initiated) or its LogoutResponse to ours."""
    _require_enabled()
    ip = client_ip(request)
    query = request.META.get("QUERY_STRING", "")
    try:
        if "SAMLRequest" in request.GET:
            done = logout_service.idp_logout(
                query_string=query,
                saml_request=request.GET["SAMLRequest"],
                relay_state=request.GET.get("RelayState", ""),
                ip=ip,
            )
            if request.session.session_key in done.ended_session_keys:
                logout(request)
            return redirect(done.redirect_url)
        if "SAMLResponse" in request.GET:
            logout_service.sp_logout_finish(
                query_string=query, saml_response=request.GET["SAMLResponse"], ip=ip
            )
            return redirect(reverse(settings.LOGOUT_REDIRECT_URL))
    except SamlError as exc:
        return _refused(request, exc)
    return _refused(request, saml_error("missing"), status=400)
