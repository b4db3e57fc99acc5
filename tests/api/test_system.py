from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.test import Client

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.accounts.services import token_create, token_revoke
from rodloeber.accounts.token_scopes import ALL_SCOPES
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_health_is_public(client: Client) -> None:
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_me_needs_authentication(client: Client) -> None:
    assert client.get("/api/v1/me").status_code == 401


def test_me_with_bearer_token(client: Client, make_user: Callable[..., User]) -> None:
    user = make_user(Role.AUTHORITY_CASEWORKER)
    token, secret = token_create(actor=None, user=user, name="t", scopes=ALL_SCOPES)
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == user.username
    assert body["role"] == "authority_caseworker"
    assert body["organisation"]["authority_code"] == "0561"
    token_revoke(actor=None, token=token)
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401


def test_me_with_session(client: Client, make_user: Callable[..., User]) -> None:
    user = make_user(Role.COMPANY_USER)
    client.post("/konto/log-ind", {"username": user.username, "password": PASSWORD})
    response = client.get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["organisation"]["cvr"] == "90000047"


def test_docs_page_served(client: Client) -> None:
    assert client.get("/api/v1/docs").status_code == 200
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Rød Løber API"


def test_committed_openapi_matches() -> None:
    call_command("openapi", "--check")


def test_unknown_api_path_is_json_404(client: Client) -> None:
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
