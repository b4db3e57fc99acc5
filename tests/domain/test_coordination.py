"""catalogue/coordination.yaml: coordinated procedures and clock exclusions per regime."""

import json
from datetime import date
from pathlib import Path

import pytest

from rodloeber.domain.catalogue_reader import CatalogueError
from rodloeber.domain.coordination import load_coordination, parse_coordination
from rodloeber.domain.plan_preview import preview_plan

EXAMPLES = Path(__file__).resolve().parents[2] / "src/rodloeber/web/examples"


def test_packaged_file_is_valid_and_every_entry_has_a_source() -> None:
    c = load_coordination()
    assert {p.code for p in c.procedures} >= {
        "joint_eia_environmental_approval",
        "plan_and_eia_joint_hearing",
        "building_permit_prepared_during_plan",
    }
    for p in c.procedures:
        assert p.legal_basis and p.source_note
        assert p.verified or "[?]" in p.source_note  # unconfirmed is marked
    for e in c.clock_exclusions:
        assert e.legal_basis and e.source_note


def test_only_verified_exclusions_move_a_deadline() -> None:
    c = load_coordination()
    assert c.excluded_permits("crma_11_1_processing_recycling") == ("eia_permit",)  # art. 11(3)
    assert c.excluded_permits("nzia_9_1_lt_1gw") == ()  # NZIA art. 9(4) is [?]: may apply
    assert any(e.code == "nzia_eia_report_step" for e in c.exclusions_for("nzia_9_1_lt_1gw"))


def _proc(link: dict) -> dict:  # type: ignore[type-arg]
    return {"procedures": [{"code": "x", "links": [link]}]}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_proc({"pred": "a", "succ": "b", "type": "XX"}), "FS, SS or FF"),
        (_proc({"pred": "nope", "succ": "b", "type": "FS"}), "unknown permit 'nope'"),
        (
            {"clock_exclusions": [{"code": "y", "kind": "permit_time", "regimes": ["zz"]}]},
            "unknown regime 'zz'",
        ),
    ],
)
def test_bad_entries_are_named(data: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(CatalogueError) as err:
        parse_coordination(data, ("a", "b"), ("r1",))
    assert message in str(err.value)


def test_plan_preview_uses_coordinated_procedures_with_their_legal_basis() -> None:
    facts = json.loads((EXAMPLES / "electrolyser_esbjerg.json").read_text(encoding="utf-8"))
    preview = preview_plan(facts, clock_start=date(2026, 3, 2), n_samples=500)
    used = {p.code for p in preview.procedures}
    assert "joint_eia_environmental_approval" in used
    approval = preview.plan.permit("environmental_approval")
    eia = preview.plan.permit("eia_permit")
    assert approval.start < eia.end  # processed alongside the EIA, not after it
    assert approval.end >= eia.end  # and decided no earlier (joint decision)
    data = preview.to_dict()
    assert any(x["procedure"] == "joint_eia_environmental_approval" for x in data["links"])
    notes = {n["code"]: n for n in data["clock_exclusions"]}
    assert notes["nzia_eia_report_step"]["applied"] is False  # [?] shown, never applied
