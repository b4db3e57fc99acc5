"""Park inbox tasks: planners' drafts and sunsets, screeners' assessments."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.domain.tasks import TaskKind
from rodloeber.parks.criteria import rules
from rodloeber.parks.models import Park, ParkApplication
from rodloeber.parks.services import application_submit, evaluation_save
from rodloeber.parks.tasks import park_tasks
from tests.parks.conftest import meet_all_conditions

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):  # subjects are asserted in English
        yield


TODAY = date.today()


def test_planner_finishes_the_draft_before_the_round_closes(
    planner: User, other_planner: User, draft: ParkApplication
) -> None:
    [task] = park_tasks(planner, TODAY)
    assert task.kind == TaskKind.FINISH_PARK_APPLICATION
    assert task.url == f"/industriparker/ansoegninger/{draft.pk}"
    assert task.due == timezone.localtime(draft.round.deadline).date()
    assert park_tasks(other_planner, TODAY) == []  # another municipality's draft
    application_submit(actor=planner, application=draft)
    assert park_tasks(planner, TODAY) == []


def test_screener_assesses_until_conditions_and_criteria_are_recorded(
    planner: User, screener: User, draft: ParkApplication
) -> None:
    assert park_tasks(screener, TODAY) == []  # drafts are the municipality's
    application_submit(actor=planner, application=draft)
    [task] = park_tasks(screener, TODAY)
    assert task.kind == TaskKind.ASSESS_PARK_APPLICATION and task.due is None
    assert task.subject.startswith("0 of 5 conditions")
    meet_all_conditions(screener, draft)
    assert park_tasks(screener, TODAY)[0].subject.startswith("5 of 5 conditions and 0 of")
    for c in rules().criteria:
        evaluation_save(
            actor=screener, application=draft, criterion=c.code, score=3, justification="Test"
        )
    assert park_tasks(screener, TODAY) == []
    assert park_tasks(planner, TODAY) == []


def test_reserved_park_near_its_sunset(planner: User, designated_park: Park) -> None:
    sunset = designated_park.sunset_on
    assert park_tasks(planner, sunset - timedelta(days=400)) == []
    [task] = park_tasks(planner, sunset - timedelta(days=100))
    assert task.kind == TaskKind.PARK_SUNSET and task.due == sunset
    assert "§ 13, stk. 5" in task.due_source
    assert task.url == f"/industriparker/park/{designated_park.pk}"


def test_other_roles_have_no_park_tasks(
    make_user: Callable[..., User], draft: ParkApplication
) -> None:
    for role in (Role.CASE_MANAGER, Role.MINISTRY_ANALYST, Role.ADMINISTRATOR):
        assert park_tasks(make_user(role), TODAY) == []
