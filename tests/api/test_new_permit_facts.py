"""The trigger facts of the permits added in issue #15 item 7, through API and CLI.

The same JSON gives the same permits from ``POST /api/v1/navigator`` and
``rodloeber navigate``; a bad value is refused per field (422 / exit 2).
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

pytestmark = pytest.mark.django_db

FACTS = {
    "kind": "new",
    "new_buildings_m2": 8000,
    "site": {
        "kommune_kode": "0561",
        "zone": "byzone",
        "local_plan_allows_use": True,
        "municipal_plan_allows_use": True,
        "near_protected_line": True,
        "forest_reserve": False,
        "agricultural_obligation": False,
    },
    "new_road_access": True,
    "soil_or_groundwater_works": False,
    "watercourse_works": False,
    "coastal_or_seabed_works": True,
    "surplus_heat_delivery": True,
    "onsite_generation_mw": 60,
    "flammable_storage": True,
    "pharmaceutical_manufacturing": True,
    "gmo_contained_use": True,
    "stack_height_m": 110,
}
EXPECTED_REQUIRED = {
    "protection_line_dispensation",
    "road_access_permit",
    "seabed_works_permit",
    "heat_supply_project_approval",
    "electricity_production_licence",
    "flammable_storage_permit",
    "pharmaceutical_manufacturing_authorisation",
    "gmo_work_environment_approval",
    "gmo_production_approval",
    "aviation_obstacle_approval",
}


def _required(answer: dict) -> set[str]:
    return {p["code"] for p in answer["permits"] if p["certainty"] == "required"}


def test_api_and_cli_give_the_new_permits(client: Client, tmp_path: Path) -> None:
    api = client.post("/api/v1/navigator", json.dumps(FACTS), content_type="application/json")
    assert api.status_code == 200
    assert _required(api.json()) >= EXPECTED_REQUIRED
    codes = {p["code"] for p in api.json()["permits"]}
    assert not {"forest_reserve_release", "soil_groundwater_permit", "watercourse_permit"} & codes
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(FACTS))
    out = StringIO()
    call_command("navigate", str(path), stdout=out)
    assert json.loads(out.getvalue()) == api.json()


def test_bad_new_facts_are_refused_per_field(client: Client, tmp_path: Path) -> None:
    bad = {"stack_height_m": -5, "gmo_contained_use": "maybe", "site": {"forest_reserve": 1}}
    answer = client.post("/api/v1/navigator", json.dumps(bad), content_type="application/json")
    assert answer.status_code == 422
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"stack_height_m": -5}))
    with pytest.raises(CommandError) as exc:
        call_command("navigate", str(path), "--lang", "da", stdout=StringIO())
    assert exc.value.returncode == 2
    assert "stack_height_m" in str(exc.value) and "0 eller derover" in str(exc.value)
