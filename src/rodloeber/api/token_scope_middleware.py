"""A bearer token is held to its scopes on every API path, also where log-in is optional.

Operations declared ``auth=None`` (public statistics, parks, land search, a
published schedule) never run ``TokenAuth``, so a token limited to, say,
``cases:read`` could still be used there (issue #20 review). This middleware
checks a *valid* bearer token against the scope the path's area needs before
any view runs and answers 403 ``token_scope`` in the API's error shape. A
missing or unknown token is left alone: public operations stay public, and
authenticated ones answer 401 as before. The resolved token is kept on the
request so ``TokenAuth`` does not look it up twice.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from rodloeber.accounts.services import token_lookup
from rodloeber.accounts.token_scopes import ScopeError, allows, required_scope
from rodloeber.core.api_errors import error_response

API_PREFIX = "/api/"
#: Where the resolved token row is kept for ``TokenAuth``.
REQUEST_ATTR = "_rl_token_row"


def bearer_secret(request: HttpRequest) -> str:
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else ""


class TokenScopeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            secret = bearer_secret(request)
            needed = required_scope(str(request.method), request.path)
            if secret and needed is not None:
                row = token_lookup(secret)
                setattr(request, REQUEST_ATTR, row)
                if row is not None and not allows(row.scopes, str(request.method), request.path):
                    return error_response(request, ScopeError(needed))
        return self.get_response(request)
