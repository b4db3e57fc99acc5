from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from rodloeber.accounts.errors import AccountError
from rodloeber.accounts.models import ApiToken, Organisation, User
from rodloeber.accounts.roles import Role
from rodloeber.accounts.services import (
    TOKEN_LAST_USED_RESOLUTION,
    company_create,
    token_authenticate,
    token_create,
    token_revoke,
    user_create,
)
from rodloeber.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def test_company_create_validates_cvr_and_stores_nothing_on_error() -> None:
    with pytest.raises(AccountError) as exc:
        company_create(actor=None, cvr="13585627", name="Fejl ApS")
    assert exc.value.code == "cvr_checksum"
    assert "modulus" in exc.value.message("da")
    assert not Organisation.objects.filter(cvr="13585627").exists()
    assert _events("org.create") == 0


def test_company_create_normalises_and_audits() -> None:
    org = company_create(
        actor=None, cvr="DK 1358 5628", name=" Eksempel A/S ", foreign_parent_country="de"
    )
    assert (org.cvr, org.name, org.foreign_parent_country) == ("13585628", "Eksempel A/S", "DE")
    event = AuditEvent.objects.get(action="org.create")
    assert event.subject_id == str(org.pk)
    assert event.after == {
        "kind": "company",
        "cvr": "13585628",
        "name": "Eksempel A/S",
        "country": "DE",
    }


def test_duplicate_cvr_refused() -> None:
    company_create(actor=None, cvr="13585628", name="A")
    with pytest.raises(AccountError) as exc:
        company_create(actor=None, cvr="13585628", name="B")
    assert exc.value.code == "cvr_taken"


def test_bad_country_code_refused() -> None:
    with pytest.raises(AccountError) as exc:
        company_create(actor=None, cvr="13585628", name="A", foreign_parent_country="Tyskland")
    assert exc.value.code == "country_code"


@pytest.mark.parametrize(
    ("role", "code", "error"),
    [
        (Role.MUNICIPAL_PLANNER, "MST", "role_org_mismatch"),
        (Role.CASE_MANAGER, "MST", "case_manager_org"),
        (Role.COMPANY_USER, "0561", "role_org_mismatch"),
        ("superhero", "ERST", "role_unknown"),
    ],
)
def test_role_must_fit_organisation(role: str, code: str, error: str) -> None:
    org = Organisation.objects.get(authority_code=code)
    with pytest.raises(AccountError) as exc:
        user_create(
            actor=None,
            username="x",
            password="Korrekt-Hest-Batteri-42",
            role=role,
            organisation=org,
        )
    assert exc.value.code == error
    assert not User.objects.filter(username="x").exists()


def test_weak_password_refused(company: Organisation) -> None:
    with pytest.raises(AccountError) as exc:
        user_create(
            actor=None,
            username="x",
            password="12345678",
            role=Role.COMPANY_USER,
            organisation=company,
        )
    assert exc.value.code == "password_weak"


def test_password_is_hashed_with_argon2_in_production_settings(settings: object) -> None:
    from django.conf import settings as dj

    assert (
        "Argon2PasswordHasher"
        in __import__(
            "rodloeber.config.settings.base", fromlist=["PASSWORD_HASHERS"]
        ).PASSWORD_HASHERS[0]
    )
    assert dj.AUTH_USER_MODEL == "accounts.User"


def test_token_lifecycle(make_user: Callable[..., User]) -> None:
    user = make_user(Role.AUTHORITY_CASEWORKER)
    token, secret = token_create(actor=user, user=user, name="sagssystem")
    assert secret.startswith("rl_") and len(secret) > 40
    assert secret not in token.digest and token.digest != secret
    assert token_authenticate(secret) == user
    assert token_authenticate(secret + "x") is None
    assert token_authenticate("not-a-token") is None
    token_revoke(actor=user, token=token)
    assert token_authenticate(secret) is None
    token_revoke(actor=user, token=token)  # idempotent
    assert _events("token.create") == 1
    assert _events("token.revoke") == 1
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_inactive_user_token_refused(make_user: Callable[..., User]) -> None:
    user = make_user(Role.AUTHORITY_CASEWORKER)
    _token, secret = token_create(actor=None, user=user, name="t")
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert token_authenticate(secret) is None


def test_token_last_used_is_written_at_most_once_a_minute(
    make_user: Callable[..., User], django_assert_num_queries: Callable[..., Any]
) -> None:
    user = make_user()
    token, secret = token_create(actor=None, user=user, name="t")
    assert token_authenticate(secret) == user
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    with django_assert_num_queries(1):  # the lookup only: no UPDATE within the minute
        assert token_authenticate(secret) == user
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    older = first - TOKEN_LAST_USED_RESOLUTION
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=older)
    assert token_authenticate(secret) == user
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first
