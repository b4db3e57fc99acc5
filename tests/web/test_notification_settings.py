"""Notification settings on /min-side: Digital Post (fake) only for company users."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.audit.models import AuditEvent
from rodloeber.cases.models import NotificationPreference

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client(headers={"Accept-Language": "da"})
    client.force_login(user)
    return client


def test_company_user_chooses_digital_post_labelled_as_simulated(
    make_user: Callable[..., User],
) -> None:
    user = make_user(Role.COMPANY_USER)
    client = _client(user)
    page = client.get("/min-side").content.decode()
    assert 'name="digital_post"' in page and f"CVR {user.organisation.cvr}" in page  # type: ignore[union-attr]
    assert "Digital Post er simuleret her" in page
    client.post("/min-side/notifikationer", {"email": "1", "digest": "1", "digital_post": "1"})
    assert NotificationPreference.objects.get(user=user).digital_post
    event = AuditEvent.objects.filter(action="notify.preferences").get()
    assert event.after == {"email": True, "digest": True, "digital_post": True}


def test_authority_users_cannot_choose_digital_post(make_user: Callable[..., User]) -> None:
    user = make_user(Role.AUTHORITY_CASEWORKER)
    client = _client(user)
    assert 'name="digital_post"' not in client.get("/min-side").content.decode()
    response = client.post(
        "/min-side/notifikationer", {"email": "1", "digital_post": "1"}, follow=True
    )
    assert "kun vælges af virksomhedsbrugere" in response.content.decode()
    assert not NotificationPreference.objects.filter(user=user).exists()
