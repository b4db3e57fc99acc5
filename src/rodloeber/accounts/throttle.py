"""Log-in throttling (beskyttelse mod gentagne log-ind-forsøg).

Failures are counted per user name and per client address within a sliding
window; beyond the limit, log-in is refused without checking the password.
Stored in the database so every worker process sees the same counts.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from rodloeber.accounts.models import FailedLogin
from rodloeber.audit.services import record_event
from rodloeber.core.clientaddr import client_address


def client_ip(request: HttpRequest | None) -> str:
    """The client address behind the trusted proxies (never a client-chosen header)."""
    return client_address(request)


def _window_start() -> datetime:
    return timezone.now() - timedelta(seconds=settings.RODLOEBER_LOGIN_WINDOW_SECONDS)


def is_throttled(username: str, ip: str) -> bool:
    recent = FailedLogin.objects.filter(at__gte=_window_start())
    if recent.filter(username__iexact=username).count() >= (
        settings.RODLOEBER_LOGIN_MAX_FAILURES_PER_USER
    ):
        return True
    return bool(ip) and recent.filter(ip_address=ip).count() >= (
        settings.RODLOEBER_LOGIN_MAX_FAILURES_PER_IP
    )


def login_failure_record(*, username: str, ip: str, throttled: bool) -> None:
    """Store one failed attempt and its audit event."""
    with transaction.atomic():
        FailedLogin.objects.create(username=username[:150], ip_address=ip)
        record_event(
            action="auth.login_throttled" if throttled else "auth.login_failed",
            actor=None,
            actor_label=username[:150] or "anonymous",
            subject_type="accounts.user",
            subject_id=username[:64],
            after={"ip": ip},
        )


def login_failures_clear(*, username: str) -> None:
    FailedLogin.objects.filter(username__iexact=username).delete()
