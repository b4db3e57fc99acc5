"""Rules for the permits added in issue #15 item 7, table-driven.

Each row: facts (QUIET + overrides), permit code, expected certainty (None =
not in the answer) and the assumption field expected (None = not checked).
QUIET answers False / 0 to every trigger fact, so each row changes one thing.
"""

from __future__ import annotations

import pytest

from rodloeber.domain.navigator import navigate

from .conftest import facts_of

BUILD = {"new_buildings_m2": 500}
NO_BUILD = {"new_buildings_m2": 0, "kind": "expansion"}

CASES = [
    # Naturbeskyttelsesloven §§ 16-19: only when the project builds.
    (
        {"site": {"near_protected_line": True}, **BUILD},
        "protection_line_dispensation",
        "required",
        None,
    ),
    (
        {"site": {"near_protected_line": True}, **NO_BUILD},
        "protection_line_dispensation",
        None,
        None,
    ),
    (
        {"site": {"near_protected_line": None}, **BUILD},
        "protection_line_dispensation",
        "possible",
        "site.near_protected_line",
    ),
    ({"site": {"near_protected_line": False}, **BUILD}, "protection_line_dispensation", None, None),
    # Skovloven § 6.
    ({"site": {"forest_reserve": True}, **BUILD}, "forest_reserve_release", "required", None),
    (
        {"site": {"forest_reserve": None}, **BUILD},
        "forest_reserve_release",
        "possible",
        "site.forest_reserve",
    ),
    ({"site": {"forest_reserve": True}, **NO_BUILD}, "forest_reserve_release", None, None),
    # Landbrugsloven § 7: unknown is possible outside byzone, assumed none in byzone.
    (
        {"site": {"agricultural_obligation": True}},
        "agricultural_obligation_release",
        "required",
        None,
    ),
    (
        {"site": {"agricultural_obligation": None, "zone": "landzone"}},
        "agricultural_obligation_release",
        "possible",
        "site.agricultural_obligation",
    ),
    (
        {"site": {"agricultural_obligation": None, "zone": "byzone"}},
        "agricultural_obligation_release",
        None,
        "site.agricultural_obligation",
    ),
    # Vejloven § 49.
    ({"new_road_access": True}, "road_access_permit", "required", None),
    ({"new_road_access": None}, "road_access_permit", "possible", "new_road_access"),
    ({"new_road_access": False}, "road_access_permit", None, None),
    # Vejloven § 40: building in front of a road building line.
    (
        {"site": {"road_building_line": True}, **BUILD},
        "road_building_line_permit",
        "required",
        None,
    ),
    ({"site": {"road_building_line": True}, **NO_BUILD}, "road_building_line_permit", None, None),
    (
        {"site": {"road_building_line": None}, **BUILD},
        "road_building_line_permit",
        "possible",
        "site.road_building_line",
    ),
    # MBL § 19: unknown is possible when the project digs.
    ({"soil_or_groundwater_works": True}, "soil_groundwater_permit", "required", None),
    (
        {"soil_or_groundwater_works": None, **BUILD},
        "soil_groundwater_permit",
        "possible",
        "soil_or_groundwater_works",
    ),
    (
        {"soil_or_groundwater_works": None, **NO_BUILD},
        "soil_groundwater_permit",
        None,
        "soil_or_groundwater_works",
    ),
    # Vandløbsloven: unknown is possible near a (river) protection line.
    ({"watercourse_works": True}, "watercourse_permit", "required", None),
    (
        {"watercourse_works": None, "site": {"near_protected_line": True}},
        "watercourse_permit",
        "possible",
        "watercourse_works",
    ),
    ({"watercourse_works": None}, "watercourse_permit", None, "watercourse_works"),
    # Kystbeskyttelsesloven § 16 a: unknown is possible on the coast.
    ({"coastal_or_seabed_works": True}, "seabed_works_permit", "required", None),
    (
        {"coastal_or_seabed_works": None, "site": {"beach_protection_zone": True}},
        "seabed_works_permit",
        "possible",
        "coastal_or_seabed_works",
    ),
    ({"coastal_or_seabed_works": None}, "seabed_works_permit", None, "coastal_or_seabed_works"),
    # Varmeforsyningsloven § 4: unknown is possible for technologies with surplus heat.
    ({"surplus_heat_delivery": True}, "heat_supply_project_approval", "required", None),
    (
        {"surplus_heat_delivery": None, "net_zero_technology": "electrolysers_fuel_cells"},
        "heat_supply_project_approval",
        "possible",
        "surplus_heat_delivery",
    ),
    (
        {"surplus_heat_delivery": None},
        "heat_supply_project_approval",
        None,
        "surplus_heat_delivery",
    ),
    # Elforsyningsloven § 10: above 25 MW.
    ({"onsite_generation_mw": 30}, "electricity_production_licence", "required", None),
    ({"onsite_generation_mw": 25}, "electricity_production_licence", None, None),
    (
        {"onsite_generation_mw": None, "net_zero_technology": "solar"},
        "electricity_production_licence",
        "possible",
        "onsite_generation_mw",
    ),
    (
        {"onsite_generation_mw": None},
        "electricity_production_licence",
        None,
        "onsite_generation_mw",
    ),
    # Beredskabsloven: flammable liquids and gases.
    ({"flammable_storage": True}, "flammable_storage_permit", "required", None),
    ({"flammable_storage": None}, "flammable_storage_permit", "possible", "flammable_storage"),
    # Lægemiddelloven § 39: unknown is an assumption, never a permit.
    (
        {"pharmaceutical_manufacturing": True},
        "pharmaceutical_manufacturing_authorisation",
        "required",
        None,
    ),
    (
        {"pharmaceutical_manufacturing": None},
        "pharmaceutical_manufacturing_authorisation",
        None,
        "pharmaceutical_manufacturing",
    ),
    # GMO: both authorities; unknown is possible for biotech or medicines.
    ({"gmo_contained_use": True}, "gmo_work_environment_approval", "required", None),
    ({"gmo_contained_use": True}, "gmo_production_approval", "required", None),
    (
        {"gmo_contained_use": None, "pharmaceutical_manufacturing": True},
        "gmo_production_approval",
        "possible",
        "gmo_contained_use",
    ),
    (
        {"gmo_contained_use": None, "net_zero_technology": "biotech_climate_energy"},
        "gmo_work_environment_approval",
        "possible",
        "gmo_contained_use",
    ),
    ({"gmo_contained_use": None}, "gmo_production_approval", None, "gmo_contained_use"),
    # Luftfartshindringer: 100 m or more.
    ({"stack_height_m": 100}, "aviation_obstacle_approval", "required", None),
    ({"stack_height_m": 99.5}, "aviation_obstacle_approval", None, None),
    ({"stack_height_m": None}, "aviation_obstacle_approval", None, "stack_height_m"),
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
    if assumption is not None:
        assert assumption in {a.field for a in result.assumptions}


def test_unknown_never_makes_a_new_permit_required(catalogue):
    from rodloeber.domain.facts import parse_project_facts

    new = {c[1] for c in CASES}
    result = navigate(parse_project_facts({"new_buildings_m2": 1000}), catalogue)
    assert all(p.certainty == "possible" for p in result.permits if p.code in new)


def test_numbers_and_authorities_are_explained(catalogue, kommune_names):
    result = navigate(
        facts_of(onsite_generation_mw=40.5, stack_height_m=120, new_road_access=True),
        catalogue,
        kommune_names=kommune_names,
    )
    licence = result.get("electricity_production_licence")
    assert licence is not None and "40,5 MW" in licence.why and "25 MW" in licence.why_en
    assert licence.authority == "Energistyrelsen" and licence.authority_level == "state"
    obstacle = result.get("aviation_obstacle_approval")
    assert obstacle is not None and obstacle.authority == "Trafikstyrelsen"
    assert "120 m" in obstacle.why_en
    road = result.get("road_access_permit")
    assert road is not None and road.authority == "Esbjerg Kommune"


def test_gmo_needs_both_authorities(catalogue):
    result = navigate(facts_of(gmo_contained_use=True), catalogue)
    gmo = {p.authority_code for p in result.permits if p.code.startswith("gmo_")}
    assert gmo == {"AT", "MST"}
