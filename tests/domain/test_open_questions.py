"""Over the catalogue: no rule mark still unverified decides a cap or
eligibility (issue #15 item 11, ADR 0032). Each kind of mark is driven through
the engines and shown to "may apply" only."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings

from rodloeber.domain.caps import binding_cap
from rodloeber.domain.catalogue import Catalogue
from rodloeber.domain.coordination import load_coordination
from rodloeber.domain.criteria import criterion_b2
from rodloeber.domain.eligibility import assess_eligibility
from rodloeber.domain.facts import parse_project_facts
from rodloeber.domain.navigator import navigate
from rodloeber.domain.navigator.model import REQUIRED
from rodloeber.domain.open_questions import RULE, open_questions, rule_marks

from .conftest import facts_of
from .strategies_domain import facts_data


def test_at_most_forty_rule_marks_and_none_decides(catalogue: Catalogue):
    questions = open_questions(catalogue, load_coordination())
    marks = rule_marks(questions)
    assert len(marks) <= 40
    assert all(q.kind == RULE and not q.decides_cap_or_eligibility for q in marks)


def test_no_unconfirmed_state_mark_decides_b2(catalogue: Catalogue):
    for listing in catalogue.ied_listings.values():
        if listing.state_verified:
            continue
        facts = facts_of(activities=[listing.code], new_buildings_m2=10)
        permits = navigate(facts, catalogue)
        approval = permits.get("environmental_approval")
        assert approval is not None and not approval.rule_verified, listing.code
        others = [
            p
            for p in permits.permits
            if p.code != "environmental_approval"
            and p.authority_level == approval.authority_level
            and p.certainty == REQUIRED
            and p.rule_verified
        ]
        if not others:
            assert not criterion_b2(permits, catalogue).met, listing.code


def test_no_unconfirmed_ets_activity_decides_b2(catalogue: Catalogue):
    for activity in catalogue.ets_activities.values():
        if activity.verified or activity.threshold is not None:
            continue
        ets = navigate(facts_of(ets_activities=[activity.key]), catalogue).get("ets_permit")
        assert ets is not None and ets.certainty == REQUIRED and not ets.rule_verified


def test_open_rules_never_change_the_answer(catalogue: Catalogue):
    assert any(not r.verified for r in catalogue.eligibility_open_rules.values())
    without = replace(catalogue, eligibility_open_rules={})
    for facts in (facts_of(), facts_of(activities=["bilag2:A202"], investment_dkk=200_000_000)):
        a = assess_eligibility(facts, catalogue=catalogue)
        b = assess_eligibility(facts, catalogue=without)
        assert (a.eligible, a.possibly_eligible, a.cap.months) == (
            b.eligible,
            b.possibly_eligible,
            b.cap.months,
        )
        assert a.may_apply and not b.may_apply
        assert "kan gælde" in a.to_dict()["may_apply"][0]["text"].lower()  # type: ignore[index]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(facts_data())
def test_no_unconfirmed_regime_binds(catalogue: Catalogue, data):
    facts = parse_project_facts(data)
    cap = binding_cap(facts, navigate(facts, catalogue), catalogue=catalogue, in_one_stop_shop=True)
    if cap.regime is not None:
        assert cap.regime.verified


def test_no_open_navigator_rule_decides_b2(catalogue: Catalogue):
    """An open navigator rule (e.g. which sectors need FDI screening, the Natura 2000
    distances) only yields permits that cannot make B2 certain: the permit type
    is itself unconfirmed, or not a state/municipal permit."""
    open_rules = [
        r for r in catalogue.navigator_rules.values() if not r.verified and "[?]" in r.source_note
    ]
    assert open_rules
    for rule in open_rules:
        for code in rule.permits:
            permit_type = catalogue.permit_types[code]
            assert not permit_type.verified or permit_type.authority_level not in (
                "state",
                "municipal",
            ), (rule.code, code)
