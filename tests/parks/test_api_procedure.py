"""API for the designation procedure: round steps, dialogue, conditions, decision,
sunset extension — a round from submitted application to designated park."""

from __future__ import annotations

import pytest
from django.test import Client

from rodloeber.accounts.models import User
from rodloeber.parks.models import ParkApplication
from rodloeber.parks.services import application_submit
from tests.parks.test_api_lifecycle import post

pytestmark = pytest.mark.django_db


def test_round_to_designated_park_through_the_api(
    planner: User, screener: User, draft: ParkApplication
) -> None:
    application_submit(actor=planner, application=draft)
    app_url = f"/api/v1/parks/applications/{draft.pk}"
    r = post(
        screener,
        f"{app_url}/dialogue",
        {
            "kind": "question",
            "happened_on": "2025-06-10",
            "text": "Affaldshåndtering?",
            "municipality_code": "0561",
        },
    )
    assert r.status_code == 200, r.content
    r = post(
        planner,
        f"{app_url}/dialogue",
        {"kind": "answer", "happened_on": "2025-06-12", "text": "Ja"},
    )
    assert [d["kind"] for d in r.json()["dialogue"]] == ["question", "answer"]
    assert (
        post(
            planner,
            f"{app_url}/dialogue",
            {"kind": "question", "happened_on": "2025-06-12", "text": "?"},
        ).status_code
        == 403
    )
    for number in range(1, 6):
        body = {"number": number, "state": "met", "evidence_kind": "screening", "evidence": "ok"}
        assert post(screener, f"{app_url}/conditions", body).status_code == 200
    round_url = f"/api/v1/parks/rounds/{draft.round_id}"
    public = Client().get(round_url)
    assert public.status_code == 200 and public.json()["next_step"] == "negotiated"
    bad = post(
        screener, f"{round_url}/steps", {"kind": "hearing", "happened_on": "2025-11-01"}, "en"
    )
    assert bad.status_code == 422
    steps = [
        ("negotiated", "2025-10-01", {"outcome": "Enighed"}),
        ("political_decision", "2025-10-28", {"decided_by": "Aftalepartierne", "parks_count": 11}),
        (
            "hearing",
            "2025-11-01",
            {"period_start": "2025-11-01", "period_end": "2025-12-01", "responses_received": 3},
        ),
    ]
    for kind, on, details in steps:
        r = post(
            screener, f"{round_url}/steps", {"kind": kind, "happened_on": on, "details": details}
        )
        assert r.status_code == 200, r.content
    again = post(
        screener,
        f"{round_url}/steps",
        {"kind": "hearing", "happened_on": "2025-11-02", "details": steps[2][2]},
    )
    assert again.status_code == 409
    assert (
        post(
            planner,
            f"{round_url}/steps",
            {"kind": "landsplandirektiv", "happened_on": "2026-01-01"},
        ).status_code
        == 403
    )
    decision = {
        "designated": True,
        "decided_on": "2025-10-28",
        "reasons": "§ 13",
        "sunset_years": 6,
    }
    r = post(screener, f"{app_url}/decision", decision)
    assert r.status_code == 200, r.content
    draft.refresh_from_db()
    park_url = f"/api/v1/parks/{draft.park.pk}"
    assert Client().get(park_url).json()["sunset_on"] == "2031-10-28"
    r = post(
        screener,
        f"{park_url}/extend-sunset",
        {"sunset_on": "2032-10-28", "reason": "Forsinket lokalplan"},
    )
    assert r.status_code == 200, r.content
    data = Client().get(park_url).json()
    assert data["sunset_on"] == "2032-10-28" and data["sunset_years"] == 6
    assert data["sunset_extensions"][0]["reason"] == "Forsinket lokalplan"
