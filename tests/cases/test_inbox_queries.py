"""The start page's queries do not grow with the number of alerting cases (issue #19).

``/min-side`` for an authority caseworker used to read each alerting case's
current plan separately (one query per case in ``plan_alerts``).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rodloeber.accounts.models import User
from rodloeber.cases.inbox import tasks_for
from rodloeber.cases.models import Case, PlanSnapshot
from rodloeber.domain.tasks import TaskKind
from tests.cases import factories as f
from tests.cases.test_inbox import TODAY

pytestmark = pytest.mark.django_db


def _alerting_case(applicant: User, manager: User) -> Case:
    case = f.in_progress(applicant, manager)
    case.p_within_cap = 0.42  # as if the authorities had reported delays
    case.save(update_fields=["p_within_cap"])
    snap = case.plans.filter(kind=PlanSnapshot.CURRENT).first()
    assert snap is not None
    snap.data["p_within_cap"] = 0.42
    snap.save()
    return case


def _start_page_queries(user: User) -> tuple[int, int]:
    client = Client()
    client.force_login(user)
    client.get("/min-side")  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/min-side")
    assert response.status_code == 200
    alerts = [t for t in tasks_for(user, TODAY) if t.kind == TaskKind.PLAN_ALERT]
    return len(alerts), len(queries)


def test_start_page_queries_do_not_grow_with_alerting_cases(
    applicant: User, manager: User, esbjerg: User, settings: Any
) -> None:
    settings.RODLOEBER_PLAN_ALERT_THRESHOLD = 0.9
    for _ in range(2):
        _alerting_case(applicant, manager)
    few, few_queries = _start_page_queries(esbjerg)
    for _ in range(3):
        _alerting_case(applicant, manager)
    many, many_queries = _start_page_queries(esbjerg)
    assert (few, many) == (2, 5)
    assert many_queries == few_queries
