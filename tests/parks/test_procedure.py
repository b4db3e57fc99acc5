"""The designation procedure: round steps in order, dialogue, sunset per park."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.audit.models import AuditEvent
from rodloeber.parks.errors import Forbidden, IllegalTransition, ParkError
from rodloeber.parks.lifecycle import decision_record, sunset_date
from rodloeber.parks.models import ApplicationRound, Park, ParkApplication
from rodloeber.parks.procedure import dialogue_add, park_extend_sunset, round_step_record
from rodloeber.parks.services import application_submit
from tests.parks.conftest import decide_politically, meet_all_conditions

pytestmark = pytest.mark.django_db


def step(screener: User, rnd: ApplicationRound, kind: str, on: date, **details: object) -> None:
    round_step_record(
        actor=screener, application_round=rnd, kind=kind, happened_on=on, details=details
    )


def test_round_steps_go_in_order_with_their_details(
    screener: User, planner: User, open_round: ApplicationRound
) -> None:
    with pytest.raises(Forbidden):
        step(planner, open_round, "negotiated", date(2025, 10, 1), outcome="x")
    with pytest.raises(ParkError) as info:
        step(screener, open_round, "political_decision", date(2025, 10, 2), decided_by="A")
    assert info.value.code in {"parks_count_invalid", "step_order"}
    with pytest.raises(ParkError) as info:
        step(
            screener,
            open_round,
            "political_decision",
            date(2025, 10, 2),
            decided_by="A",
            parks_count=11,
        )
    assert info.value.code == "step_order"
    assert "Negotiated" in info.value.message_en or "forhandl" in info.value.message_da.lower()
    with pytest.raises(ParkError) as info:
        step(screener, open_round, "negotiated", date(2025, 10, 1))
    assert info.value.code == "outcome_required"
    before = AuditEvent.objects.count()
    step(screener, open_round, "negotiated", date(2025, 10, 1), outcome="Enighed")
    assert AuditEvent.objects.count() == before + 1
    with pytest.raises(IllegalTransition):
        step(screener, open_round, "negotiated", date(2025, 10, 1), outcome="igen")
    with pytest.raises(ParkError) as info:  # before the previous step
        step(
            screener,
            open_round,
            "political_decision",
            date(2025, 9, 1),
            decided_by="A",
            parks_count=11,
        )
    assert info.value.code == "date_order"
    step(
        screener,
        open_round,
        "political_decision",
        date(2025, 10, 28),
        decided_by="Regeringen og aftalepartierne",
        parks_count=11,
    )
    with pytest.raises(ParkError) as info:
        step(
            screener,
            open_round,
            "hearing",
            date(2025, 11, 1),
            period_start="2025-11-10",
            period_end="2025-11-01",
        )
    assert info.value.code == "period_order"
    step(
        screener,
        open_round,
        "hearing",
        date(2025, 11, 1),
        period_start="2025-11-01",
        period_end="2025-12-01",
        responses_received=42,
    )
    with pytest.raises(ParkError) as info:
        step(screener, open_round, "landsplandirektiv", date(2026, 1, 5), reference="BEK 1")
    assert info.value.code == "forligskreds_required"
    step(
        screener,
        open_round,
        "landsplandirektiv",
        date(2026, 1, 5),
        reference="BEK nr. 1 af 5/1/2026 (test)",
        forligskreds_consulted=True,
    )
    kinds = list(open_round.steps.values_list("kind", flat=True))
    assert kinds == ["negotiated", "political_decision", "hearing", "landsplandirektiv"]


def test_no_more_parks_than_the_political_decision(
    planner: User, screener: User, draft: ParkApplication
) -> None:
    application_submit(actor=planner, application=draft)
    meet_all_conditions(screener, draft)
    decide_politically(screener, draft.round, parks=1)
    decision_record(
        actor=screener,
        application=draft,
        designated=True,
        decided_on=date(2025, 10, 28),
        reasons="ok",
        sunset_years=7,
    )
    park = draft.park
    assert park.sunset_years == 7
    assert park.sunset_on == sunset_date(date(2025, 10, 28), 7) == date(2032, 10, 28)


def test_sunset_default_five_years_and_extension_with_reason(
    designated_park: Park, screener: User, planner: User
) -> None:
    assert designated_park.sunset_years == 5
    assert designated_park.sunset_on == date(2030, 10, 28)
    with pytest.raises(Forbidden):
        park_extend_sunset(
            actor=planner, park=designated_park, sunset_on=date(2031, 1, 1), reason="x"
        )
    with pytest.raises(ParkError) as info:
        park_extend_sunset(
            actor=screener, park=designated_park, sunset_on=date(2031, 1, 1), reason=" "
        )
    assert info.value.code == "required"
    with pytest.raises(ParkError) as info:
        park_extend_sunset(
            actor=screener, park=designated_park, sunset_on=date(2030, 1, 1), reason="x"
        )
    assert info.value.code == "not_later"
    park_extend_sunset(
        actor=screener,
        park=designated_park,
        sunset_on=date(2031, 10, 28),
        reason="Lokalplanen er forsinket af arkæologiske fund",
    )
    designated_park.refresh_from_db()
    assert designated_park.sunset_on == date(2031, 10, 28)
    ext = designated_park.extensions.get()
    assert ext.previous_sunset_on == date(2030, 10, 28)


def test_dialogue_roles(
    planner: User, other_planner: User, screener: User, draft: ParkApplication
) -> None:
    with pytest.raises(IllegalTransition):
        dialogue_add(
            actor=screener,
            application=draft,
            kind="question",
            happened_on=date(2025, 6, 1),
            text="?",
            municipality_code="0561",
        )
    application_submit(actor=planner, application=draft)
    dialogue_add(
        actor=screener,
        application=draft,
        kind="question",
        happened_on=date(2025, 6, 1),
        text="Hvornår er spildevandsrensningen udbygget?",
        municipality_code="0561",
    )
    with pytest.raises(ParkError) as info:
        dialogue_add(
            actor=screener,
            application=draft,
            kind="meeting",
            happened_on=date(2025, 6, 2),
            text="Møde",
            municipality_code="0751",
        )
    assert info.value.code == "municipality_invalid"
    with pytest.raises(Forbidden):  # a planner answers, the state asks
        dialogue_add(
            actor=planner,
            application=draft,
            kind="question",
            happened_on=date(2025, 6, 3),
            text="?",
        )
    with pytest.raises(Forbidden):  # not an applicant
        dialogue_add(
            actor=other_planner,
            application=draft,
            kind="answer",
            happened_on=date(2025, 6, 3),
            text="!",
        )
    dialogue_add(
        actor=planner,
        application=draft,
        kind="answer",
        happened_on=date(2025, 6, 3),
        text="Renseanlægget udbygges i 2027.",
    )
    assert [e.kind for e in draft.dialogue.all()] == ["question", "answer"]


def test_procedure_pages_end_to_end(planner: User, screener: User, draft: ParkApplication) -> None:
    """Round page records steps, the application page logs the dialogue, the park
    page extends the sunset and shows how the park was designated (public)."""
    from django.test import Client

    application_submit(actor=planner, application=draft)
    state, municipality, public = Client(), Client(), Client()
    state.force_login(screener)
    municipality.force_login(planner)
    url = f"/industriparker/ansoegninger/{draft.pk}"
    r = state.post(
        url,
        {
            "action": "dialogue",
            "kind": "question",
            "municipality_code": "0561",
            "happened_on": "2025-06-10",
            "text": "Kan vandværket levere 2 mio. m³ om året?",
        },
    )
    assert r.status_code == 302
    r = municipality.post(
        url,
        {
            "action": "dialogue",
            "kind": "answer",
            "happened_on": "2025-06-20",
            "text": "Ja, efter udbygning i 2027.",
        },
    )
    assert r.status_code == 302
    page = state.get(url).content.decode()
    assert "2 mio. m³" in page and "udbygning i 2027" in page
    round_url = f"/industriparker/runder/{draft.round.pk}"
    assert public.get(round_url).status_code == 200
    assert public.post(round_url, {"kind": "negotiated"}).status_code == 404
    refused = state.post(round_url, {"kind": "political_decision", "happened_on": "2025-10-28"})
    assert refused.status_code == 422
    ok = state.post(
        round_url, {"kind": "negotiated", "happened_on": "2025-10-01", "outcome": "Enighed"}
    )
    assert ok.status_code == 302
    ok = state.post(
        round_url,
        {
            "kind": "political_decision",
            "happened_on": "2025-10-28",
            "decided_by": "Regeringen og aftalepartierne",
            "parks_count": "11",
        },
    )
    assert ok.status_code == 302
    meet_all_conditions(screener, draft)
    r = state.post(
        url,
        {
            "action": "decide",
            "designated": "1",
            "decided_on": "2025-10-28",
            "reasons": "Opfylder § 13",
            "sunset_years": "5",
        },
    )
    assert r.status_code == 302
    park = Park.objects.get(application=draft)
    park_url = f"/industriparker/park/{park.pk}"
    r = state.post(
        park_url, {"step": "extend", "sunset_on": "2031-06-01", "reason": "Aftalt med kommunen"}
    )
    assert r.status_code == 302
    shown = public.get(park_url).content.decode()
    assert "Regeringen og aftalepartierne" in shown
    assert "Aftalt med kommunen" in shown
    assert "2031" in shown


def test_joint_consent_page_and_api(
    planner: User, open_round: ApplicationRound, make_user: Any, org: Any
) -> None:
    from django.test import Client

    from rodloeber.parks.services import application_create
    from tests.parks.conftest import FULL_ANSWERS, area
    from tests.parks.test_api_lifecycle import post

    app = application_create(
        actor=planner,
        application_round=open_round,
        name="Fælles Vestpark",
        geometry=area(),
        answers=FULL_ANSWERS,
        co_municipality_codes=["0573", "0751"],
    )
    varde = make_user(Role.MUNICIPAL_PLANNER, org("0573"))
    aarhus = make_user(Role.MUNICIPAL_PLANNER, org("0751"))
    client = Client()
    client.force_login(varde)
    page = client.get("/industriparker/ansoegninger/").content.decode()
    assert "Fælles Vestpark" in page  # the request, not the application as Varde's own
    assert client.get(f"/industriparker/ansoegninger/{app.pk}").status_code == 404
    r = client.post("/industriparker/ansoegninger/", {"application": app.pk, "answer": "accept"})
    assert r.status_code == 302
    assert client.get(f"/industriparker/ansoegninger/{app.pk}").status_code == 200
    listed = Client().get("/api/v1/parks/consent-requests")
    assert listed.status_code == 401
    r = post(aarhus, f"/api/v1/parks/applications/{app.pk}/consent", {"accept": False})
    assert r.status_code == 200 and r.json()["state"] == "declined"
    again = post(aarhus, f"/api/v1/parks/applications/{app.pk}/consent", {"accept": True})
    assert again.status_code == 409
    stranger = post(planner, f"/api/v1/parks/applications/{app.pk}/consent", {"accept": True})
    assert stranger.status_code == 404
    lead = Client()
    lead.force_login(planner)
    detail = lead.get(f"/industriparker/ansoegninger/{app.pk}").content.decode()
    assert "Varde" in detail


def test_application_stages_follow_the_procedure(
    planner: User, screener: User, draft: ParkApplication
) -> None:
    from rodloeber.parks.stages import application_stages

    application_submit(actor=planner, application=draft)
    done = [s.done for s in application_stages(draft)]
    assert done == [True, True, False, False, False]
    meet_all_conditions(screener, draft)
    dialogue_add(
        actor=planner, application=draft, kind="meeting", happened_on=date(2025, 6, 1), text="Møde"
    )
    stages = application_stages(draft)
    assert [s.done for s in stages] == [True, True, True, True, False]
    assert "5" in stages[3].detail
