"""One ``caller()`` for pages and the API."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from rodloeber.accounts.current import caller
from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_api_auth_wins_then_the_session_user(make_user: Callable[..., User]) -> None:
    token_user, session_user = make_user(Role.COMPANY_USER), make_user(Role.CASE_MANAGER)
    request = RequestFactory().get("/")
    request.user = session_user
    assert caller(request) == session_user
    request.auth = token_user  # type: ignore[attr-defined]
    assert caller(request) == token_user


def test_anonymous_is_refused_with_403_not_a_crash() -> None:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with pytest.raises(PermissionDenied):
        caller(request)
