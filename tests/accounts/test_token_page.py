"""/konto/api-noegler: own tokens listed, created (secret once) and revoked (issue #20 item 7)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from rodloeber.accounts.models import ApiToken, User
from rodloeber.accounts.roles import Role
from rodloeber.accounts.services import token_create
from rodloeber.audit.models import AuditEvent
from tests.cases import factories as f

pytestmark = pytest.mark.django_db
URL = "/konto/api-noegler"


@pytest.fixture
def owner() -> User:
    return f.user(Role.CASE_MANAGER, f.org("ERST"), "tok-page")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_anonymous_is_sent_to_log_in() -> None:
    response = Client().get(URL)
    assert response.status_code == 302 and "/konto/log-ind" in response["Location"]


def test_create_shows_the_secret_once_with_chosen_scopes_and_lifetime(owner: User) -> None:
    client = _client(owner)
    events = AuditEvent.objects.filter(action="token.create").count()
    response = client.post(
        URL, {"name": "Sagssystem", "scopes": ["cases:write", "land:read"], "days": "30"}
    )
    assert response.status_code == 201
    html = response.content.decode()
    secret = re.search(r'value="(rl_[^"]+)"', html)
    assert secret is not None
    token = ApiToken.objects.get(user=owner)
    assert token.scopes == ["cases:write", "land:read"]
    assert token.expires_at is not None
    assert 29 <= (token.expires_at - token.created_at).days <= 30
    assert AuditEvent.objects.filter(action="token.create").count() == events + 1
    # labels, never keys; Danish dates on the Danish page
    assert "Sager: læse og skrive" in html and "cases:write" not in html.split("<form")[0]
    page = client.get(URL).content.decode()
    assert secret.group(1) not in page  # shown once
    assert "Sagssystem" in page and "Aldrig" in page  # never used
    # the secret works, within its scopes
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret.group(1)}")
    assert api.get("/api/v1/cases").status_code == 200
    assert api.get("/api/v1/parks/applications").status_code == 403


def test_english_page_has_english_labels(owner: User) -> None:
    token_create(actor=None, user=owner, name="Reader")
    client = _client(owner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(URL).content.decode()
    assert "Cases: read" in html and "Never" in html and "API tokens" in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "x", "days": "90"}, "Vælg mindst én rettighed"),
        ({"name": "x", "scopes": ["cases:delete"], "days": "90"}, "Ukendt rettighed"),
        ({"name": "x", "scopes": ["cases:read"], "days": "9999"}, "levetider"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_stored(
    owner: User, data: dict[str, object], message: str
) -> None:
    response = _client(owner).post(URL, data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not ApiToken.objects.filter(user=owner).exists()


def test_revoke_own_token_other_users_token_is_404(owner: User) -> None:
    token, secret = token_create(actor=None, user=owner, name="mine")
    other = f.user(Role.CASE_MANAGER, f.org("ERST"), "tok-other")
    theirs, _ = token_create(actor=None, user=other, name="theirs")
    client = _client(owner)
    assert "theirs" not in client.get(URL).content.decode()
    assert client.post(f"{URL}/{theirs.pk}/tilbagekald").status_code == 404
    assert ApiToken.objects.get(pk=theirs.pk).revoked_at is None
    response = client.post(f"{URL}/{token.pk}/tilbagekald")
    assert response.status_code == 302
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert AuditEvent.objects.filter(action="token.revoke").count() == 1
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get("/api/v1/cases").status_code == 401


def test_forms_need_csrf(owner: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert (
        client.post(URL, {"name": "x", "scopes": ["cases:read"], "days": "90"}).status_code == 403
    )
    assert not ApiToken.objects.filter(user=owner).exists()


def test_active_tokens_are_bounded(owner: User) -> None:
    for i in range(20):
        token_create(actor=None, user=owner, name=f"t{i}")
    response = _client(owner).post(URL, {"name": "x", "scopes": ["cases:read"], "days": "90"})
    assert response.status_code == 422 and "20 aktive API-nøgler" in response.content.decode()
