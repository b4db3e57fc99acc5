"""Gem som kladde: who may save, the audit event, and who sees saved checks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.audit.models import AuditEvent
from rodloeber.checks.errors import CheckError
from rodloeber.checks.models import SavedCheck
from rodloeber.checks.services import saved_check_create
from rodloeber.domain.facts import FactsError
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

FACTS = {"title": "Batterifabrik", "investment_dkk": 500_000_000, "site": {"kommune_kode": "0561"}}


def _login(client: Client, user: User) -> None:
    assert client.login(username=user.username, password=PASSWORD)


def _answer(client: Client, answers: dict[int, dict[str, Any]]) -> None:
    for number, data in answers.items():
        client.post(f"/tjek/trin/{number}", data)


def test_anonymous_save_redirects_to_login(
    client: Client, full_answers: dict[int, dict[str, Any]]
) -> None:
    _answer(client, full_answers)
    response = client.post("/tjek/gem", {"title": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/log-ind")
    assert "next=/tjek/resultat" in response["Location"]
    assert SavedCheck.objects.count() == 0
    body = client.get("/tjek/resultat").content.decode()
    assert 'data-testid="save-check"' not in body


def test_anonymous_saved_list_redirects_to_login(client: Client) -> None:
    response = client.get("/tjek/gemte")
    assert response.status_code == 302 and response["Location"].startswith("/konto/log-ind")


def test_company_user_saves_a_draft_with_one_audit_event(
    client: Client, make_user: Callable[..., User], full_answers: dict[int, dict[str, Any]]
) -> None:
    user = make_user(Role.COMPANY_USER)
    _login(client, user)
    full_answers[2]["site_address"] = "Industrivej 1, 6700 Esbjerg"
    _answer(client, full_answers)
    body = client.get("/tjek/resultat").content.decode()
    assert 'data-testid="save-check"' in body
    before = AuditEvent.objects.count()
    response = client.post("/tjek/gem", {"title": "Min kladde"})
    saved = SavedCheck.objects.get()
    assert response["Location"] == f"/tjek/gemte/{saved.pk}"
    assert saved.company == user.organisation and saved.created_by == user
    assert saved.title == "Min kladde"
    assert saved.site_address == "Industrivej 1, 6700 Esbjerg"
    assert saved.facts["investment_dkk"] == 1_200_000_000
    assert saved.result["eligibility"]["eligible"] is True
    assert saved.catalogue_version and not saved.synthetic
    events = AuditEvent.objects.order_by("seq")[before:]
    assert [e.action for e in events] == ["check.save"]
    assert events[0].subject_id == str(saved.pk)
    detail = client.get(f"/tjek/gemte/{saved.pk}").content.decode()
    assert "Min kladde" in detail and 'data-status="eligible"' in detail
    listing = client.get("/tjek/gemte").content.decode()
    assert f'href="/tjek/gemte/{saved.pk}"' in listing


def test_other_company_gets_404_and_an_empty_list(
    client: Client, make_user: Callable[..., User], other_company: Any
) -> None:
    owner = make_user(Role.COMPANY_USER)
    saved = saved_check_create(actor=owner, facts=FACTS)
    colleague = make_user(Role.COMPANY_USER)
    _login(client, colleague)
    assert client.get(f"/tjek/gemte/{saved.pk}").status_code == 200  # same company
    stranger = make_user(Role.COMPANY_USER, organisation=other_company)
    client.logout()
    _login(client, stranger)
    assert client.get(f"/tjek/gemte/{saved.pk}").status_code == 404
    assert f"/tjek/gemte/{saved.pk}" not in client.get("/tjek/gemte").content.decode()
    assert client.get("/tjek/gemte/999999").status_code == 404


def test_authority_users_cannot_save_or_see_saved_checks(
    client: Client, make_user: Callable[..., User]
) -> None:
    owner = make_user(Role.COMPANY_USER)
    saved = saved_check_create(actor=owner, facts=FACTS)
    caseworker = make_user(Role.AUTHORITY_CASEWORKER)
    _login(client, caseworker)
    assert client.post("/tjek/gem").status_code == 403
    assert client.get(f"/tjek/gemte/{saved.pk}").status_code == 404
    with pytest.raises(CheckError):
        saved_check_create(actor=caseworker, facts=FACTS)


def test_service_validates_facts_and_names_a_default_title(
    make_user: Callable[..., User],
) -> None:
    user = make_user(Role.COMPANY_USER)
    with pytest.raises(FactsError):
        saved_check_create(actor=user, facts={"investment_dkk": -1})
    assert SavedCheck.objects.count() == 0
    saved = saved_check_create(actor=user, facts={"kind": "new"}, synthetic=True)
    assert saved.title.startswith("Tjek ")
    assert saved.synthetic
    assert saved_check_create(actor=user, facts=FACTS).title == "Batterifabrik"
