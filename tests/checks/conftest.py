"""Fixtures for the check tests: answers for a full project, a second company."""

from __future__ import annotations

from typing import Any

import pytest

FULL = {
    1: {
        "title": "Elektrolyseanlæg Esbjerg",
        "kind": "new",
        "investment_dkk": "1.200.000.000",
        "net_zero_technology": "electrolysers_fuel_cells",
        "nzia_strategic": "no",
        "crma_strategic": "no",
        "crma_stage": "none",
        "capacity_gw_per_year": "1,2",
    },
    2: {
        "kommune": "0561",
        "zone": "landzone",
        "in_industrial_park": "no",
        "local_plan_allows_use": "no",
        "municipal_plan_allows_use": "yes",
        "natura2000_within_km": "1,5",
        "section3_nature_on_site": "no",
        "beach_protection_zone": "no",
        "contaminated_land": "no",
        "archaeology_interest": "unknown",
    },
    3: {
        "activities": ["bilag1:4.2.a"],
        "eia_annex": "annex1",
        "hazardous": "yes",
        "haz_hydrogen": "60",
        "water_abstraction_m3_per_year": "150.000",
        "dewatering": "yes",
        "wastewater": "recipient",
        "new_buildings_m2": "40.000",
        "ets_activities": ["hydrogen_production_over_25t_per_day"],
        "co2_storage": "no",
        "grid_connection_mw": "1200",
        "hydrogen_installations": "yes",
    },
    4: {"foreign_investor": "yes", "investor_country": "de", "sensitive_sector": "yes"},
    5: {"construction_days": "540", "construction_peak_workers": "250"},
}


@pytest.fixture
def full_answers() -> dict[int, dict[str, Any]]:
    return {k: dict(v) for k, v in FULL.items()}


@pytest.fixture
def other_company(db: Any) -> Any:
    from rodloeber.accounts.services import company_create

    return company_create(actor=None, cvr="90000055", name="Andenfabrikken ApS (test)")
