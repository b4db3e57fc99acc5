"""Which e-mail backend to send with (used by the case outbox and park reminders)."""

from __future__ import annotations

from django.conf import settings

_SMTP = "django.core.mail.backends.smtp.EmailBackend"
_CONSOLE = "django.core.mail.backends.console.EmailBackend"


def mail_backend() -> str:
    """``RODLOEBER_EMAIL_BACKEND``, else a non-default ``EMAIL_BACKEND``, else the
    console backend (so nothing is sent by accident from a laptop)."""
    explicit = getattr(settings, "RODLOEBER_EMAIL_BACKEND", "")
    if explicit:
        return str(explicit)
    configured = str(settings.EMAIL_BACKEND)
    return configured if configured != _SMTP else _CONSOLE
