"""Binding cap: every regime, three-valued conditions, invariants."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from rodloeber.domain.caps import binding_cap, evaluate, simple_case
from rodloeber.domain.catalogue import default_catalogue_dir, load_catalogue
from rodloeber.domain.catalogue_models import AnyOf, Leaf
from rodloeber.domain.facts import parse_project_facts
from rodloeber.domain.navigator import navigate

from .conftest import facts_of
from .strategies_domain import facts_data

# (overrides, in_one_stop_shop, expected binding regime, months)
REGIME_CASES = [
    # the unverified L 206 "simple case" (12) never binds: the confirmed 18 months do
    ({}, True, "l206_default", 18),
    ({"eia_annex": "annex1"}, True, "l206_default", 18),
    ({"eia_annex": "annex1"}, False, None, None),
    (
        {"net_zero_technology": "solar", "capacity_gw_per_year": 0.5, "eia_annex": "annex1"},
        False,
        "nzia_9_1_lt_1gw",
        12,
    ),
    (
        {"net_zero_technology": "solar", "capacity_gw_per_year": 1.0, "eia_annex": "annex1"},
        False,
        "nzia_9_1_ge_1gw",
        18,
    ),
    ({"net_zero_technology": "solar", "eia_annex": "annex1"}, False, "nzia_9_2_not_gw", 18),
    (
        {"net_zero_technology": "solar", "capacity_gw_per_year": 0.99, "nzia_strategic": True},
        False,
        "nzia_16_lt_1gw",
        9,
    ),
    (
        {"net_zero_technology": "solar", "capacity_gw_per_year": 3, "nzia_strategic": True},
        False,
        "nzia_16_ge_1gw",
        12,
    ),
    ({"nzia_strategic": True, "co2_storage": True}, False, "nzia_16_co2_storage", 18),
    (
        {"crma_strategic": True, "crma_stage": "extraction", "crma_already_in_permitting": False},
        False,
        "crma_11_1_extraction",
        27,
    ),
    (
        {"crma_strategic": True, "crma_stage": "processing", "crma_already_in_permitting": False},
        False,
        "crma_11_1_processing_recycling",
        15,
    ),
    (
        {"crma_strategic": True, "crma_stage": "extraction", "crma_already_in_permitting": True},
        False,
        "crma_11_2_extraction",
        24,
    ),
    (
        {"crma_strategic": True, "crma_stage": "recycling", "crma_already_in_permitting": True},
        False,
        "crma_11_2_processing_recycling",
        12,
    ),
    # CRMA Art. 11(2) covers projects already in permitting, not every expansion
    (
        {
            "crma_strategic": True,
            "crma_stage": "recycling",
            "kind": "expansion",
            "crma_already_in_permitting": False,
        },
        False,
        "crma_11_1_processing_recycling",
        15,
    ),
]


@pytest.mark.parametrize(("overrides", "oss", "regime", "months"), REGIME_CASES)
def test_each_regime_binds(catalogue, overrides, oss, regime, months):
    facts = facts_of(**overrides)
    result = binding_cap(
        facts, navigate(facts, catalogue), catalogue=catalogue, in_one_stop_shop=oss
    )
    assert result.months == months
    assert (result.regime.code if result.regime else None) == regime
    assert len(result.considered) == len(catalogue.cap_regimes)


def test_every_confirmed_regime_is_covered(catalogue):
    confirmed = {r.code for r in catalogue.cap_regimes if r.verified}
    assert {c[2] for c in REGIME_CASES} - {None} == confirmed


# (overrides, in_one_stop_shop, binding regime, months, "may be shorter" regimes)
SIMPLE = "l206_simple"
UNVERIFIED_CASES = [
    # the two examples: the simple-case 12 months must not decide
    (
        {"crma_strategic": True, "crma_stage": "recycling", "crma_already_in_permitting": False},
        True,
        "crma_11_1_processing_recycling",
        15,
        {"l206_simple"},
    ),
    ({"net_zero_technology": "heat_pumps_geothermal"}, True, "nzia_9_2_not_gw", 18, {SIMPLE}),
    ({}, True, "l206_default", 18, {"l206_simple"}),
    ({"eia_annex": "annex1"}, True, "l206_default", 18, set()),
]


@pytest.mark.parametrize(("overrides", "oss", "regime", "months", "shorter"), UNVERIFIED_CASES)
def test_unverified_regime_never_binds(catalogue, overrides, oss, regime, months, shorter):
    facts = facts_of(**overrides)
    result = binding_cap(
        facts, navigate(facts, catalogue), catalogue=catalogue, in_one_stop_shop=oss
    )
    assert (result.regime.code, result.months) == (regime, months)
    assert {c.regime.code for c in result.possibly_shorter} == shorter
    for c in result.possibly_shorter:
        item = c.shorter_dict()
        assert "ikke bekræftet" in str(item["reason"]) and "not confirmed" in str(item["reason_en"])


def test_confirming_the_simple_case_is_one_catalogue_edit(tmp_path: Path):
    target = tmp_path / "catalogue"
    shutil.copytree(default_catalogue_dir(), target)
    caps = target / "caps.yaml"
    text = caps.read_text(encoding="utf-8")
    old = '(see simple_case)."\n    verified: false'
    assert text.count(old) == 1
    caps.write_text(text.replace(old, '(see simple_case)."\n    verified: true'), "utf-8")
    confirmed = load_catalogue(target)
    facts = facts_of()
    before = binding_cap(facts, navigate(facts), in_one_stop_shop=True)
    after = binding_cap(
        facts, navigate(facts, confirmed), catalogue=confirmed, in_one_stop_shop=True
    )
    assert (before.regime.code, before.months) == ("l206_default", 18)
    assert (after.regime.code, after.months) == ("l206_simple", 12)
    assert not after.possibly_shorter


def test_tie_prefers_eu_regime(catalogue):
    facts = facts_of(net_zero_technology="solar", capacity_gw_per_year=2, eia_annex="annex1")
    result = binding_cap(
        facts, navigate(facts, catalogue), catalogue=catalogue, in_one_stop_shop=True
    )
    assert result.months == 18 and result.regime.code == "nzia_9_1_ge_1gw"


def test_unknown_shorter_regime_is_reported(catalogue):
    facts = facts_of(crma_strategic=True, crma_stage="processing", crma_already_in_permitting=None)
    result = binding_cap(
        facts, navigate(facts, catalogue), catalogue=catalogue, in_one_stop_shop=False
    )
    assert result.months == 15
    assert [c.regime.code for c in result.possibly_shorter] == ["crma_11_2_processing_recycling"]
    assert result.assumptions and "12" in result.assumptions[0].text.en


def test_three_valued_conditions():
    facts = {"a": 1.0, "b": None, "capacity_gw": None}
    assert evaluate(Leaf("a", "ge", 1.0), facts) is True
    assert evaluate(Leaf("b", "eq", True), facts) is None
    assert evaluate(Leaf("capacity_gw", "lt", 1.0), facts) is False
    assert evaluate(Leaf("capacity_gw", "is_null", None), facts) is True
    assert evaluate(AnyOf((Leaf("b", "eq", 1), Leaf("a", "eq", 1.0))), facts) is True
    assert evaluate(AnyOf((Leaf("b", "eq", 1), Leaf("a", "eq", 2.0))), facts) is None
    assert evaluate(AnyOf((Leaf("a", "lt", 0), Leaf("a", "eq", 2.0))), facts) is False
    assert evaluate(Leaf("a", "in", ("x",)), facts) is False


def test_simple_case_rule(catalogue):
    municipal_only = navigate(facts_of(new_buildings_m2=10), catalogue)
    assert simple_case(municipal_only, catalogue) is True
    with_state = navigate(facts_of(site={"beach_protection_zone": True}), catalogue)
    assert simple_case(with_state, catalogue) is False
    with_eia = navigate(facts_of(eia_annex="annex1"), catalogue)
    assert simple_case(with_eia, catalogue) is False
    maybe_state = navigate(facts_of(site={"beach_protection_zone": None}), catalogue)
    assert simple_case(maybe_state, catalogue) is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=facts_data())
def test_binding_cap_never_longer_than_any_applicable_regime(catalogue, data):
    facts = parse_project_facts(data, catalogue=catalogue)
    result = binding_cap(facts, navigate(facts, catalogue), catalogue=catalogue)
    applicable = tuple(r for r in result.applicable() if r.verified)
    if applicable:
        assert result.regime in applicable
        assert all(result.months <= r.months for r in applicable)
    else:
        assert result.months is None and result.regime is None
    assert {c.regime.code for c in result.considered} == {r.code for r in catalogue.cap_regimes}
    assert result.regime is None or result.regime.verified
    for c in result.possibly_shorter:
        assert c.applies is None or not c.regime.verified
        assert result.months is None or c.regime.months < result.months


@pytest.mark.parametrize(
    ("kind", "in_permitting", "extension", "binding", "months", "may_be_shorter"),
    [
        # CRMA Art. 11(2), first branch: already in permitting when recognised -> binds.
        ("new", True, None, "crma_11_2_processing_recycling", 12, False),
        # Not in permitting, a new project: Art. 11(1) only.
        ("new", False, None, "crma_11_1_processing_recycling", 15, False),
        # A new plant is never an extension, whatever is answered.
        ("new", False, True, "crma_11_1_processing_recycling", 15, False),
        # Second branch: an expansion not yet answered may extend an already
        # permitted strategic project: 11(2) is only "may be shorter", never binds.
        ("expansion", False, None, "crma_11_1_processing_recycling", 15, True),
        # Answered yes: the confirmed second branch binds.
        ("expansion", False, True, "crma_11_2_processing_recycling", 12, False),
        # Answered no: Art. 11(1), nothing shorter open.
        ("expansion", False, False, "crma_11_1_processing_recycling", 15, False),
        # Kind unknown but the company says it extends a permitted project: binds.
        (None, False, True, "crma_11_2_processing_recycling", 12, False),
    ],
)
def test_crma_11_2_branches(
    catalogue, kind, in_permitting, extension, binding, months, may_be_shorter
):
    facts = facts_of(
        kind=kind,
        crma_strategic=True,
        crma_stage="recycling",
        crma_materials=["lithium"],
        crma_already_in_permitting=in_permitting,
        crma_extension_of_permitted=extension,
    )
    cap = binding_cap(facts, navigate(facts, catalogue), catalogue=catalogue, in_one_stop_shop=True)
    assert (cap.regime.code if cap.regime else None, cap.months) == (binding, months)
    shorter = {c.regime.code for c in cap.possibly_shorter}
    assert ("crma_11_2_processing_recycling" in shorter) is may_be_shorter


def test_crma_extension_binds_extraction_too(catalogue):
    """Outside the one-stop-shop (L 206's 18 months would be shorter than 24)."""
    facts = facts_of(
        kind="expansion",
        crma_strategic=True,
        crma_stage="extraction",
        crma_already_in_permitting=False,
        crma_extension_of_permitted=True,
    )
    cap = binding_cap(
        facts, navigate(facts, catalogue), catalogue=catalogue, in_one_stop_shop=False
    )
    assert (cap.regime.code, cap.months) == ("crma_11_2_extraction", 24)
