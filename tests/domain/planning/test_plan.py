import ast
import json
from datetime import date
from pathlib import Path

import pytest

from rodloeber.domain.planning import PlanningError, build_plan
from rodloeber.domain.planning.clock import Extension
from rodloeber.domain.planning.errors import ExtensionError, MissingPrerequisiteError
from rodloeber.domain.planning.testing import Cap, benchmark_permits, make_permit

START = date(2026, 3, 2)


def test_contract_shape_and_json() -> None:
    cap = Cap(18, "NZIA Art. 9(1) >= 1 GW", "NZIA art. 9(1)", ({"regime": "L 206", "months": 18},))
    plan = build_plan(benchmark_permits(), clock_start=START, cap=cap, n_samples=2000)
    d = json.loads(json.dumps(plan.to_dict()))
    for key in (
        "clock_start",
        "cap",
        "cap_deadline",
        "permits",
        "expected_end",
        "p_within_cap",
        "critical_path",
    ):
        assert key in d
    assert d["clock_start"] == "2026-03-02"
    assert d["cap_deadline"] == "2027-09-02"
    assert d["cap"] == {
        "months": 18,
        "regime": "NZIA Art. 9(1) >= 1 GW",
        "legal_basis": "NZIA art. 9(1)",
        "considered": [{"regime": "L 206", "months": 18}],
    }
    assert 0.0 <= d["p_within_cap"] <= 1.0
    assert len(d["permits"]) == 25
    for p in d["permits"]:
        assert {"code", "start", "end", "on_critical_path", "milestones"} <= set(p)
        for m in p["milestones"]:
            assert {"kind", "date"} <= set(m)
            date.fromisoformat(m["date"])
    assert d["critical_path"] == list(plan.critical_path)
    on_path = {p["code"] for p in d["permits"] if p["on_critical_path"]}
    assert set(d["critical_path"]) <= on_path
    assert d["risk"]["p50_end"] <= d["risk"]["p95_end"]


def test_hand_computed_plan() -> None:
    permits = (
        make_permit("eia_permit", 120),
        make_permit("environmental_approval", 200, ("eia_permit",), service_target_days=200),
        make_permit("building_permit", 50, service_target_days=50, service_target_unit="working"),
        make_permit("grid_connection", 400, counts_toward_cap=False),
    )
    plan = build_plan(permits, clock_start=START, cap=Cap(12), n_samples=0)
    assert plan.cap_deadline == date(2027, 3, 2)
    assert plan.permit("environmental_approval").start == date(2026, 6, 30)
    assert plan.permit("environmental_approval").end == date(2027, 1, 16)
    assert plan.cap_relevant_end == date(2027, 1, 16)
    assert plan.expected_end == date(2027, 4, 6)  # grid connection, outside the cap
    # the cap's critical path: only permits the cap covers (issue #16)
    assert plan.critical_path == ("eia_permit", "environmental_approval")
    grid = plan.permit("grid_connection")
    assert not grid.on_critical_path and not grid.counts_toward_cap
    assert plan.permit("environmental_approval").on_critical_path
    assert plan.permit("building_permit").total_float_days == (date(2027, 1, 16) - START).days - 50
    assert plan.within_cap and plan.slack_days == 45
    assert plan.p_within_cap is None and plan.to_dict()["p_within_cap"] is None
    # 50 working days from Mon 2 March 2026, skipping Easter (2, 3, 6 April)
    # and Ascension Day (14 May): Friday 15 May.
    assert plan.permit("building_permit").service_target_date == date(2026, 5, 15)
    assert plan.permit("environmental_approval").service_target_date == date(2027, 1, 16)
    with pytest.raises(KeyError):
        plan.permit("nope")


def test_extension_uses_cap_regime_rules() -> None:
    permits = (make_permit("a", 30),)
    plan = build_plan(
        permits,
        clock_start=START,
        cap=Cap(27, "CRMA Art. 11(1) extraction"),
        extensions=(Extension(6, "Kompleks udvinding"),),
        n_samples=0,
    )
    assert plan.cap_deadline == date(2028, 12, 2)  # 27 + 6 months
    assert plan.to_dict()["extensions"] == [
        {"months": 6, "kind": "standard", "reason": "Kompleks udvinding"}
    ]
    with pytest.raises(ExtensionError):
        build_plan(
            permits,
            clock_start=START,
            cap=Cap(12, "NZIA Art. 9(1) < 1 GW"),
            extensions=(Extension(6, "x"),),
        )


def test_errors_are_domain_errors() -> None:
    with pytest.raises(PlanningError) as exc:
        build_plan((make_permit("b", 1, ("a",)),), clock_start=START, cap=Cap(12))
    assert isinstance(exc.value, MissingPrerequisiteError)
    assert exc.value.message_da and exc.value.message_en


def test_empty_plan() -> None:
    plan = build_plan((), clock_start=START, cap=Cap(12))
    assert plan.expected_end == START and plan.p_within_cap is None


def test_no_django_imports_in_planning() -> None:
    root = Path(__file__).parents[3] / "src" / "rodloeber" / "domain" / "planning"
    for path in root.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] == "django" for n in names), path
        assert len(path.read_text(encoding="utf-8").splitlines()) < 400, path
