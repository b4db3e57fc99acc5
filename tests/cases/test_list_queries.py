"""The case list's queries do not grow with the number of cases (load test, issue #20 item 9).

The 100-user load test's query probe found one query per case in
``GET /api/v1/cases``: each summary names its contact person's organisation.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rodloeber.accounts.roles import Role
from rodloeber.accounts.services import token_create
from rodloeber.accounts.token_scopes import ALL_SCOPES
from tests.cases import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast(settings: Any) -> None:
    settings.RODLOEBER_PLAN_SAMPLES = 100


def _count(client: Client, headers: dict[str, str]) -> tuple[int, int]:
    client.get("/api/v1/cases", headers=headers)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/cases", headers=headers)
    assert response.status_code == 200
    return len(response.json()), len(queries)


def test_case_list_queries_do_not_grow_with_cases() -> None:
    manager = f.user(Role.CASE_MANAGER, f.org("ERST"))
    _token, secret = token_create(actor=None, user=manager, name="q", scopes=ALL_SCOPES)
    headers = {"Authorization": f"Bearer {secret}"}
    client = Client()
    applicant = f.user(Role.COMPANY_USER, f.company())
    for _ in range(2):
        f.in_progress(applicant, manager)
    few, few_queries = _count(client, headers)
    for _ in range(4):
        f.in_progress(applicant, manager)
    many, many_queries = _count(client, headers)
    assert (few, many) == (2, 6)
    assert many_queries == few_queries
