"""The permit graph layout and the EU guidance matching."""

from __future__ import annotations

from rodloeber.checks.graph import NODE_W, layout
from rodloeber.checks.guidance import guidance_keys


def _p(code: str, *deps: str, certainty: str = "required") -> dict[str, object]:
    return {"code": code, "name_da": code.title(), "depends_on": list(deps), "certainty": certainty}


def test_dependents_sit_right_of_their_dependencies_and_get_arrows() -> None:
    graph = layout(
        [_p("eia"), _p("approval", "eia"), _p("building", "approval", "eia"), _p("alone")],
        "name_da",
    )
    x = {n.code: n.x for n in graph.nodes}
    assert x["eia"] < x["approval"] < x["building"]
    assert {(e.source, e.target) for e in graph.edges} == {
        ("eia", "approval"),
        ("approval", "building"),
        ("eia", "building"),
    }
    alone = next(n for n in graph.nodes if n.code == "alone")
    assert alone.y > max(n.y for n in graph.nodes if n.code != "alone")  # isolated below
    assert graph.levels == (("eia", "alone"), ("approval",), ("building",))
    assert graph.width >= 3 * NODE_W


def test_isolated_permits_are_laid_out_in_rows_and_long_names_wrap() -> None:
    long = "Dispensation fra strandbeskyttelse eller klitfredning efter naturbeskyttelsesloven"
    permits = [_p(f"p{i}", certainty="possible") for i in range(7)]
    permits[0]["name_da"] = long
    graph = layout(permits, "name_da")
    assert len({n.y for n in graph.nodes}) == 3  # 3 per row
    first = graph.nodes[0]
    assert len(first.lines) == 2 and first.lines[1].endswith("…")
    assert not first.required


def test_guidance_matches_facts_and_permits() -> None:
    facts = {"net_zero_technology": "solar", "activities": ["bilag1:4.2.a"]}
    keys = guidance_keys(facts, {"environmental_approval", "seveso_risk", "fdi_screening"})
    assert keys == ["nzia", "ied", "seveso_iii", "fdi_screening"]
    assert guidance_keys({}, set()) == []
    assert guidance_keys({"crma_stage": "recycling"}, {"eia_screening"}) == ["crma", "eia"]
