"""Hypothesis strategies for ProjectFacts JSON (known and unknown values)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from rodloeber.domain.catalogue import load_catalogue

from .conftest import QUIET, merged

CAT = load_catalogue()
maybe_bool = st.none() | st.booleans()


@st.composite
def facts_data(draw: st.DrawFn) -> dict[str, Any]:
    """A ProjectFacts dict: QUIET with random overrides (None = delete = unknown)."""
    site = {
        "zone": draw(st.sampled_from([None, "byzone", "landzone", "sommerhusomraade"])),
        "in_industrial_park": draw(maybe_bool),
        "local_plan_allows_use": draw(maybe_bool),
        "local_plan_bonus_effect": draw(maybe_bool),
        "municipal_plan_allows_use": draw(maybe_bool),
        "natura2000_within_km": draw(st.none() | st.floats(0, 30, allow_nan=False)),
        "section3_nature_on_site": draw(maybe_bool),
        "beach_protection_zone": draw(maybe_bool),
        "contaminated_land": draw(maybe_bool),
        "archaeology_interest": draw(maybe_bool),
        "near_protected_line": draw(maybe_bool),
        "forest_reserve": draw(maybe_bool),
        "agricultural_obligation": draw(maybe_bool),
        "road_building_line": draw(maybe_bool),
    }
    substances = st.lists(
        st.fixed_dictionaries(
            {
                "name": st.sampled_from(["hydrogen", "ammonia", "methanol", "LNG", "xylene"]),
                "tonnes": st.floats(0, 500, allow_nan=False),
            }
        ),
        max_size=3,
    )
    overrides: dict[str, Any] = {
        "investment_dkk": draw(st.none() | st.integers(0, 5 * 10**9)),
        "kind": draw(st.sampled_from([None, "new", "expansion", "conversion"])),
        "net_zero_technology": draw(st.none() | st.sampled_from(sorted(CAT.nzia_technologies))),
        "nzia_strategic": draw(maybe_bool),
        "crma_strategic": draw(maybe_bool),
        "crma_stage": draw(st.sampled_from([None, "extraction", "processing", "recycling"])),
        "crma_already_in_permitting": draw(maybe_bool),
        "crma_extension_of_permitted": draw(maybe_bool),
        "crma_materials": draw(
            st.none() | st.lists(st.sampled_from(sorted(CAT.crma_materials)), max_size=3)
        ),
        "capacity_gw_per_year": draw(st.none() | st.floats(0, 5, allow_nan=False)),
        "foreign_investor": draw(maybe_bool),
        "sensitive_sector": draw(maybe_bool),
        "activities": draw(
            st.none() | st.lists(st.sampled_from(sorted(CAT.ied_listings)), max_size=2)
        ),
        "regular_environmental_inspection": draw(maybe_bool),
        "eia_annex": draw(st.sampled_from(["annex1", "annex2", "none", "unknown"])),
        "hazardous_substances": draw(st.none() | substances),
        "water_abstraction_m3_per_year": draw(st.none() | st.floats(0, 10**6, allow_nan=False)),
        "dewatering": draw(maybe_bool),
        "wastewater": draw(st.sampled_from([None, "recipient", "sewer", "none"])),
        "new_buildings_m2": draw(st.none() | st.floats(0, 10**5, allow_nan=False)),
        "ets_activities": draw(
            st.none() | st.lists(st.sampled_from(sorted(CAT.ets_activities)), max_size=2)
        ),
        "hydrogen_production_t_per_day": draw(st.none() | st.floats(0, 50, allow_nan=False)),
        "co2_storage": draw(maybe_bool),
        "grid_connection_mw": draw(st.none() | st.floats(0, 2000, allow_nan=False)),
        "hydrogen_installations": draw(maybe_bool),
        "new_road_access": draw(maybe_bool),
        "soil_or_groundwater_works": draw(maybe_bool),
        "watercourse_works": draw(maybe_bool),
        "coastal_or_seabed_works": draw(maybe_bool),
        "surplus_heat_delivery": draw(maybe_bool),
        "onsite_generation_mw": draw(st.none() | st.floats(0, 100, allow_nan=False)),
        "flammable_storage": draw(maybe_bool),
        "pharmaceutical_manufacturing": draw(maybe_bool),
        "gmo_contained_use": draw(maybe_bool),
        "stack_height_m": draw(st.none() | st.floats(0, 250, allow_nan=False)),
        "construction": draw(
            st.none()
            | st.fixed_dictionaries(
                {
                    "days": st.integers(0, 1000),
                    "peak_workers": st.integers(0, 500),
                    "person_days": st.integers(0, 100_000),
                }
            )
        ),
    }
    data = merged(QUIET, site=site)
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    for key, value in site.items():
        if value is None:
            data["site"].pop(key, None)
    return data
