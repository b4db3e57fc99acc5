"""Authentication backends. Local accounts (for authority staff and
development) now; NemLog-in / MitID Erhverv (SAML) plugs in as another
backend later without touching views or services."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from rodloeber.accounts.models import User


class LocalAccountBackend(ModelBackend):
    """User name + password, Argon2id-hashed; inactive users are refused."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        user = super().authenticate(request, username=username, password=password, **kwargs)
        return user if isinstance(user, User) else None
