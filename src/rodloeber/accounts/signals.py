"""Audit log-in and log-out (every write is audited; a session is a write)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.accounts.throttle import client_ip, login_failures_clear
from rodloeber.audit.services import record_event

SESSION_LOGIN_AT = "rodloeber_login_at"
#: Sessions opened by NemLog-in are audited by rodloeber.saml.services
#: (auth.saml_login / auth.saml_logout), not a second time here.
SAML_BACKEND = "rodloeber.saml.backends.NemLoginBackend"


def _is_saml_session(request: HttpRequest | None) -> bool:
    session = getattr(request, "session", None)
    return session is not None and session.get(BACKEND_SESSION_KEY) == SAML_BACKEND


@receiver(user_logged_in)
def on_login(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    request.session[SESSION_LOGIN_AT] = timezone.now().timestamp()
    if _is_saml_session(request):
        return
    with transaction.atomic():
        login_failures_clear(username=user.get_username())
        record_event(
            action="auth.login", actor=user, subject=user, after={"ip": client_ip(request)}
        )


@receiver(user_logged_out)
def on_logout(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is None or _is_saml_session(request):
        return
    with transaction.atomic():
        record_event(action="auth.logout", actor=user, subject=user)
