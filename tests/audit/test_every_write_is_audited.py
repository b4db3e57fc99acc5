"""Every write service emits exactly one audit event (inside its transaction)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rodloeber.accounts.models import Organisation, User
from rodloeber.accounts.roles import Role
from rodloeber.accounts.services import company_create, token_create, token_revoke, user_create
from rodloeber.accounts.token_scopes import ALL_SCOPES
from rodloeber.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _count() -> int:
    return AuditEvent.objects.count()


def test_each_service_writes_exactly_one_event(company: Organisation) -> None:
    calls: list[tuple[str, Callable[[], object]]] = []
    state: dict[str, object] = {}

    def make_user_call() -> object:
        state["user"] = user_create(
            actor=None,
            username="audit-u",
            password="Korrekt-Hest-Batteri-42",
            role=Role.COMPANY_USER,
            organisation=company,
        )
        return state["user"]

    def make_token() -> object:
        user = state["user"]
        assert isinstance(user, User)
        state["token"], _ = token_create(actor=None, user=user, name="t", scopes=ALL_SCOPES)
        return state["token"]

    def revoke() -> object:
        return token_revoke(actor=None, token=state["token"])  # type: ignore[arg-type]

    calls = [
        ("org.create", lambda: company_create(actor=None, cvr="13585628", name="X")),
        ("user.create", make_user_call),
        ("token.create", make_token),
        ("token.revoke", revoke),
    ]
    for action, call in calls:
        before = _count()
        call()
        assert _count() == before + 1, action
        assert AuditEvent.objects.order_by("-seq").first().action == action  # type: ignore[union-attr]


def test_failed_service_leaves_no_event() -> None:
    before = _count()
    with pytest.raises(Exception, match="CVR"):
        company_create(actor=None, cvr="1", name="X")
    assert _count() == before
