"""Each navigator rule: required, possible (with an assumption) and not needed."""

from __future__ import annotations

import pytest

from rodloeber.domain.navigator import RULES, navigate

from .conftest import facts_of


def test_quiet_baseline_needs_nothing(catalogue):
    result = navigate(facts_of(), catalogue)
    assert result.permits == ()
    assert result.assumptions == ()
    assert result.catalogue_version == catalogue.version


def test_all_unknown_is_never_a_dead_end(catalogue):
    from rodloeber.domain.facts import parse_project_facts

    result = navigate(parse_project_facts({}), catalogue)
    assert result.permits, "unknown facts must give possible permits"
    assert all(p.certainty == "possible" for p in result.permits)
    assert len(result.assumptions) >= 10
    for a in result.assumptions:
        assert a.text.da and a.text.en and a.field


# (overrides, permit code, expected certainty or None, expected assumption field or None)
REQ = "required"
CASES = [
    ({"activities": ["bilag1:4.2.a"]}, "environmental_approval", "required", None),
    ({"activities": ["bilag2:A202"]}, "environmental_approval", "required", None),
    ({"activities": None}, "environmental_approval", "possible", "activities"),
    ({"activities": ["bilag1:9.9"]}, "environmental_approval", "required", "activities"),
    ({"eia_annex": "annex1"}, "eia_permit", "required", None),
    ({"eia_annex": "annex2"}, "eia_screening", "required", None),
    ({"eia_annex": "annex2"}, "eia_permit", "possible", None),
    ({"eia_annex": "unknown"}, "eia_screening", "possible", "eia_annex"),
    ({"eia_annex": "none"}, "eia_screening", None, None),
    ({"site": {"local_plan_allows_use": False}}, "local_plan", "required", None),
    (
        {"site": {"local_plan_allows_use": None}},
        "local_plan",
        "possible",
        "site.local_plan_allows_use",
    ),
    (
        {"site": {"local_plan_allows_use": False, "municipal_plan_allows_use": False}},
        "municipal_plan_supplement",
        "required",
        None,
    ),
    (
        {"site": {"local_plan_allows_use": False, "municipal_plan_allows_use": None}},
        "municipal_plan_supplement",
        "possible",
        "site.municipal_plan_allows_use",
    ),
    # a new lokalplan and a rural zone permit are alternatives, not both required
    (
        {"site": {"zone": "landzone", "local_plan_allows_use": False}, "new_buildings_m2": 500},
        "rural_zone_permit",
        "possible",
        None,
    ),
    (
        {"site": {"zone": "landzone", "local_plan_allows_use": False}, "new_buildings_m2": 500},
        "local_plan",
        "required",
        None,
    ),
    (
        {
            "site": {
                "zone": "landzone",
                "local_plan_allows_use": True,
                "local_plan_bonus_effect": False,
            },
            "new_buildings_m2": 500,
        },
        "rural_zone_permit",
        "required",
        None,
    ),
    (
        {"site": {"zone": "landzone", "local_plan_bonus_effect": True}, "new_buildings_m2": 500},
        "rural_zone_permit",
        None,
        None,
    ),
    (
        {"site": {"zone": "landzone"}, "new_buildings_m2": 500},
        "rural_zone_permit",
        "possible",
        "site.local_plan_bonus_effect",
    ),
    (
        {"site": {"zone": None}, "new_buildings_m2": 500},
        "rural_zone_permit",
        "possible",
        "site.zone",
    ),
    ({"site": {"zone": "landzone"}, "new_buildings_m2": 0}, "rural_zone_permit", None, None),
    ({"new_buildings_m2": 1200}, "building_permit", "required", None),
    ({"new_buildings_m2": None}, "building_permit", "possible", "new_buildings_m2"),
    ({"kind": "conversion"}, "building_permit", "possible", None),
    ({"wastewater": "recipient"}, "discharge_permit", "required", None),
    ({"wastewater": "sewer"}, "sewer_connection_permit", "required", None),
    ({"wastewater": None}, "sewer_connection_permit", "possible", "wastewater"),
    ({"water_abstraction_m3_per_year": 50000}, "water_abstraction_permit", "required", None),
    (
        {"water_abstraction_m3_per_year": None},
        "water_abstraction_permit",
        "possible",
        "water_abstraction_m3_per_year",
    ),
    ({"dewatering": True}, "dewatering_permit", "required", None),
    ({"dewatering": None, "new_buildings_m2": 100}, "dewatering_permit", "possible", "dewatering"),
    (
        {"hazardous_substances": [{"name": "hydrogen", "tonnes": 60}]},
        "seveso_risk",
        "required",
        None,
    ),
    ({"hazardous_substances": [{"name": "brint", "tonnes": 6}]}, "seveso_risk", "required", None),
    ({"hazardous_substances": [{"name": "hydrogen", "tonnes": 4}]}, "seveso_risk", None, None),
    (
        {
            "hazardous_substances": [
                {"name": "hydrogen", "tonnes": 3},
                {"name": "ammonia", "tonnes": 25},
            ]
        },
        "seveso_risk",
        "required",
        None,
    ),
    (
        {"hazardous_substances": [{"name": "unobtainium", "tonnes": 1}]},
        "seveso_risk",
        "possible",
        "hazardous_substances",
    ),
    ({"hazardous_substances": None}, "seveso_risk", "possible", "hazardous_substances"),
    ({"site": {"natura2000_within_km": 0.3}}, "natura2000_assessment", "required", None),
    ({"site": {"natura2000_within_km": 3.0}}, "natura2000_assessment", "possible", None),
    (
        {"site": {"natura2000_within_km": None}},
        "natura2000_assessment",
        "possible",
        "site.natura2000_within_km",
    ),
    ({"site": {"section3_nature_on_site": True}}, "nature_dispensation", "required", None),
    (
        {"site": {"section3_nature_on_site": None}},
        "nature_dispensation",
        "possible",
        "site.section3_nature_on_site",
    ),
    ({"site": {"beach_protection_zone": True}}, "coastal_dispensation", "required", None),
    (
        {"site": {"beach_protection_zone": None}},
        "coastal_dispensation",
        "possible",
        "site.beach_protection_zone",
    ),
    (
        {"site": {"contaminated_land": True}, "new_buildings_m2": 10},
        "contaminated_land_permit",
        "required",
        None,
    ),
    (
        {"site": {"contaminated_land": True}, "new_buildings_m2": 0},
        "contaminated_land_permit",
        None,
        None,
    ),
    (
        {"site": {"contaminated_land": None}, "new_buildings_m2": 10},
        "contaminated_land_permit",
        "possible",
        "site.contaminated_land",
    ),
    (
        {"site": {"archaeology_interest": True}, "new_buildings_m2": 10},
        "archaeology",
        "required",
        None,
    ),
    ({"site": {"archaeology_interest": True}, "dewatering": True}, "archaeology", "required", None),
    (
        {"site": {"archaeology_interest": None}, "new_buildings_m2": 10},
        "archaeology",
        "possible",
        "site.archaeology_interest",
    ),
    ({"construction": {"days": 45, "peak_workers": 20}}, "site_notification", "required", None),
    (
        {"construction": {"days": 400, "peak_workers": 3, "person_days": 1200}},
        "site_notification",
        "required",
        None,
    ),
    ({"construction": {"days": 200, "peak_workers": 5}}, "site_notification", "possible", None),
    ({"construction": {"days": 30, "peak_workers": 10}}, "site_notification", None, None),
    (
        {"construction": None, "new_buildings_m2": 10},
        "site_notification",
        "possible",
        "construction",
    ),
    ({"ets_activities": ["combustion_over_20mw"]}, "ets_permit", "required", None),
    # ETS by quantity: hydrogen production above the catalogue threshold (5 t/day)
    ({"ets_activities": [], "hydrogen_production_t_per_day": 6}, "ets_permit", "required", None),
    ({"ets_activities": None, "hydrogen_production_t_per_day": 5.5}, "ets_permit", REQ, None),
    ({"ets_activities": [], "hydrogen_production_t_per_day": 5}, "ets_permit", None, None),
    ({"ets_activities": [], "hydrogen_production_t_per_day": 0.5}, "ets_permit", None, None),
    (
        {"ets_activities": ["hydrogen_production_over_25t_per_day"]},
        "ets_permit",
        "required",
        None,
    ),
    (
        {"ets_activities": None, "activities": ["bilag1:4.2.a"]},
        "ets_permit",
        "possible",
        "ets_activities",
    ),
    ({"grid_connection_mw": 50}, "grid_connection", "required", None),
    ({"crma_stage": "extraction"}, "raw_material_extraction_permit", REQ, None),
    ({"crma_stage": "recycling"}, "raw_material_extraction_permit", None, None),
    ({"grid_connection_mw": None}, "grid_connection", "possible", "grid_connection_mw"),
    ({"hydrogen_installations": True}, "hydrogen_gas_safety", "required", None),
    (
        {"hydrogen_installations": None, "net_zero_technology": "electrolysers_fuel_cells"},
        "hydrogen_gas_safety",
        "possible",
        "hydrogen_installations",
    ),
    ({"co2_storage": True}, "co2_storage_permit", "required", None),
    (
        {"co2_storage": None, "net_zero_technology": "carbon_capture_storage"},
        "co2_storage_permit",
        "possible",
        "co2_storage",
    ),
    (
        {"foreign_investor": True, "investor_country": "CN", "sensitive_sector": True},
        "fdi_screening",
        "required",
        None,
    ),
    (
        {"foreign_investor": True, "investor_country": "US", "sensitive_sector": False},
        "fdi_screening",
        "possible",
        None,
    ),
    (
        {"foreign_investor": True, "net_zero_technology": "grid_technologies"},
        "fdi_screening",
        "required",
        "sensitive_sector",
    ),
    ({"foreign_investor": None}, "fdi_screening", "possible", "foreign_investor"),
]


@pytest.mark.parametrize(("overrides", "code", "certainty", "assumption"), CASES)
def test_rule(catalogue, overrides, code, certainty, assumption):
    result = navigate(facts_of(**overrides), catalogue)
    permit = result.get(code)
    if certainty is None:
        assert permit is None, permit
    else:
        assert permit is not None, result.codes()
        assert permit.certainty == certainty
        assert permit.why and permit.why_en and permit.legal_basis
        assert permit.rules
    if assumption is not None:
        assert assumption in {a.field for a in result.assumptions}


def test_every_rule_is_exercised():
    from .test_navigator_permits import CASES as PERMIT_CASES

    assert len(RULES) == 34
    covered = {c[1] for c in CASES} | {c[1] for c in PERMIT_CASES}
    from rodloeber.domain.catalogue import load_catalogue

    cat = load_catalogue()
    for rule in cat.navigator_rules.values():
        assert set(rule.permits) & covered, rule.code


def test_authority_resolution(catalogue, kommune_names):
    state = navigate(
        facts_of(activities=["bilag1:4.2.a"], eia_annex="annex1"),
        catalogue,
        kommune_names=kommune_names,
    )
    approval = state.get("environmental_approval")
    assert (approval.authority_level, approval.authority, approval.authority_code) == (
        "state",
        "Miljøstyrelsen",
        "MST",
    )
    assert state.get("eia_permit").authority == "Miljøstyrelsen"
    assert approval.service_target_days == 200
    municipal = navigate(
        facts_of(activities=["bilag2:A202"]), catalogue, kommune_names=kommune_names
    )
    approval = municipal.get("environmental_approval")
    assert approval.authority == "Esbjerg Kommune"
    assert approval.authority_en == "Esbjerg Municipality"
    assert approval.authority_code == "0561"
    assert approval.service_target_days == 130
    cph = navigate(
        facts_of(new_buildings_m2=10, site={"kommune_kode": "0101"}),
        catalogue,
        kommune_names=kommune_names,
    )
    assert cph.get("building_permit").authority == "Københavns Kommune"
    unnamed = navigate(facts_of(new_buildings_m2=10), catalogue)
    assert unnamed.get("building_permit").authority == "Kommunen (kode 0561)"
    coastal = navigate(facts_of(site={"beach_protection_zone": True}), catalogue)
    assert coastal.get("coastal_dispensation").authority == "Kystdirektoratet"


def test_dependencies_are_reduced_to_the_set(catalogue):
    result = navigate(
        facts_of(eia_annex="annex2", new_buildings_m2=100, site={"local_plan_allows_use": False}),
        catalogue,
    )
    assert result.get("eia_permit").depends_on == ("eia_screening",)
    # building_permit depends on eia_permit (possible) and local_plan; not on absent permits
    assert set(result.get("building_permit").depends_on) == {"local_plan", "eia_permit"}
    only_building = navigate(facts_of(new_buildings_m2=100), catalogue)
    assert only_building.get("building_permit").depends_on == ()


def test_to_dict_matches_contract(catalogue):
    result = navigate(facts_of(activities=["bilag1:4.2.a"], eia_annex="annex1"), catalogue)
    data = result.to_dict()
    assert set(data) >= {"permits", "assumptions", "catalogue_version"}
    contract = {
        "code",
        "name_da",
        "name_en",
        "authority_level",
        "authority",
        "legal_basis",
        "service_target_days",
        "depends_on",
        "certainty",
        "why",
    }
    for item in data["permits"]:
        assert contract <= set(item)
        assert item["certainty"] in {"required", "possible"}
        assert item["why_en"]
    import json

    json.dumps(data)


def test_ets_by_quantity_explains_threshold_and_source(catalogue):
    facts = facts_of(ets_activities=[], hydrogen_production_t_per_day=12.5)
    permit = navigate(facts, catalogue).get("ets_permit")
    assert permit is not None
    assert "12,5 tons pr. døgn" in permit.why and "5 tons pr. døgn" in permit.why
    assert "12.5 tonnes per day" in permit.why_en and "2023/959" in permit.why_en


def test_ets_threshold_lives_in_the_catalogue(catalogue):
    act = catalogue.ets_activities["hydrogen_production"]
    assert (act.threshold, act.threshold_fact) == (5.0, "hydrogen_production_t_per_day")
    assert act.verified and "2023/959" in act.legal_basis


@pytest.mark.parametrize(
    ("code", "dagi", "da", "en"),
    [
        ("0561", "Esbjerg", "Esbjerg Kommune", "Esbjerg Municipality"),
        ("0101", "København", "Københavns Kommune", "City of Copenhagen"),
        ("0169", "Høje Taastrup", "Høje-Taastrup Kommune", "Høje-Taastrup Municipality"),
        ("0400", "Bornholm", "Bornholms Regionskommune", "Bornholm Regional Municipality"),
        ("0147", "Frederiksberg", "Frederiksberg Kommune", "Frederiksberg Municipality"),
    ],
)
def test_official_municipality_names(catalogue, code, dagi, da, en):
    assert catalogue.municipality_name(code, dagi) == (da, en)
    facts = facts_of(new_buildings_m2=10, site={"kommune_kode": code})
    permit = navigate(facts, catalogue, kommune_names={code: dagi}).get("building_permit")
    assert (permit.authority, permit.authority_en) == (da, en)


# (kommune, CRMA stage, extraction permit?, EIA authority level, EIA authority name)
REGION_CASES = [
    ("0561", "extraction", True, "regional", "Region Syddanmark (regionsrådet)"),
    ("0851", "extraction", True, "regional", "Region Nordjylland (regionsrådet)"),
    ("0101", "extraction", True, "regional", "Region Hovedstaden (regionsrådet)"),
    ("0561", "processing", False, "municipal", "Esbjerg Kommune"),
    ("0561", None, False, "municipal", "Esbjerg Kommune"),
]


@pytest.mark.parametrize(("kode", "stage", "permit", "level", "name"), REGION_CASES)
def test_extraction_goes_to_the_region(catalogue, kode, stage, permit, level, name):
    facts = facts_of(crma_stage=stage, eia_annex="annex1", site={"kommune_kode": kode})
    result = navigate(facts, catalogue, kommune_names={kode: "Esbjerg"})
    extraction = result.get("raw_material_extraction_permit")
    assert (extraction is not None) is permit
    if extraction is not None:
        assert extraction.certainty == "required" and extraction.authority_level == "regional"
        assert extraction.authority == name and "råstofloven § 7" in extraction.legal_basis.lower()
        assert set(extraction.depends_on) == {"eia_permit"}
    eia = result.get("eia_permit")
    assert (eia.authority_level, eia.authority) == (level, name)


def test_region_unknown_without_municipality(catalogue):
    facts = facts_of(crma_stage="extraction", site={"kommune_kode": None})
    permit = navigate(facts, catalogue).get("raw_material_extraction_permit")
    assert permit.authority_level == "regional" and permit.authority_code is None
    assert "regionsrådet" in permit.authority.lower()


def test_rural_zone_permit_is_the_alternative_to_a_new_local_plan(catalogue):
    facts = facts_of(
        site={"zone": "landzone", "local_plan_allows_use": False}, new_buildings_m2=500
    )
    permits = navigate(facts, catalogue)
    rural = permits.get("rural_zone_permit")
    assert rural.certainty == "possible" and rural.details == {"alternative_to": "local_plan"}
    assert "§ 45" in rural.why and "s. 45" in rural.why_en
    assert permits.get("local_plan").certainty == "required"
