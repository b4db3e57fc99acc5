"""Eligibility criteria A, B1, B2, C and monotonicity invariants."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rodloeber.domain.eligibility import assess_eligibility
from rodloeber.domain.facts import parse_project_facts
from rodloeber.domain.navigator import navigate

from .conftest import facts_of
from .strategies_domain import facts_data


@pytest.mark.parametrize(
    ("overrides", "code", "met"),
    [
        ({"net_zero_technology": "electrolysers_fuel_cells"}, "A", True),
        ({"nzia_strategic": True}, "A", True),
        ({"crma_strategic": True}, "A", True),
        ({"crma_stage": "recycling", "crma_materials": ["lithium"]}, "A", True),
        ({}, "A", False),
        ({"investment_dkk": 100_000_000}, "B1", True),
        ({"investment_dkk": 99_999_999}, "B1", False),
        ({"investment_dkk": None}, "B1", False),
        # The (s) mark of 4.2.a is not confirmed: the state approval may apply,
        # B2 is only possibly met (ADR 0032; tests/domain/test_criteria_b2.py).
        ({"activities": ["bilag1:4.2.a"], "new_buildings_m2": 10}, "B2", False),
        ({"hydrogen_production_t_per_day": 10, "new_buildings_m2": 10}, "B2", True),
        ({"activities": ["bilag2:A202"], "new_buildings_m2": 10}, "B2", False),
        ({"site": {"beach_protection_zone": True}}, "B2", False),
        ({"construction": {"days": 100, "peak_workers": 40}, "new_buildings_m2": 10}, "B2", False),
        ({"site": {"in_industrial_park": True}}, "C", True),
        ({"site": {"in_industrial_park": None}}, "C", False),
    ],
)
def test_criterion(catalogue, overrides, code, met):
    result = assess_eligibility(facts_of(**overrides), catalogue=catalogue)
    criterion = result.criterion(code)
    assert criterion.met is met
    assert criterion.reason.da and criterion.reason.en and criterion.legal_basis
    assert result.eligible is any(c.met for c in result.criteria)  # the gate holds in QUIET


# (activities, regular inspection, other facts, gate met, gate possibly, eligible, possibly)
GATE_CASES = [
    (["bilag1:4.2.a"], None, {"investment_dkk": 2e8}, True, True, True, True),
    ([], True, {"investment_dkk": 2e8}, True, True, True, True),
    # a warehouse with no environmental duties is not eligible, whatever A/B/C say
    ([], False, {"investment_dkk": 2e8, "net_zero_technology": "solar"}, *[False] * 4),
    ([], False, {"site": {"in_industrial_park": True}}, False, False, False, False),
    # unknown duties: possibly eligible, with the assumption stated
    (None, None, {"investment_dkk": 2e8}, False, True, False, True),
    ([], None, {"investment_dkk": 2e8}, False, True, False, True),
    (None, False, {"investment_dkk": 2e8}, False, True, False, True),
    # the gate holds but no criterion is met
    ([], True, {}, True, True, False, False),
]


@pytest.mark.parametrize(
    ("activities", "inspection", "other", "met", "possibly", "eligible", "possibly_eligible"),
    GATE_CASES,
)
def test_production_company_gate(
    catalogue, activities, inspection, other, met, possibly, eligible, possibly_eligible
):
    facts = facts_of(**other).to_dict()
    facts["activities"] = activities
    facts["regular_environmental_inspection"] = inspection
    result = assess_eligibility(parse_project_facts(facts), catalogue=catalogue)
    (gate,) = result.preconditions
    assert (gate.code, gate.met, gate.possibly_met) == ("production_company", met, possibly)
    assert "§ 2, nr. 2" in gate.legal_basis and gate.reason.da and gate.reason.en
    assert (result.eligible, result.possibly_eligible) == (eligible, possibly_eligible)
    assumed = any(a.field == "regular_environmental_inspection" for a in result.assumptions)
    assert assumed is (possibly and not met)
    if not possibly:
        assert result.cap.regime is None or not result.cap.regime.code.startswith("l206")
    assert result.to_dict()["preconditions"][0]["code"] == "production_company"


# (crma stage, materials, A met, A possibly met, assumption on crma_materials)
CRMA_CASES = [
    ("recycling", ["lithium"], True, True, False),  # strategic and critical (I, II)
    ("processing", ["natural_graphite", "feldspar"], True, True, False),
    ("extraction", ["phosphate_rock"], True, True, False),  # critical only (II)
    ("processing", ["rare_earth_elements_for_magnets"], True, True, False),
    ("processing", [], False, False, False),  # a stage with no listed material
    ("recycling", None, False, True, True),  # unknown materials: may be met
    (None, ["copper"], False, False, False),  # materials without a stage
]


@pytest.mark.parametrize(("stage", "materials", "met", "possibly", "assumed"), CRMA_CASES)
def test_crma_criterion_a_needs_an_annex_ii_material(
    catalogue, stage, materials, met, possibly, assumed
):
    facts = facts_of(crma_stage=stage).to_dict()
    facts["crma_stage"] = stage
    facts["crma_materials"] = materials
    result = assess_eligibility(parse_project_facts(facts), catalogue=catalogue)
    a = result.criterion("A")
    assert (a.met, a.possibly_met) == (met, possibly)
    assert any(x.field == "crma_materials" for x in result.assumptions) is assumed
    if met:
        assert "bilag II" in a.reason.da and "Annex II" in a.reason.en


def test_crma_annexes_in_the_catalogue(catalogue):
    materials = catalogue.crma_materials
    assert sum(m.strategic for m in materials.values()) == 17
    annex_ii = [k for k, m in materials.items() if m.critical]
    assert len([k for k in annex_ii if k != "rare_earth_elements_for_magnets"]) == 34
    assert all(m.critical for m in materials.values() if m.strategic)  # strategic ⊂ critical
    assert {"lithium", "copper", "natural_graphite"} <= set(materials)
    assert "2024/1252" in catalogue.crma_materials_source


def test_unknowns_give_possibly_met_and_assumptions(catalogue):
    result = assess_eligibility(
        facts_of(investment_dkk=None, site={"in_industrial_park": None}), catalogue=catalogue
    )
    assert not result.eligible and result.possibly_eligible
    fields = {a.field for a in result.assumptions}
    assert {"investment_dkk", "site.in_industrial_park", "net_zero_technology"} <= fields
    assert result.criterion("B1").possibly_met


def test_b2_possibly_met_when_a_possible_permit_completes_the_pair(catalogue):
    result = assess_eligibility(
        facts_of(new_buildings_m2=10, site={"beach_protection_zone": None}), catalogue=catalogue
    )
    b2 = result.criterion("B2")
    assert not b2.met and b2.possibly_met
    assert "Kystdirektoratet" not in b2.reason.da  # only certain authorities are named as such
    assert "Dispensation fra strandbeskyttelse" in b2.reason.da


def test_b2_follows_the_navigator_not_a_question(catalogue):
    # ETS hydrogen > 5 t/day: a confirmed state permit (CO2-kvoteloven § 12).
    facts = facts_of(hydrogen_production_t_per_day=10, new_buildings_m2=10)
    permits = navigate(facts, catalogue)
    assert assess_eligibility(facts, permits, catalogue=catalogue).criterion("B2").met
    only_municipal = replace(
        permits, permits=tuple(p for p in permits.permits if p.authority_level != "state")
    )
    assert not assess_eligibility(facts, only_municipal, catalogue=catalogue).criterion("B2").met


def test_danish_number_format(catalogue):
    reason = assess_eligibility(facts_of(investment_dkk=1_200_000_000), catalogue=catalogue)
    b1 = reason.criterion("B1").reason
    assert "1.200.000.000 kr." in b1.da and "DKK 1,200,000,000" in b1.en


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=facts_data(), extra=st.integers(0, 10**10))
def test_raising_investment_never_removes_a_criterion(catalogue, data, extra):
    facts = parse_project_facts(data, catalogue=catalogue)
    before = assess_eligibility(facts, catalogue=catalogue)
    richer = replace(facts, investment_dkk=(facts.investment_dkk or 0) + extra)
    after = assess_eligibility(richer, catalogue=catalogue)
    met_before = {c.code for c in before.criteria if c.met}
    met_after = {c.code for c in after.criteria if c.met}
    assert met_before <= met_after
    assert not before.eligible or after.eligible


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=facts_data())
def test_navigator_invariants(catalogue, data):
    facts = parse_project_facts(data, catalogue=catalogue)
    permits = navigate(facts, catalogue)
    assert navigate(facts, catalogue) == permits  # deterministic
    codes = set(permits.codes())
    assert len(codes) == len(permits.permits)
    for p in permits.permits:
        assert p.certainty in ("required", "possible")
        assert set(p.depends_on) <= codes and p.code not in p.depends_on
        assert p.why and p.why_en and p.legal_basis and p.authority
    result = assess_eligibility(facts, permits, catalogue=catalogue)
    levels = {
        p.authority_level
        for p in permits.permits
        if p.certainty == "required" and p.rule_verified and p.code != "site_notification"
    }
    assert result.criterion("B2").met is ({"state", "municipal"} <= levels)
    gate = result.preconditions[0].met
    assert result.eligible is (gate and any(c.met for c in result.criteria))
    if not result.preconditions[0].possibly_met:
        assert not result.possibly_eligible
