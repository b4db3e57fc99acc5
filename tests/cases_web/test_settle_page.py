"""The case page's "Not in the plan" section: possible permits beside the plan with
why and what happens if needed, and the settle buttons (needed / not needed / undo)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.cases.models import Case, Permit
from tests.cases import factories as f

pytestmark = pytest.mark.django_db


def login(user: User, lang: str = "da") -> Client:
    c = Client()
    c.force_login(user)
    c.cookies["django_language"] = lang
    return c


def _possible(case: Case) -> Permit:
    permit = case.permits.filter(certainty="possible").order_by("position").first()
    assert permit is not None
    return permit


def test_section_lists_possible_permits_and_settles(applicant: User, manager: User) -> None:
    case = f.in_progress(applicant, manager)
    permit = _possible(case)
    url = reverse("cases:detail", args=[case.pk])
    page = login(manager).get(url).content.decode()
    assert "Ikke i planen" in page and f'data-testid="beside-{permit.code}"' in page
    assert "Hvis den er nødvendig:" in page  # the navigator's own consequence wording
    assert f'data-testid="settle-needed-{permit.code}"' in page
    en = login(manager, "en").get(url).content.decode()
    assert "Not in the plan" in en and "If it is needed:" in en
    # the company sees the section but no buttons
    company = login(applicant).get(url).content.decode()
    assert "Ikke i planen" in company and "settle-needed-" not in company
    settle = reverse("cases:settle", args=[permit.pk])
    r = login(manager).post(settle, {"certainty": "nonsense"})
    assert r.status_code == 422 and "error-summary" in r.content.decode()
    assert login(applicant).post(settle, {"certainty": "required"}).status_code == 403
    outsider = f.user(Role.AUTHORITY_CASEWORKER, f.org("0101"))
    assert login(outsider).post(settle, {"certainty": "required"}).status_code == 404
    r = login(manager).post(settle, {"certainty": "required"})
    assert r.status_code == 302
    page = login(manager).get(url).content.decode()
    assert f'data-testid="added-{permit.code}"' in page  # in the plan, marked as added
    assert f'data-testid="beside-{permit.code}"' not in page
