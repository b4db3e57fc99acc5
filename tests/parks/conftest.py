"""Fixtures for industrial parks: hand-made layers near Esbjerg, a round, users."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone
from shapely.geometry import mapping

from rodloeber.accounts.models import Organisation, User
from rodloeber.accounts.roles import Role
from rodloeber.domain.screening import to_exchange
from rodloeber.domain.screening.testing import square
from rodloeber.layers import screening_service
from rodloeber.parks.conditions import condition_assess
from rodloeber.parks.criteria import QUESTIONS
from rodloeber.parks.lifecycle import decision_record
from rodloeber.parks.models import ApplicationRound, Park, ParkApplication
from rodloeber.parks.procedure import round_step_record
from rodloeber.parks.services import application_create, application_submit, round_open
from tests.domain.screening.conftest import small_world

FULL_ANSWERS = {q.key: f"Svar på {q.key} (test)" for q in QUESTIONS if q.kind == "text"}


@pytest.fixture(autouse=True)
def hand_made_layers() -> Iterator[None]:
    world = small_world()
    screening_service.set_layer_loader(lambda name: world[name])
    yield
    screening_service.set_layer_loader(None)


def area(x: float = -10_000, y: float = 10_000, side: float = 800) -> dict[str, Any]:
    """A GeoJSON square (EPSG:4326); the default is clear of every exclusion."""
    return dict(mapping(to_exchange(square(x, y, side))))


EXCLUDED_AREA = {"x": 0, "y": 0, "side": 1000}  # overlaps hand-made § 3 nature


@pytest.fixture
def admin(make_user: Callable[..., User]) -> User:
    return make_user(Role.ADMINISTRATOR)


@pytest.fixture
def planner(make_user: Callable[..., User], org: Callable[[str], Organisation]) -> User:
    return make_user(Role.MUNICIPAL_PLANNER, org("0561"))


@pytest.fixture
def other_planner(make_user: Callable[..., User], org: Callable[[str], Organisation]) -> User:
    return make_user(Role.MUNICIPAL_PLANNER, org("0751"))


@pytest.fixture
def screener(make_user: Callable[..., User]) -> User:
    return make_user(Role.STATE_SCREENER)


@pytest.fixture
def open_round(admin: User) -> ApplicationRound:
    return round_open(
        actor=admin,
        title="Runde 2026 (test)",
        deadline=timezone.now() + timedelta(days=30),
        rules_text="Ansøgninger efter § 13.",
    )


@pytest.fixture
def draft(planner: User, open_round: ApplicationRound) -> ParkApplication:
    return application_create(
        actor=planner,
        application_round=open_round,
        name="Testpark Vest",
        geometry=area(),
        answers=FULL_ANSWERS,
    )


def meet_all_conditions(screener: User, app: ParkApplication) -> None:
    """Record every condition of § 13 stk. 1 as met (with evidence)."""
    for number in range(1, 6):
        condition_assess(
            actor=screener,
            application=app,
            number=number,
            state="met",
            evidence_kind="municipal_answer",
            evidence=f"Kommunens svar dokumenterer nr. {number} (test)",
        )


def decide_politically(screener: User, rnd: ApplicationRound, parks: int = 11) -> None:
    """Record the negotiation and the agreement parties' decision for the round."""
    round_step_record(
        actor=screener,
        application_round=rnd,
        kind="negotiated",
        happened_on=date(2025, 10, 1),
        details={"outcome": "Enighed om listen (test)"},
    )
    round_step_record(
        actor=screener,
        application_round=rnd,
        kind="political_decision",
        happened_on=date(2025, 10, 28),
        details={"decided_by": "Regeringen og aftalepartierne (test)", "parks_count": parks},
    )


@pytest.fixture
def designated_park(planner: User, screener: User, draft: ParkApplication) -> Park:
    """The draft, submitted and designated on 28 Oct 2025 (sunset 28 Oct 2030)."""
    application_submit(actor=planner, application=draft)
    meet_all_conditions(screener, draft)
    decide_politically(screener, draft.round)
    decision_record(
        actor=screener,
        application=draft,
        designated=True,
        decided_on=date(2025, 10, 28),
        reasons="Opfylder § 13",
        contact_name="Erhvervschef (test)",
        contact_email="Erhverv@Esbjerg.example",
    )
    return draft.park
