"""API tokens with scopes and expiry (issue #20): read or write per area, 90 days by default.

Before: every token could do everything its user could, for ever.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from rodloeber.accounts.errors import AccountError
from rodloeber.accounts.models import ApiToken
from rodloeber.accounts.roles import Role
from rodloeber.accounts.services import token_create
from rodloeber.accounts.token_scopes import READ_SCOPES, area_of, required_scope
from tests.cases import factories as f

pytestmark = pytest.mark.django_db


def _call(secret: str, method: str, path: str, lang: str = "da", **extra: Any) -> Any:
    client = Client()
    return client.generic(
        method,
        path,
        "{}",
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}", "Accept-Language": lang},
        **extra,
    )


def test_every_api_path_has_an_area_or_is_public() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    public = {"health", "me", "eligibility", "navigator", "plans", "screening"}
    for path in schema["paths"]:
        first = path.removeprefix("/api/v1/").split("/", 1)[0]
        assert area_of(path) is not None or first in public, path
    assert required_scope("GET", "/api/v1/cases/3") == "cases:read"
    assert required_scope("PATCH", "/api/v1/milestones/3") == "cases:write"
    assert required_scope("POST", "/api/v1/screening") is None


def test_default_lifetime_is_90_days_and_read_only_scopes() -> None:
    user = f.user(Role.CASE_MANAGER, f.org("ERST"), "tok-sb")
    token, secret = token_create(actor=None, user=user, name="x")
    assert token.scopes == sorted(READ_SCOPES)
    assert not any(s.endswith(":write") for s in token.scopes)
    assert _call(secret, "GET", "/api/v1/cases").status_code == 200
    refused = _call(secret, "POST", "/api/v1/cases/1/acknowledge")
    assert refused.status_code == 403 and refused.json()["errors"][0]["code"] == "token_scope"
    assert token.expires_at is not None
    assert timedelta(days=89) < token.expires_at - timezone.now() <= timedelta(days=90)


def test_read_scope_reads_but_cannot_write() -> None:
    manager = f.user(Role.CASE_MANAGER, f.org("ERST"), "tok-sb2")
    _, secret = token_create(actor=None, user=manager, name="r", scopes=["cases:read"])
    assert _call(secret, "GET", "/api/v1/cases").status_code == 200
    refused = _call(secret, "POST", "/api/v1/cases/1/acknowledge", lang="en")
    assert refused.status_code == 403
    body = refused.json()
    assert body["errors"][0]["code"] == "token_scope"
    assert "cases:write" in body["detail"] and body["detail"].startswith("The API token")
    other = _call(secret, "GET", "/api/v1/parks/applications")  # another area
    assert other.status_code == 403 and other.json()["errors"][0]["code"] == "token_scope"
    assert _call(secret, "GET", "/api/v1/me").status_code == 200  # no area


def test_write_scope_includes_read() -> None:
    planner = f.user(Role.MUNICIPAL_PLANNER, f.org("0561"), "tok-planner")
    _, secret = token_create(actor=None, user=planner, name="w", scopes=["parks:write"])
    assert _call(secret, "GET", "/api/v1/parks/applications").status_code == 200
    assert _call(secret, "GET", "/api/v1/cases").status_code == 403


def test_expired_and_revoked_tokens_are_refused() -> None:
    user = f.user(Role.CASE_MANAGER, f.org("ERST"), "tok-sb3")
    token, secret = token_create(actor=None, user=user, name="e")
    assert _call(secret, "GET", "/api/v1/cases").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert _call(secret, "GET", "/api/v1/cases").status_code == 401


def test_bad_scopes_and_past_expiry_are_refused() -> None:
    user = f.user(Role.CASE_MANAGER, f.org("ERST"), "tok-sb4")
    with pytest.raises(AccountError) as exc:
        token_create(actor=None, user=user, name="x", scopes=["cases:delete"])
    assert exc.value.code == "token_scope_unknown"
    with pytest.raises(AccountError):
        token_create(actor=None, user=user, name="x", scopes=[])
    with pytest.raises(AccountError):
        token_create(actor=None, user=user, name="x", expires_at=timezone.now())


def test_cli_scopes_days_and_list(capsys: Any) -> None:
    f.user(Role.CASE_MANAGER, f.org("ERST"), "tok-cli")
    call_command("token", "create", "tok-cli", "--scope", "statistics:read", "--days", "7")
    token = ApiToken.objects.get(user__username="tok-cli")
    assert token.scopes == ["statistics:read"]
    assert token.expires_at is not None
    assert token.expires_at - timezone.now() <= timedelta(days=7)
    call_command("token", "list", "tok-cli")
    assert "statistics:read" in capsys.readouterr().out


def test_public_operations_hold_a_token_to_its_scopes() -> None:
    """Where log-in is optional a token is still held to its scopes (issue #20 review)."""
    user = f.user(Role.CASE_MANAGER, f.org("ERST"), "tok-public")
    _, cases_only = token_create(actor=None, user=user, name="c", scopes=["cases:read"])
    _, stats = token_create(actor=None, user=user, name="s", scopes=["statistics:read"])
    for path in ("/api/v1/statistics", "/api/v1/parks", "/api/v1/land/areas"):
        assert Client().get(path).status_code == 200, path  # anonymous: public
        refused = _call(cases_only, "GET", path, lang="en")
        assert refused.status_code == 403, path
        assert refused.json()["errors"][0]["code"] == "token_scope"
    assert _call(stats, "GET", "/api/v1/statistics").status_code == 200
    # a made-up token is not a credential: the public answer stays public
    assert _call("rl_made-up", "GET", "/api/v1/statistics").status_code == 200
    # operations outside every area (computations) take any valid token
    assert _call(cases_only, "GET", "/api/v1/health").status_code == 200
