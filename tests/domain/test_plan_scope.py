"""Only needed permits are planned; possible ones and alternatives are shown beside
the plan (issue #15 item 8). The decision has one home: ``PermitSet.planned``."""

from __future__ import annotations

from datetime import date

from rodloeber.domain.navigator import navigate
from rodloeber.domain.navigator.model import is_planned
from rodloeber.domain.plan_preview import preview_plan

from .conftest import QUIET, facts_of, merged

RURAL_NEW_PLAN = {
    "site": {"zone": "landzone", "local_plan_allows_use": False},
    "new_buildings_m2": 900,
}


def test_only_required_permits_are_planned(catalogue):
    result = navigate(facts_of(**RURAL_NEW_PLAN, eia_annex="annex2"), catalogue)
    planned = {p.code for p in result.planned()}
    assert planned == {p.code for p in result.permits if p.certainty == "required"}
    assert "local_plan" in planned and "eia_screening" in planned
    assert "rural_zone_permit" not in planned and "eia_permit" not in planned
    assert is_planned("required") and not is_planned("possible")


def test_alternative_is_shown_as_either_or(catalogue):
    beside = {b["code"]: b for b in navigate(facts_of(**RURAL_NEW_PLAN), catalogue).beside_plan()}
    rural = beside["rural_zone_permit"]
    assert rural["alternative_to"] == "local_plan"
    assert rural["either_or"] == "Enten lokalplan eller landzonetilladelse"
    assert rural["either_or_en"] == "Either local plan or rural zone permit"
    assert "Hvis den er nødvendig" in str(rural["consequence"])
    assert "typically" in str(rural["consequence_en"]) and rural["why_en"]


def test_dependencies_skip_permits_that_are_not_planned(catalogue):
    # eia_permit is possible (annex 2); the environmental approval depends on it, and
    # through it on the screening, which is planned.
    result = navigate(facts_of(eia_annex="annex2", activities=["bilag1:4.2.a"]), catalogue)
    env = next(p for p in result.planned() if p.code == "environmental_approval")
    assert env.depends_on == ("eia_screening",)


def test_plan_preview_plans_needed_and_lists_the_rest(catalogue):
    data = merged(QUIET, **RURAL_NEW_PLAN, new_road_access=None)
    preview = preview_plan(data, clock_start=date(2026, 3, 2), n_samples=0)
    planned = {p.code for p in preview.plan.permits}
    assert "local_plan" in planned
    assert "rural_zone_permit" not in planned and "road_access_permit" not in planned
    out = preview.to_dict()
    assert {p["code"] for p in out["permits_included"]} == planned
    beside = {b["code"] for b in out["permits_beside_plan"]}
    assert {"rural_zone_permit", "road_access_permit"} <= beside
    assert not beside & planned


def test_nothing_known_gives_an_empty_plan_and_everything_beside(catalogue):
    preview = preview_plan({}, clock_start=date(2026, 3, 2), n_samples=0)
    assert preview.plan.permits == ()
    assert len(preview.to_dict()["permits_beside_plan"]) >= 10


def test_embedded_assessment_is_explained_as_such(catalogue):
    beside = navigate(facts_of(site={"natura2000_within_km": 3.0}), catalogue).beside_plan()
    natura = next(b for b in beside if b["code"] == "natura2000_assessment")
    assert "assessed by each authority within its own decision" in str(natura["consequence_en"])
