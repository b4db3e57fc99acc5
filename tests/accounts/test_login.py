from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from rodloeber.accounts.models import FailedLogin, User
from rodloeber.accounts.roles import Role
from rodloeber.audit.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/konto/log-ind"


def test_login_and_logout_are_audited(client: Client, make_user: Callable[..., User]) -> None:
    user = make_user(Role.CASE_MANAGER)
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:dashboard")
    assert AuditEvent.objects.filter(action="auth.login", actor=user).count() == 1
    client.post(reverse("accounts:logout"))
    assert AuditEvent.objects.filter(action="auth.logout", actor=user).count() == 1
    assert client.get(reverse("web:dashboard")).status_code == 302


def test_wrong_password_gives_danish_error_and_is_recorded(
    client: Client, make_user: Callable[..., User]
) -> None:
    user = make_user()
    response = client.post(LOGIN, {"username": user.username, "password": "wrong"})
    assert response.status_code == 200
    assert "Brugernavn eller adgangskode er forkert" in response.content.decode()
    assert FailedLogin.objects.filter(username=user.username).count() == 1
    assert AuditEvent.objects.filter(action="auth.login_failed").count() == 1


def test_throttled_after_five_failures_even_with_right_password(
    client: Client, make_user: Callable[..., User]
) -> None:
    user = make_user()
    for _ in range(5):
        client.post(LOGIN, {"username": user.username, "password": "wrong"})
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "For mange mislykkede" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="auth.login_throttled").count() == 1


def test_success_clears_failures(client: Client, make_user: Callable[..., User]) -> None:
    user = make_user()
    for _ in range(3):
        client.post(LOGIN, {"username": user.username, "password": "wrong"})
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert FailedLogin.objects.filter(username=user.username).count() == 0


def test_session_absolute_lifetime(
    client: Client, make_user: Callable[..., User], settings: object
) -> None:
    user = make_user()
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert client.get(reverse("web:dashboard")).status_code == 200
    session = client.session
    session["rodloeber_login_at"] = session["rodloeber_login_at"] - 11 * 3600
    session.save()
    response = client.get(reverse("web:dashboard"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_login_page_lists_demo_logins_in_demo_mode(client: Client) -> None:
    body = client.get(LOGIN).content.decode()
    assert "demo-kontaktperson" in body
