"""POST /api/v1/eligibility, /navigator and /plans/preview on the contract example."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
EXAMPLE = json.loads((Path(__file__).parent / "fixtures" / "electrolyser_esbjerg.json").read_text())


def _post(client: Client, path: str, body: Any, lang: str = "da") -> Any:
    return client.post(
        path, json.dumps(body), content_type="application/json", headers={"Accept-Language": lang}
    )


def test_eligibility_contract_example(client: Client) -> None:
    response = _post(client, "/api/v1/eligibility", EXAMPLE)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["eligible"] is True
    criteria = {c["code"]: c for c in body["criteria"]}
    assert set(criteria) >= {"A", "B1", "B2", "C"}
    assert criteria["A"]["met"] and criteria["B1"]["met"] and criteria["B2"]["met"]
    assert criteria["C"]["met"] is False
    assert all(c["reason"] and c["legal_basis"] for c in body["criteria"])
    cap = body["cap"]
    assert cap["months"] == 18  # NZIA Art. 9(1) >= 1 GW, ties with L 206
    assert "NZIA" in cap["regime"]
    assert {r["months"] for r in cap["considered"]} >= {18}
    # Every legal basis comes in a bilingual pair: Danish as written, English rendered.
    assert cap["legal_basis_en"].startswith("Regulation (EU) 2024/1735 (NZIA) Art. 9")
    for c in body["criteria"]:
        assert c["legal_basis_en"] and "stk." not in c["legal_basis_en"]


def test_navigator_names_the_municipality_and_state_authorities(client: Client) -> None:
    body = _post(client, "/api/v1/navigator", EXAMPLE).json()
    permits = {p["code"]: p for p in body["permits"]}
    assert permits["building_permit"]["authority"] == "Esbjerg Kommune"
    assert permits["fdi_screening"]["authority_level"] == "state"
    assert permits["eia_permit"]["certainty"] == "required"
    assert body["catalogue_version"]
    for p in body["permits"]:
        assert p["why"] and p["legal_basis"] and p["legal_basis_en"]
        assert set(p["depends_on"]) <= set(permits)
    assert permits["environmental_approval"]["legal_basis_en"].startswith(
        "Environmental Protection Act (miljøbeskyttelsesloven) s. 33"
    )


def test_plan_preview_contract_fields(client: Client) -> None:
    body = _post(
        client,
        "/api/v1/plans/preview",
        {"facts": EXAMPLE, "clock_start": "2026-03-02", "n_samples": 2000},
    ).json()
    assert body["clock_start"] == "2026-03-02"
    assert body["cap_deadline"] == "2027-09-02"
    assert body["cap"]["applies"] is True
    assert 0.0 <= body["p_within_cap"] <= 1.0
    assert body["critical_path"]
    codes = {p["code"] for p in body["permits"]}
    assert set(body["critical_path"]) <= codes
    for p in body["permits"]:
        assert p["start"] <= p["end"]
        assert p["milestones"]


def test_plan_preview_is_reproducible(client: Client) -> None:
    req = {"facts": EXAMPLE, "clock_start": "2026-03-02", "n_samples": 1000}
    assert (
        _post(client, "/api/v1/plans/preview", req).json()
        == _post(client, "/api/v1/plans/preview", req).json()
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**EXAMPLE, "kind": "rebuild"}, "kind"),
        ({**EXAMPLE, "investment_dkk": "a lot"}, "investment_dkk"),
        ({**EXAMPLE, "site": {"kommune_kode": "9999"}}, "site.kommune_kode"),
        ({**EXAMPLE, "net_zero_technology": "perpetuum_mobile"}, "net_zero_technology"),
        ({**EXAMPLE, "colour": "red"}, "colour"),
    ],
)
def test_invalid_facts_give_422_per_field_in_both_languages(
    client: Client, body: dict[str, Any], field: str
) -> None:
    da = _post(client, "/api/v1/eligibility", body, "da")
    en = _post(client, "/api/v1/eligibility", body, "en-GB,en;q=0.9")
    assert da.status_code == en.status_code == 422
    fields_da = {e["field"]: e for e in da.json()["errors"]}
    assert field in fields_da, da.json()
    assert fields_da[field]["message"] == fields_da[field]["message_da"]
    fields_en = {e["field"]: e for e in en.json()["errors"]}
    assert fields_en[field]["message"] == fields_en[field]["message_en"]
    assert fields_en[field]["message_da"] != fields_en[field]["message_en"]


def test_bad_clock_start(client: Client) -> None:
    response = _post(
        client, "/api/v1/plans/preview", {"facts": EXAMPLE, "clock_start": "2026-13-01"}
    )
    assert response.status_code == 422
    assert "clock_start" in response.json()["detail"]


def test_invalid_json_body(client: Client) -> None:
    response = client.post("/api/v1/eligibility", "{not json", content_type="application/json")
    assert response.status_code in (400, 422)


def test_plan_preview_explains_coordination_and_fitting(client: Client) -> None:
    battery = json.loads(
        (
            Path(__file__).resolve().parents[2]
            / "src/rodloeber/web/examples/battery_factory_park.json"
        ).read_text()
    )
    body = _post(
        client,
        "/api/v1/plans/preview",
        {"facts": battery, "clock_start": "2026-03-02", "n_samples": 500},
    ).json()
    assert body["cap_fit"]["needed"] is True and body["cap_fit"]["fits"] is True
    assert {m["code"] for m in body["measures"]} == set(body["cap_fit"]["chosen"])
    assert body["within_cap"] is True  # the plan shown is the one with the measures
    assert any(x["type"] in ("SS", "FF") for x in body["links"])
    assert body["risk_drivers"] and body["risk_drivers"][0]["text_en"]
    notes = {n["code"]: n for n in body["clock_exclusions"]}
    assert notes["nzia_eia_report_step"]["applied"] is False
