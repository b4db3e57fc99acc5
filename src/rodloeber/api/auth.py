"""API authentication: ``Authorization: Bearer <token>`` for systems, or the
browser session (with CSRF protection) for people."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from rodloeber.accounts.models import User
from rodloeber.accounts.services import token_authenticate


class TokenAuth(HttpBearer):
    openapi_description = "Personal API token: `rodloeber token create USER`."

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class SessionAuthWithUser(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        return user if isinstance(user, User) else None


AUTH = [TokenAuth(), SessionAuthWithUser()]
