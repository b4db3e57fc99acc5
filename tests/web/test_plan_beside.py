"""/procesplan lists possible permits and alternatives beside the plan (issue #15 item 8)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

FACTS = {
    "kind": "new",
    "site": {"kommune_kode": "0561", "zone": "landzone", "local_plan_allows_use": False},
    "new_buildings_m2": 900,
}


def _page(client: Client, lang: str) -> str:
    response = client.post(
        "/procesplan",
        {"facts": json.dumps(FACTS), "clock_start": "2026-03-02"},
        headers={"Cookie": f"django_language={lang}"},
    )
    assert response.status_code == 200
    return response.content.decode()


def test_alternative_and_possible_permits_beside_the_plan_in_danish(client: Client) -> None:
    body = _page(client, "da")
    beside = body.split('data-testid="beside-plan"', 1)[1].split("</ul>", 1)[0]
    assert "Ikke i planen" in body
    assert "Enten lokalplan eller landzonetilladelse" in beside
    assert "Hvis den er nødvendig" in beside
    table = body.split('data-testid="plan-table"', 1)[1]
    assert "Landzonetilladelse" not in table and "Lokalplan" in table


def test_beside_the_plan_in_english(client: Client) -> None:
    body = _page(client, "en")
    assert "Not in the plan: permits that may apply and alternatives" in body
    assert "Either local plan or rural zone permit" in body
    assert "If it is needed: decided by" in body
