"""An e-mail backend that always fails (outbox retry tests)."""

from __future__ import annotations

from typing import Any

from django.core.mail.backends.base import BaseEmailBackend


class Backend(BaseEmailBackend):
    def send_messages(self, email_messages: Any) -> int:
        raise ConnectionError("SMTP down")
