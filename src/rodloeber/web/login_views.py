"""Log-in and log-out pages (/konto/log-ind, /konto/log-ud).

In ``web`` because they join two apps: local accounts (``accounts``) and
NemLog-in (``saml``), which itself builds on ``accounts``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse

from rodloeber.accounts.demo import demo_logins
from rodloeber.accounts.forms import LoginForm
from rodloeber.saml.conf import saml_enabled
from rodloeber.saml.views import sp_logout_response


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["nemlogin_enabled"] = saml_enabled()
        if settings.RODLOEBER_DEMO_MODE:
            context["demo_logins"] = demo_logins()
        return context


class LogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # A NemLog-in session also ends at NemLog-in (single log-out).
        response = sp_logout_response(request)
        return response if response is not None else super().post(request, *args, **kwargs)
