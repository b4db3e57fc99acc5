"""Parks API: the contract, object-level authorisation (404), selection."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from rodloeber.accounts.models import User
from rodloeber.accounts.services import token_create
from rodloeber.accounts.token_scopes import ALL_SCOPES
from rodloeber.parks.models import ApplicationRound
from tests.parks import conftest as shared
from tests.parks.conftest import FULL_ANSWERS, area

# Fixtures shared with tests/parks (pytest finds them as module attributes).
hand_made_layers = shared.hand_made_layers
admin = shared.admin
planner = shared.planner
other_planner = shared.other_planner
screener = shared.screener
open_round = shared.open_round

pytestmark = pytest.mark.django_db
URL = "/api/v1/parks/applications"


def call(user: User, method: str, url: str, body: Any = None, lang: str = "da") -> Any:
    _, secret = token_create(actor=None, user=user, name="t", scopes=ALL_SCOPES)
    client = Client()
    kwargs: dict[str, Any] = {
        "HTTP_AUTHORIZATION": f"Bearer {secret}",
        "HTTP_ACCEPT_LANGUAGE": lang,
    }
    if body is not None:
        kwargs["data"] = json.dumps(body)
        kwargs["content_type"] = "application/json"
    return getattr(client, method)(url, **kwargs)


def create(user: User, **extra: Any) -> Any:
    body = {"name": "Testpark", "geometry": area(), "answers": FULL_ANSWERS, **extra}
    return call(user, "post", URL, body)


def test_create_returns_application_with_screening(
    planner: User, open_round: ApplicationRound
) -> None:
    response = create(planner)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "draft"
    assert data["lead_municipality"] == "0561"
    assert data["area_ha"] == pytest.approx(64, abs=0.1)
    screening = data["screening"]
    assert {"area_ha", "kommune_kode", "excluded", "exclusions", "criteria", "layers"} <= set(
        screening
    )
    assert screening["kommune_kode"] == "0561"


def test_create_and_submit_then_list(planner: User, open_round: ApplicationRound) -> None:
    response = create(planner, submit=True)
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "submitted"
    listed = call(planner, "get", URL).json()
    assert [a["id"] for a in listed] == [response.json()["id"]]


def test_geometry_error_is_bilingual_422(planner: User, open_round: ApplicationRound) -> None:
    bad = {
        "type": "Polygon",
        "coordinates": [[[8.6, 55.5], [8.7, 55.6], [8.7, 55.5], [8.6, 55.6], [8.6, 55.5]]],
    }
    response = call(planner, "post", URL, {"name": "X", "geometry": bad}, lang="en")
    assert response.status_code == 422
    body = response.json()
    assert body["errors"][0]["field"] == "geometry"
    assert body["errors"][0]["message_da"] and body["errors"][0]["message_en"]


def test_only_planners_create(screener: User, open_round: ApplicationRound) -> None:
    assert create(screener).status_code == 403


def test_other_municipality_and_screener_get_404_for_drafts(
    planner: User, other_planner: User, screener: User, open_round: ApplicationRound
) -> None:
    app_id = create(planner).json()["id"]
    assert call(other_planner, "get", f"{URL}/{app_id}").status_code == 404
    assert call(screener, "get", f"{URL}/{app_id}").status_code == 404
    patch = call(other_planner, "patch", f"{URL}/{app_id}", {"name": "Kapret"})
    assert patch.status_code == 404
    assert call(planner, "patch", f"{URL}/{app_id}", {"name": "Nyt"}).json()["name"] == "Nyt"
    assert call(planner, "post", f"{URL}/{app_id}/submit").status_code == 200
    assert call(screener, "get", f"{URL}/{app_id}").status_code == 200
    assert call(planner, "patch", f"{URL}/{app_id}", {"name": "Sent"}).status_code == 403


def test_unknown_answer_field_is_422(planner: User, open_round: ApplicationRound) -> None:
    response = create(planner, answers={"foo": "bar"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "answers_unknown"


def meet_all_conditions_via_api(screener: User, app_id: int) -> None:
    for number in range(1, 6):
        body = {
            "number": number,
            "state": "met",
            "evidence_kind": "screening",
            "evidence": f"Screeningen viser nr. {number} (test)",
        }
        response = call(screener, "post", f"{URL}/{app_id}/conditions", body)
        assert response.status_code == 200, response.content
    assert response.json()["eligible"] is True


def test_selection_contract(planner: User, screener: User, open_round: ApplicationRound) -> None:
    ids = []
    for i, (x, score) in enumerate([(-10_000, 5), (-12_000, 4), (10_000, 3)]):
        body = {"name": f"P{i}", "geometry": area(x=x), "answers": FULL_ANSWERS, "submit": True}
        app_id = call(planner, "post", URL, body).json()["id"]
        evaluation = {"criterion": "transport", "score": score, "justification": "test"}
        assert call(screener, "post", f"{URL}/{app_id}/evaluations", evaluation).status_code == 200
        meet_all_conditions_via_api(screener, app_id)
        ids.append(app_id)
    body = {"application_ids": ids, "n": 2, "max_per_region": 2, "min_distance_km": 5}
    response = call(screener, "post", "/api/v1/parks/selection", body)
    assert response.status_code == 200, response.content
    data = response.json()
    # The two best (5 + 4) are 1.2 km apart: the optimum under 5 km is 5 + 3.
    assert sorted(data["chosen"]) == sorted([ids[0], ids[2]])
    assert data["objective"] == 8
    assert data["scores"] == {str(ids[0]): 5.0, str(ids[1]): 4.0, str(ids[2]): 3.0}
    assert "Optimal" in data["explanation"]
    assert data["swaps"][0]["id"] == ids[1]
    assert call(planner, "post", "/api/v1/parks/selection", body).status_code == 403
    infeasible = {**body, "max_per_region": 1}
    assert call(screener, "post", "/api/v1/parks/selection", infeasible).status_code == 422


def test_decision_and_public_parks(
    planner: User, screener: User, open_round: ApplicationRound, client: Client
) -> None:
    app_id = create(planner, submit=True).json()["id"]
    decision = {"designated": True, "decided_on": "2025-10-28", "reasons": "Opfylder § 13"}
    refused = call(screener, "post", f"{URL}/{app_id}/decision", decision)
    assert refused.status_code == 422 and refused.json()["errors"][0]["code"] == (
        "conditions_not_met"
    )
    meet_all_conditions_via_api(screener, app_id)
    refused = call(screener, "post", f"{URL}/{app_id}/decision", decision)
    assert refused.json()["errors"][0]["code"] == "no_political_decision"
    shared.decide_politically(screener, open_round, parks=1)
    response = call(screener, "post", f"{URL}/{app_id}/decision", decision)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "designated"
    parks = client.get("/api/v1/parks").json()
    assert parks[0]["sunset_on"] == "2030-10-28"
    assert call(screener, "post", f"{URL}/{app_id}/decision", decision).status_code == 409


def test_evaluation_answers_in_the_callers_language(
    planner: User, screener: User, open_round: ApplicationRound
) -> None:
    body = {"name": "Sprog", "geometry": area(), "answers": FULL_ANSWERS, "submit": True}
    app_id = call(planner, "post", URL, body).json()["id"]
    evaluation = {"criterion": "transport", "score": 4, "justification": "E20"}
    english = call(screener, "post", f"{URL}/{app_id}/evaluations", evaluation, "en-GB,en;q=0.9")
    danish = call(screener, "post", f"{URL}/{app_id}/evaluations", evaluation, "da")
    en_conditions, da_conditions = english.json()["conditions"], danish.json()["conditions"]
    assert en_conditions[0]["legal_basis"] == "L 206 s. 13(1), no. 1"
    assert da_conditions[0]["legal_basis"] == "L 206 § 13, stk. 1, nr. 1"
    assert en_conditions[0]["title"] != da_conditions[0]["title"]
    exclusion = english.json()["screening"]["exclusions"][0]
    assert exclusion["legal_basis_en"].startswith("s. 13(2), no. ")
