"""Analyst inbox: last year's budget sub-lines without recorded spending."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from rodloeber.domain.tasks import TaskKind
from rodloeber.reports.models import BudgetAllocation, BudgetLine
from rodloeber.reports.services import budget_spend_record
from rodloeber.reports.tasks import spending_tasks

pytestmark = pytest.mark.django_db
IN_2026 = date(2026, 3, 1)


def test_each_sub_line_without_spending_is_a_task_until_recorded(analyst: Any) -> None:
    expected = BudgetAllocation.objects.filter(year=2025, line__level=2).count()
    tasks = spending_tasks(analyst, IN_2026)
    assert expected > 0 and len(tasks) == expected
    assert {t.kind for t in tasks} == {TaskKind.RECORD_SPENDING}
    line = BudgetLine.objects.get(code="parks.dialogue.erst")
    [task] = [t for t in tasks if "line=parks.dialogue.erst" in t.url]
    assert task.url == "/statistik/budget/forbrug?line=parks.dialogue.erst&year=2025"
    assert task.case_reference == "2025" and line.name_da in task.case_title
    assert task.due is None

    budget_spend_record(actor=analyst, line=line, year=2025, amount_mdkk="1,25")
    left = spending_tasks(analyst, IN_2026)
    assert len(left) == expected - 1
    assert all("parks.dialogue.erst" not in t.url for t in left)


def test_the_task_link_opens_the_form_with_line_and_year_chosen(analyst: Any) -> None:
    client = Client()
    client.force_login(analyst)
    body = client.get("/statistik/budget/forbrug?line=parks.dialogue.erst&year=2025").content
    text = body.decode()
    assert 'value="parks.dialogue.erst" selected' in text
    assert 'value="2025" selected' in text


def test_only_analysts_get_spending_tasks(administrator: Any, make_user: Any) -> None:
    assert spending_tasks(administrator, IN_2026) == []
    assert spending_tasks(make_user("case_manager"), IN_2026) == []
