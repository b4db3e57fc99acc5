"""Session backend for NemLog-in users. It authenticates nothing by itself:
``rodloeber.saml.services.assertion_login`` validates the assertion and the
view logs the user in with this backend, so sessions can be told apart."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest


class NemLoginBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        return None
