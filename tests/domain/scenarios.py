"""Table of end-to-end scenarios (navigator + eligibility + binding cap)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .conftest import QUIET, merged

ELECTROLYSER_1_2_GW = merged(
    QUIET,
    title="1.2 GW electrolyser plant, foreign parent, landzone",
    investment_dkk=1_200_000_000,
    net_zero_technology="electrolysers_fuel_cells",
    capacity_gw_per_year=1.2,
    foreign_investor=True,
    investor_country="DE",
    site={"zone": "landzone", "local_plan_allows_use": False, "natura2000_within_km": 1.5},
    activities=["bilag1:4.2.a"],
    eia_annex="annex1",
    hazardous_substances=[{"name": "hydrogen", "tonnes": 60}],
    water_abstraction_m3_per_year=150_000,
    dewatering=True,
    wastewater="recipient",
    new_buildings_m2=40_000,
    ets_activities=["hydrogen_production_over_25t_per_day"],
    grid_connection_mw=1200,
    hydrogen_installations=True,
    construction={"days": 540, "peak_workers": 250},
)

BATTERY_0_4_GW_PARK = merged(
    QUIET,
    title="0.4 GW battery factory in an industrial park",
    investment_dkk=2_500_000_000,
    net_zero_technology="battery_energy_storage",
    capacity_gw_per_year=0.4,
    site={"in_industrial_park": True, "kommune_kode": "0615"},
    activities=["bilag1:battery_manufacturing"],
    eia_annex="annex2",
    wastewater="sewer",
    new_buildings_m2=60_000,
    grid_connection_mw=150,
    construction={"days": 400, "peak_workers": 300},
)

CRMA_RECYCLING = merged(
    QUIET,
    title="Strategic CRMA battery recycling plant",
    investment_dkk=400_000_000,
    crma_strategic=True,
    crma_stage="recycling",
    activities=["bilag1:5.1"],
    eia_annex="annex2",
    new_buildings_m2=15_000,
    wastewater="sewer",
    construction={"days": 300, "peak_workers": 60},
)

SMALL_EXPANSION_PARK = merged(
    QUIET,
    title="DKK 60m expansion in byzone, municipal permits only",
    investment_dkk=60_000_000,
    kind="expansion",
    site={"in_industrial_park": True, "kommune_kode": "0751"},
    activities=["bilag2:A202"],
    wastewater="sewer",
    new_buildings_m2=3_000,
    construction={"days": 25, "peak_workers": 12},
)


@dataclass(frozen=True)
class Scenario:
    name: str
    facts: dict[str, Any]
    eligible: bool
    met: frozenset[str]
    months: int | None
    regime: str | None
    required: frozenset[str] = frozenset()
    absent: frozenset[str] = frozenset()
    applies: frozenset[str] = field(default_factory=frozenset)
    possibly_shorter: frozenset[str] = frozenset()


def s(
    name: str,
    facts: dict[str, Any],
    eligible: bool,
    met: str,
    months: int | None,
    regime: str | None,
    required: str = "",
    absent: str = "",
    applies: str = "",
    shorter: str = "",
) -> Scenario:
    def split(text: str) -> frozenset[str]:
        return frozenset(text.split())

    return Scenario(
        name,
        facts,
        eligible,
        split(met),
        months,
        regime,
        split(required),
        split(absent),
        split(applies),
        split(shorter),
    )


SCENARIOS = [
    s(
        "electrolyser_1_2gw_foreign_landzone",
        ELECTROLYSER_1_2_GW,
        True,
        "A B1 B2",
        18,
        "nzia_9_1_ge_1gw",
        required="environmental_approval eia_permit local_plan building_permit "
        "seveso_risk discharge_permit water_abstraction_permit dewatering_permit ets_permit "
        "grid_connection hydrogen_gas_safety fdi_screening site_notification",
        absent="coastal_dispensation nature_dispensation municipal_plan_supplement",
        applies="l206_default nzia_9_1_ge_1gw",
    ),
    s(
        "battery_0_4gw_industrial_park",
        BATTERY_0_4_GW_PARK,
        True,
        "A B1 C",  # B2 rests on an unconfirmed (s) mark: may apply (ADR 0032)
        12,
        "nzia_9_1_lt_1gw",
        required="environmental_approval eia_screening building_permit "
        "sewer_connection_permit grid_connection site_notification",
        absent="rural_zone_permit local_plan fdi_screening",
        applies="l206_default nzia_9_1_lt_1gw",
    ),
    s(
        "crma_recycling_strategic",
        CRMA_RECYCLING,
        True,
        "A B1",  # B2 may apply (unconfirmed (s) mark)
        15,
        "crma_11_1_processing_recycling",
        required="environmental_approval eia_screening",
        applies="crma_11_1_processing_recycling l206_default",
        shorter="crma_11_2_processing_recycling",
    ),
    s(
        "dkk60m_expansion_byzone_park_simple",
        SMALL_EXPANSION_PARK,
        True,
        "C",
        18,
        "l206_default",
        required="environmental_approval sewer_connection_permit building_permit",
        absent="site_notification eia_permit",
        applies="l206_default l206_simple",
        shorter="l206_simple",  # unverified: shown as "may be shorter", never the cap
    ),
    s(
        "dkk60m_expansion_outside_park_not_eligible",
        merged(SMALL_EXPANSION_PARK, site={"in_industrial_park": False}),
        False,
        "",
        None,
        None,
    ),
    s(
        "dkk60m_expansion_with_eia_not_simple",
        merged(SMALL_EXPANSION_PARK, eia_annex="annex1"),
        True,
        "C",
        18,
        "l206_default",
        required="eia_permit",
    ),
    s(
        "possible_state_permit_makes_simple_unknown",
        merged(SMALL_EXPANSION_PARK, site={"beach_protection_zone": None}),
        True,
        "C",
        18,
        "l206_default",
        shorter="l206_simple",
    ),
    s(
        "nzia_strategic_below_1gw",
        merged(BATTERY_0_4_GW_PARK, nzia_strategic=True),
        True,
        "A B1 C",  # B2 may apply (unconfirmed rule)
        9,
        "nzia_16_lt_1gw",
        applies="nzia_16_lt_1gw nzia_9_1_lt_1gw",
    ),
    s(
        "nzia_strategic_above_1gw",
        merged(ELECTROLYSER_1_2_GW, nzia_strategic=True),
        True,
        "A B1 B2",
        12,
        "nzia_16_ge_1gw",
        applies="nzia_16_ge_1gw nzia_9_1_ge_1gw l206_default",
    ),
    s(
        "nzia_strategic_not_in_gw_with_co2_storage",
        merged(
            QUIET,
            net_zero_technology="carbon_capture_storage",
            nzia_strategic=True,
            co2_storage=True,
            investment_dkk=3_000_000_000,
            eia_annex="annex1",
        ),
        True,
        "A B1",  # B2 may apply (unconfirmed rule)
        12,
        "nzia_16_ge_1gw",
        required="co2_storage_permit eia_permit",
        applies="nzia_16_co2_storage nzia_9_2_not_gw nzia_16_ge_1gw",
    ),
    s(
        "heat_pumps_not_measured_in_gw",
        merged(QUIET, net_zero_technology="heat_pumps_geothermal", new_buildings_m2=8000),
        True,
        "A",
        18,
        "nzia_9_2_not_gw",
        required="building_permit",
        applies="nzia_9_2_not_gw l206_default",
        shorter="l206_simple",
    ),
    s(
        "crma_extraction_l206_shorter",
        merged(
            QUIET,
            crma_strategic=True,
            crma_stage="extraction",
            eia_annex="annex1",
            investment_dkk=900_000_000,
            activities=["bilag1:2.5.a"],
            new_buildings_m2=2000,
        ),
        True,
        "A B1",  # B2 may apply (unconfirmed rule)
        18,
        "l206_default",
        applies="crma_11_1_extraction",
        shorter="",
    ),
    s(
        "crma_extraction_already_in_permitting",
        merged(
            QUIET,
            crma_strategic=True,
            crma_stage="extraction",
            crma_already_in_permitting=True,
            eia_annex="annex1",
            activities=["bilag1:2.5.a"],
            new_buildings_m2=2000,
        ),
        True,
        "A",  # B2 may apply (unconfirmed rule)
        18,
        "l206_default",
        applies="crma_11_1_extraction crma_11_2_extraction",
    ),
    s(
        "crma_processing_expansion",
        merged(
            QUIET,
            crma_strategic=True,
            crma_stage="processing",
            kind="expansion",
            crma_already_in_permitting=True,
            activities=["bilag1:2.5.a"],
        ),
        True,
        "A",
        12,
        "crma_11_2_processing_recycling",
        required="environmental_approval",
        applies="crma_11_2_processing_recycling",
    ),
    s(
        "crma_stage_without_strategic_status",
        merged(
            QUIET,
            crma_stage="processing",
            crma_materials=["natural_graphite"],
            activities=["bilag2:A202"],
        ),
        True,
        "A",
        18,
        "l206_default",
        shorter="l206_simple",
        absent="ets_permit",
    ),
    s(
        "crma_stage_with_no_listed_material",
        merged(QUIET, crma_stage="processing", crma_materials=[], activities=["bilag2:A202"]),
        False,
        "",
        None,
        None,
    ),
    s("all_unknown", {}, False, "", None, None, shorter="l206_default l206_simple"),
    s(
        "conventional_factory_dkk500m_state_listing",
        merged(
            QUIET,
            investment_dkk=500_000_000,
            activities=["bilag1:4.1.b"],
            new_buildings_m2=20000,
            site={"local_plan_allows_use": False, "municipal_plan_allows_use": False},
        ),
        True,
        "B1",  # 4.1.b (s) mark unconfirmed: B2 may apply
        18,
        "l206_default",
        required="local_plan municipal_plan_supplement environmental_approval building_permit",
        shorter="",
    ),
    s(
        "heat_pump_factory_eu_investor",
        merged(
            QUIET,
            net_zero_technology="heat_pumps_geothermal",
            capacity_gw_per_year=0.2,
            foreign_investor=True,
            investor_country="SE",
            investment_dkk=150_000_000,
        ),
        True,
        "A B1",
        12,
        "nzia_9_1_lt_1gw",
        absent="fdi_screening_required",
    ),
    s(
        "coastal_hydrogen_store_lower_tier",
        merged(
            QUIET,
            hazardous_substances=[{"name": "H2", "tonnes": 6}],
            new_buildings_m2=200,
            site={"beach_protection_zone": True},
        ),
        # B2 rests on the coastal dispensation (Kystdirektoratet, NBL § 65 b,
        # confirmed Dec 2026) and the building permit: met.
        True,
        "B2",
        18,
        "l206_default",
        required="seveso_risk coastal_dispensation building_permit",
    ),
    s(
        "landzone_with_bonus_local_plan",
        merged(
            QUIET, new_buildings_m2=5000, site={"zone": "landzone", "local_plan_bonus_effect": True}
        ),
        False,
        "",
        None,
        None,
        required="building_permit",
        absent="rural_zone_permit",
    ),
    s(
        "natura2000_and_section3_on_site",
        merged(
            QUIET,
            new_buildings_m2=100,
            site={"natura2000_within_km": 0.0, "section3_nature_on_site": True},
        ),
        False,
        "",
        None,
        None,
        required="natura2000_assessment nature_dispensation building_permit",
    ),
    s(
        "investment_exactly_100m",
        merged(QUIET, investment_dkk=100_000_000),
        True,
        "B1",
        18,
        "l206_default",
        shorter="l206_simple",
    ),
    s(
        "investment_just_below_100m",
        merged(QUIET, investment_dkk=99_999_999),
        False,
        "",
        None,
        None,
    ),
    s(
        "contaminated_archaeology_site",
        merged(
            QUIET,
            new_buildings_m2=900,
            site={"contaminated_land": True, "archaeology_interest": True},
            investment_dkk=120_000_000,
        ),
        True,
        "B1",
        18,
        "l206_default",
        required="contaminated_land_permit archaeology building_permit",
        shorter="l206_simple",
    ),
]
