"""ProjectFacts parsing: contract example, unknowns, per-field errors, round trip."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rodloeber.domain.errors import DomainError
from rodloeber.domain.facts import FactsError, ProjectFacts, Site, parse_project_facts

from .conftest import QUIET, merged

CONTRACT_EXAMPLE = {
    "title": "Electrolyser factory Esbjerg",
    "investment_dkk": 1200000000,
    "kind": "new",
    "net_zero_technology": "electrolysers_fuel_cells",
    "nzia_strategic": False,
    "crma_strategic": False,
    "crma_stage": None,
    "capacity_gw_per_year": 1.2,
    "foreign_investor": True,
    "investor_country": "DE",
    "site": {
        "kommune_kode": "0561",
        "point": [8.45, 55.47],
        "zone": "landzone",
        "in_industrial_park": False,
        "local_plan_allows_use": False,
        "municipal_plan_allows_use": True,
        "natura2000_within_km": 1.5,
        "section3_nature_on_site": False,
        "beach_protection_zone": False,
        "contaminated_land": False,
        "archaeology_interest": False,
    },
    "activities": ["bilag1:4.2.a"],
    "eia_annex": "annex1",
    "hazardous_substances": [{"name": "hydrogen", "tonnes": 60}],
    "water_abstraction_m3_per_year": 150000,
    "dewatering": True,
    "wastewater": "recipient",
    "new_buildings_m2": 40000,
    "ets_activities": ["hydrogen_production_over_25t_per_day"],
    "co2_storage": False,
    "grid_connection_mw": 1200,
    "hydrogen_installations": True,
    "construction": {"days": 540, "peak_workers": 250},
}


def test_contract_example_parses():
    facts = parse_project_facts(CONTRACT_EXAMPLE)
    assert facts.site.kommune_kode == "0561"
    assert facts.site.point == (8.45, 55.47)
    assert facts.hazardous_substances[0].tonnes == 60.0
    assert facts.activities == ("bilag1:4.2.a",)
    assert facts.capacity_gw_per_year == 1.2


def test_empty_means_unknown():
    facts = parse_project_facts({})
    assert facts == ProjectFacts()
    assert facts.site == Site()
    assert parse_project_facts({"eia_annex": "unknown"}).eia_annex is None


def test_normalisation():
    facts = parse_project_facts(
        {"site": {"kommune_kode": 561}, "investor_country": "de", "investment_dkk": 1.5e8}
    )
    assert facts.site.kommune_kode == "0561"
    assert facts.investor_country == "DE"
    assert facts.investment_dkk == 150_000_000


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"investment_dkk": -5}, "investment_dkk"),
        ({"investment_dkk": "lots"}, "investment_dkk"),
        ({"kind": "demolition"}, "kind"),
        ({"net_zero_technology": "perpetual_motion"}, "net_zero_technology"),
        ({"crma_stage": "mining"}, "crma_stage"),
        ({"capacity_gw_per_year": -1}, "capacity_gw_per_year"),
        ({"nzia_strategic": "yes"}, "nzia_strategic"),
        ({"investor_country": "Germany"}, "investor_country"),
        ({"site": {"kommune_kode": "9999"}}, "site.kommune_kode"),
        ({"site": {"kommune_kode": "abc"}}, "site.kommune_kode"),
        ({"site": {"point": [55.47, 8.45]}}, "site.point"),
        ({"site": {"point": [8.45]}}, "site.point"),
        ({"site": {"zone": "moon"}}, "site.zone"),
        ({"site": {"natura2000_within_km": "near"}}, "site.natura2000_within_km"),
        ({"site": {"kommune_code": "0561"}}, "site.kommune_code"),
        ({"site": "Esbjerg"}, "site"),
        ({"activities": ["4.2.a"]}, "activities.0"),
        ({"activities": "bilag1:4.2.a"}, "activities"),
        ({"eia_annex": "annex3"}, "eia_annex"),
        ({"hazardous_substances": [{"name": "hydrogen"}]}, "hazardous_substances.0.tonnes"),
        ({"hazardous_substances": [{"tonnes": 3}]}, "hazardous_substances.0.name"),
        ({"wastewater": "river"}, "wastewater"),
        ({"ets_activities": ["flying"]}, "ets_activities.0"),
        ({"hydrogen_production_t_per_day": -1}, "hydrogen_production_t_per_day"),
        ({"crma_materials": ["unobtainium"]}, "crma_materials.0"),
        ({"crma_materials": ["lithium", "Lithium"]}, "crma_materials.1"),
        ({"crma_materials": "lithium"}, "crma_materials"),
        ({"hydrogen_production_t_per_day": "lots"}, "hydrogen_production_t_per_day"),
        ({"regular_environmental_inspection": "ja"}, "regular_environmental_inspection"),
        ({"construction": {"days": 1.5}}, "construction.days"),
        ({"construction": {"weeks": 3}}, "construction.weeks"),
        ({"unknown_field": 1}, "unknown_field"),
    ],
)
def test_per_field_errors(data, field):
    with pytest.raises(FactsError) as info:
        parse_project_facts(data)
    error = info.value
    assert isinstance(error, DomainError)
    fields = [e.field for e in error.errors]
    assert field in fields
    for e in error.errors:
        assert e.message_da and e.message_en
    body = error.to_dict()
    assert body["errors"][0]["field"] in fields


def test_old_ets_key_is_an_alias():
    facts = parse_project_facts({"ets_activities": ["hydrogen_production_over_25t_per_day"]})
    assert facts.ets_activities == ("hydrogen_production",)


def test_all_errors_reported_at_once():
    with pytest.raises(FactsError) as info:
        parse_project_facts({"kind": "x", "site": {"zone": "y"}, "investment_dkk": -1})
    assert {e.field for e in info.value.errors} == {"kind", "site.zone", "investment_dkk"}


def test_unknown_keys_can_be_allowed():
    facts = parse_project_facts({"extra": 1, "kind": "new"}, allow_unknown_keys=True)
    assert facts.kind == "new"


def test_not_a_mapping():
    with pytest.raises(FactsError):
        parse_project_facts(["not", "a", "mapping"])  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(
    investment=st.none() | st.integers(min_value=0, max_value=10**11),
    capacity=st.none() | st.floats(min_value=0, max_value=50, allow_nan=False),
    zone=st.sampled_from([None, "byzone", "landzone", "sommerhusomraade"]),
    flag=st.none() | st.booleans(),
)
def test_round_trip(investment, capacity, zone, flag):
    data = merged(
        QUIET,
        investment_dkk=investment,
        capacity_gw_per_year=capacity,
        dewatering=flag,
        site={"zone": zone},
    )
    facts = parse_project_facts(data)
    assert parse_project_facts(facts.to_dict()) == facts
