"""Shared fixtures for domain tests: a quiet baseline and kommune names."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from rodloeber.domain.catalogue import Catalogue, load_catalogue
from rodloeber.domain.facts import ProjectFacts, parse_project_facts

# The bundled DAGI municipalities (read as a file: domain tests stay Django-free).
KOMMUNER = Path(__file__).resolve().parents[2] / "src/rodloeber/layers/data/kommuner.geojson"

# Every fact known, nothing triggers a permit.
QUIET: dict[str, Any] = {
    "title": "Quiet baseline",
    "investment_dkk": 50_000_000,
    "kind": "new",
    "net_zero_technology": None,
    "nzia_strategic": False,
    "crma_strategic": False,
    "crma_stage": None,
    "capacity_gw_per_year": None,
    "foreign_investor": False,
    "site": {
        "kommune_kode": "0561",
        "zone": "byzone",
        "in_industrial_park": False,
        "local_plan_allows_use": True,
        "municipal_plan_allows_use": True,
        "natura2000_within_km": 20.0,
        "section3_nature_on_site": False,
        "beach_protection_zone": False,
        "contaminated_land": False,
        "archaeology_interest": False,
        "near_protected_line": False,
        "forest_reserve": False,
        "agricultural_obligation": False,
        "road_building_line": False,
    },
    "activities": [],
    "regular_environmental_inspection": True,
    "eia_annex": "none",
    "hazardous_substances": [],
    "water_abstraction_m3_per_year": 0,
    "dewatering": False,
    "wastewater": "none",
    "new_buildings_m2": 0,
    "ets_activities": [],
    "co2_storage": False,
    "grid_connection_mw": 0,
    "hydrogen_installations": False,
    "new_road_access": False,
    "soil_or_groundwater_works": False,
    "watercourse_works": False,
    "coastal_or_seabed_works": False,
    "surplus_heat_delivery": False,
    "onsite_generation_mw": 0,
    "flammable_storage": False,
    "pharmaceutical_manufacturing": False,
    "gmo_contained_use": False,
    "stack_height_m": 0,
    "construction": {"days": 10, "peak_workers": 5},
}


def merged(base: Mapping[str, Any], **overrides: Any) -> dict[str, Any]:
    """Copy ``base`` with ``overrides``; ``site`` is merged key by key; None deletes."""
    data = copy.deepcopy(dict(base))
    for key, value in overrides.items():
        if key == "site" and isinstance(value, Mapping):
            site = dict(data.get("site", {}))
            for k, v in value.items():
                if v is None:
                    site.pop(k, None)
                else:
                    site[k] = v
            data["site"] = site
        elif value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def facts_of(**overrides: Any) -> ProjectFacts:
    """Parsed facts: QUIET + overrides."""
    return parse_project_facts(merged(QUIET, **overrides))


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="session")
def kommune_names() -> dict[str, str]:
    """DAGI names from the bundled municipality file (the repo stands on its own)."""
    data = json.loads(KOMMUNER.read_text(encoding="utf-8"))
    return {f["properties"]["kode"]: f["properties"]["navn"] for f in data["features"]}
