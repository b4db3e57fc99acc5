"""API for the designation lifecycle: lokalplan, open, cease (§ 13 stk. 5)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from rodloeber.accounts.models import User
from rodloeber.accounts.services import token_create
from rodloeber.accounts.token_scopes import ALL_SCOPES
from rodloeber.audit.models import AuditEvent
from rodloeber.parks.models import Park, ParkApplication
from rodloeber.parks.services import application_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def park(designated_park: Park) -> Park:
    return designated_park


def post(user: User | None, url: str, body: dict[str, Any], lang: str = "da") -> Any:
    headers: dict[str, Any] = {"HTTP_ACCEPT_LANGUAGE": lang}
    if user is not None:
        _, secret = token_create(actor=None, user=user, name="t", scopes=ALL_SCOPES)
        headers["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return Client().post(url, json.dumps(body), content_type="application/json", **headers)


def test_full_lifecycle_by_the_municipality_and_the_state(
    park: Park, planner: User, screener: User
) -> None:
    base = f"/api/v1/parks/{park.pk}"
    r = post(
        planner,
        f"{base}/local-plan",
        {"plan_id": "1234567", "adopted_on": "2026-03-01", "url": "https://plandata.dk/1234567"},
    )
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "local_plan_adopted"
    assert r.json()["local_plan_adopted_on"] == "2026-03-01"
    r = post(planner, f"{base}/open", {"opened_on": "2026-04-01"})
    assert r.status_code == 200 and r.json()["status"] == "open"
    assert AuditEvent.objects.latest("seq").action == "parks.open"
    r = post(screener, f"{base}/cease", {"ceased_on": "2030-10-28", "reason": "Solnedgang"})
    assert r.status_code == 200 and r.json()["status"] == "ceased"
    public = Client().get(base).json()
    assert public["ceased_on"] == "2030-10-28" and public["ceased_reason"] == "Solnedgang"


def test_open_before_local_plan_is_409_bilingual(park: Park, planner: User) -> None:
    da = post(planner, f"/api/v1/parks/{park.pk}/open", {"opened_on": "2026-04-01"})
    en = post(planner, f"/api/v1/parks/{park.pk}/open", {"opened_on": "2026-04-01"}, "en")
    assert da.status_code == en.status_code == 409
    assert "ikke mulig" in da.json()["detail"]
    assert "not possible" in en.json()["detail"]
    assert da.json()["errors"][0]["code"] == "illegal_transition"
    park.refresh_from_db()
    assert park.status == "reserved"


def test_who_may_do_what(park: Park, planner: User, other_planner: User, admin: User) -> None:
    body = {"plan_id": "1", "adopted_on": "2026-03-01"}
    assert post(other_planner, f"/api/v1/parks/{park.pk}/local-plan", body).status_code == 403
    assert post(admin, f"/api/v1/parks/{park.pk}/local-plan", body).status_code == 403
    assert post(None, f"/api/v1/parks/{park.pk}/local-plan", body).status_code == 401
    cease = {"ceased_on": "2030-10-28", "reason": "x"}
    assert post(planner, f"/api/v1/parks/{park.pk}/cease", cease).status_code == 403  # state only
    assert post(planner, "/api/v1/parks/999999/local-plan", body).status_code == 404


@pytest.mark.parametrize(
    ("step", "body", "code"),
    [
        ("local-plan", {"plan_id": " ", "adopted_on": "2026-03-01"}, "required"),
        (
            "local-plan",
            {"plan_id": "1", "adopted_on": "2026-03-01", "url": "javascript:x"},
            "url_invalid",
        ),
        ("cease", {"ceased_on": "2020-01-01", "reason": "x"}, "date_order"),
        ("cease", {"ceased_on": "2030-01-01", "reason": " "}, "required"),
    ],
)
def test_bad_input_is_422_and_nothing_changes(
    park: Park, screener: User, step: str, body: dict[str, Any], code: str
) -> None:
    parks_events = AuditEvent.objects.filter(action__startswith="parks.")
    before = parks_events.count()
    r = post(screener, f"/api/v1/parks/{park.pk}/{step}", body, "en")
    assert r.status_code == 422, r.content
    assert r.json()["errors"][0]["code"] == code
    assert r.json()["errors"][0]["message_da"] != r.json()["errors"][0]["message_en"]
    park.refresh_from_db()
    assert park.status == "reserved" and parks_events.count() == before


def test_open_before_adoption_date_is_refused(park: Park, planner: User) -> None:
    post(
        planner, f"/api/v1/parks/{park.pk}/local-plan", {"plan_id": "1", "adopted_on": "2026-03-01"}
    )
    r = post(planner, f"/api/v1/parks/{park.pk}/open", {"opened_on": "2026-02-01"})
    assert r.status_code == 422 and r.json()["errors"][0]["code"] == "date_order"


def test_decision_with_an_invalid_contact_email_is_refused(
    planner: User, screener: User, draft: ParkApplication
) -> None:

    application_submit(actor=planner, application=draft)
    body = {
        "designated": True,
        "decided_on": "2025-10-28",
        "reasons": "Opfylder § 13",
        "contact_email": "ikke en adresse",
    }
    r = post(screener, f"/api/v1/parks/applications/{draft.pk}/decision", body, "en")
    assert r.status_code == 422 and r.json()["errors"][0]["code"] == "email_invalid"
    draft.refresh_from_db()
    assert draft.status == "submitted" and not Park.objects.exists()
