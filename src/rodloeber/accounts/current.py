"""Who is calling (den aktuelle bruger): one ``caller()`` for pages and the API.

The API's authentication (``rodloeber.api.auth``) puts the user on
``request.auth`` (API token or session); pages have ``request.user`` from the
session. Anonymous callers never reach a view that asks: pages are behind the
log-in middleware and API operations declare ``auth``. Should one slip
through, the answer is 403, never a crash.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from rodloeber.accounts.models import User


def caller(request: HttpRequest) -> User:
    """The signed-in user of ``request`` (API token, API session or page session)."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):
        user = getattr(request, "user", None)
    if not isinstance(user, User):
        raise PermissionDenied
    return user
