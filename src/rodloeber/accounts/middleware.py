"""Absolute session lifetime: a session ends N hours after log-in even if
active (the idle timeout is the session cookie age)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from rodloeber.accounts.signals import SESSION_LOGIN_AT


class SessionLifetimeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and hasattr(request, "session"):
            started = request.session.get(SESSION_LOGIN_AT)
            limit = settings.RODLOEBER_SESSION_ABSOLUTE_SECONDS
            if started is None or timezone.now().timestamp() - float(started) > limit:
                logout(request)
                if request.path.startswith("/api/"):
                    return self.get_response(request)
                messages.info(request, _("Your session has expired. Please log in again."))
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)
