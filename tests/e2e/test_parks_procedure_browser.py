"""Browser check of the pages of issue 17 in Danish and English: selection with
conditions, the application page (conditions, dialogue, supply items), a draft's
screening page, the round's procedure, the park page and a consent request.
Each passes axe-core; with RODLOEBER_SCREENSHOTS=<dir> each is also saved as PNG."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from rodloeber.accounts.models import Organisation, User
from rodloeber.accounts.roles import Role
from rodloeber.parks.conditions import condition_assess
from rodloeber.parks.lifecycle import decision_record
from rodloeber.parks.procedure import dialogue_add, park_extend_sunset, round_step_record
from rodloeber.parks.services import application_create, application_submit, round_open
from tests.e2e.test_parks_flow import _axe, _login
from tests.parks import conftest as shared

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
hand_made_layers = shared.hand_made_layers


def _world(make_user: Callable[..., User], org: Callable[[str], Organisation]) -> dict[str, Any]:
    admin = make_user(Role.ADMINISTRATOR)
    planner = make_user(Role.MUNICIPAL_PLANNER, org("0561"))
    varde = make_user(Role.MUNICIPAL_PLANNER, org("0573"))
    screener = make_user(Role.STATE_SCREENER)
    rnd = round_open(
        actor=admin, title="Runde 2026 (e2e)", deadline=timezone.now() + timedelta(days=9)
    )

    def app(name: str, x: float, co: list[str] | None = None) -> Any:
        return application_create(
            actor=planner,
            application_round=rnd,
            name=name,
            geometry=shared.area(x=x),
            answers=shared.FULL_ANSWERS,
            co_municipality_codes=co or [],
        )

    north, south = app("Nordparken", -10_000), app("Sydparken", 10_000)
    draft = app("Fællesparken (kladde)", -12_000, ["0573"])
    for a in (north, south):
        application_submit(actor=planner, application=a)
    shared.meet_all_conditions(screener, north)
    condition_assess(
        actor=screener,
        application=south,
        number=2,
        state="not_met",
        evidence_kind="evaluator_note",
        evidence="Ingen navngivne virksomheder eller hensigtserklæringer.",
    )
    dialogue_add(
        actor=screener,
        application=north,
        kind="question",
        happened_on=date(2026, 6, 10),
        text="Hvornår er renseanlægget udbygget?",
        municipality_code="0561",
    )
    dialogue_add(
        actor=planner,
        application=north,
        kind="answer",
        happened_on=date(2026, 6, 20),
        text="Udbygningen er færdig i 2027.",
    )
    for kind, on, details in (
        ("negotiated", date(2026, 10, 1), {"outcome": "Enighed om listen"}),
        (
            "political_decision",
            date(2026, 10, 28),
            {"decided_by": "Regeringen og aftalepartierne", "parks_count": 1},
        ),
    ):
        round_step_record(
            actor=screener, application_round=rnd, kind=kind, happened_on=on, details=details
        )
    decision_record(
        actor=screener,
        application=north,
        designated=True,
        decided_on=date(2026, 10, 28),
        reasons="Opfylder alle betingelser i § 13, stk. 1",
    )
    park_extend_sunset(
        actor=screener,
        park=north.park,
        sunset_on=date(2032, 10, 28),
        reason="Lokalplanen er forsinket af arkæologiske udgravninger",
    )
    return {
        "planner": planner,
        "varde": varde,
        "screener": screener,
        "round": rnd,
        "north": north,
        "draft": draft,
    }


@pytest.mark.parametrize("lang", ["da", "en"])
def test_issue_17_pages(
    browser: Any,
    live_server: Any,
    make_user: Callable[..., User],
    org: Callable[[str], Organisation],
    lang: str,
    tmp_path: Path,
) -> None:
    w = _world(make_user, org)
    base = live_server.url
    shots = Path(os.environ.get("RODLOEBER_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(15000)

    def visit(name: str, url: str, expect: str) -> None:
        page.goto(f"{base}{url}")
        page.wait_for_load_state()
        assert expect in page.content(), (name, expect)
        assert "Traceback" not in page.content()
        _axe(page)
        page.screenshot(path=str(shots / f"parks-{name}-{lang}.png"), full_page=True)

    en = lang == "en"

    def login(user: User) -> None:
        context.clear_cookies()
        _login(page, base, user)
        if en:  # the language switch in the header (stored with the session)
            page.click("button[name=language][value=en]")
            page.wait_for_load_state()

    login(w["screener"])
    visit(
        "selection",
        "/industriparker/udvaelgelse",
        "Cannot be selected" if en else "Kan ikke udvælges",
    )
    visit(
        "application",
        f"/industriparker/ansoegninger/{w['north'].pk}",
        "Wastewater" if en else "Spildevand",
    )
    visit("round", f"/industriparker/runder/{w['round'].pk}", "Regeringen og aftalepartierne")
    visit("park", f"/industriparker/park/{w['north'].park.pk}", "arkæologiske")
    login(w["planner"])
    visit(
        "draft-screening",
        f"/industriparker/ansoegninger/{w['draft'].pk}/screening",
        "Screened on submission" if en else "Screenes ved indsendelse",
    )
    login(w["varde"])
    visit(
        "consent",
        "/industriparker/ansoegninger/",
        "Requests to join" if en else "Anmodninger om at være medansøger",
    )
    context.close()
