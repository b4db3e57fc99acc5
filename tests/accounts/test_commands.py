from __future__ import annotations

from collections.abc import Callable
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rodloeber.accounts.models import ApiToken, User
from rodloeber.accounts.roles import Role
from rodloeber.accounts.services import token_authenticate

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_token_create_list_revoke(make_user: Callable[..., User]) -> None:
    user = make_user(Role.AUTHORITY_CASEWORKER)
    secret = _run("token", "create", user.username, "--name", "esdh").strip()
    assert token_authenticate(secret) == user
    listing = _run("token", "list", user.username)
    assert "esdh" in listing and "active" in listing
    prefix = ApiToken.objects.get(user=user).prefix
    _run("token", "revoke", prefix)
    assert token_authenticate(secret) is None
    assert "revoked" in _run("token", "list", user.username)


def test_token_for_unknown_user() -> None:
    with pytest.raises(CommandError, match="No user named"):
        _run("token", "create", "nobody")


def test_demo_load_is_idempotent(monkeypatch: pytest.MonkeyPatch) -> None:
    first = _run("demo", "load")
    assert "8 users created" in first
    assert "http://127.0.0.1:8000/konto/log-ind" in first  # runserver's default
    count = User.objects.count()
    monkeypatch.setenv("RODLOEBER_SERVER_URL", "http://127.0.0.1:8765")  # make run PORT=8765
    second = _run("demo", "load")
    assert "http://127.0.0.1:8765/konto/log-ind" in second
    assert "0 companies and 0 users created; 0 demo cases created" in second
    assert User.objects.count() == count
    demo_usernames = {u.username for u in User.objects.filter(synthetic=True)}
    assert {f"demo-{n}" for n in ("virksomhed", "kontaktperson", "admin")} <= demo_usernames


def test_demo_load_refused_outside_demo_mode(settings: object) -> None:
    settings.RODLOEBER_DEMO_MODE = False  # type: ignore[attr-defined]
    with pytest.raises(CommandError, match="demo mode"):
        _run("demo", "load")
