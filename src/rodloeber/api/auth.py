"""API authentication: ``Authorization: Bearer <token>`` for systems, or the
browser session (with CSRF protection) for people."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from rodloeber.accounts.models import ApiToken, User
from rodloeber.accounts.services import token_lookup
from rodloeber.accounts.token_scopes import ScopeError, allows, required_scope
from rodloeber.api.token_scope_middleware import REQUEST_ATTR


class TokenAuth(HttpBearer):
    openapi_description = (
        "Personal API token, created on /konto/api-noegler or with "
        "`rodloeber token create USER [--scope cases:write …] [--days 90]`. "
        "Scopes: read or write per area (cases, parks, land, statistics); without a chosen "
        "scope a token may only read. A request outside the token's scopes answers 403 "
        "(`token_scope`), also on public operations."
    )

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        row: ApiToken | None
        if hasattr(request, REQUEST_ATTR):  # resolved by TokenScopeMiddleware
            row = getattr(request, REQUEST_ATTR)
        else:
            row = token_lookup(token)
        if row is None:
            return None
        if not allows(row.scopes, str(request.method), request.path):
            raise ScopeError(required_scope(str(request.method), request.path) or "")
        request.user = row.user
        return row.user


class SessionAuthWithUser(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        return user if isinstance(user, User) else None


AUTH = [TokenAuth(), SessionAuthWithUser()]
