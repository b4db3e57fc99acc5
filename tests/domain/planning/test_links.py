"""Finish-to-start, start-to-start and finish-to-finish links with lags."""

from datetime import date, timedelta

import numpy as np
import pytest

from rodloeber.domain.planning import build_plan
from rodloeber.domain.planning.links import Link, LinkType, resolve_links
from rodloeber.domain.planning.risk import RiskModel, simulate
from rodloeber.domain.planning.risk_loop import simulate_loop
from rodloeber.domain.planning.schedule import build_graph, compute_schedule
from rodloeber.domain.planning.testing import Cap, benchmark_permits, make_permit

START = date(2026, 3, 2)
D = timedelta


def _permits() -> tuple:  # type: ignore[type-arg]
    # eia (300) → approval (200) → nothing; plan (180) → building (50)
    return (
        make_permit("eia", 300),
        make_permit("approval", 200, ("eia",)),
        make_permit("plan", 180),
        make_permit("building", 50, ("plan",)),
    )


def test_default_is_finish_to_start() -> None:
    s = compute_schedule(_permits(), START)
    assert s.tasks["approval"].start == START + D(300)
    assert s.tasks["approval"].end == START + D(500)
    assert s.tasks["building"].start == START + D(180)


def test_start_to_start_and_finish_to_finish_replace_the_default() -> None:
    links = [
        Link("eia", "approval", LinkType.SS, 45, "joint"),
        Link("eia", "approval", LinkType.FF, 0, "joint"),
        Link("plan", "building", LinkType.SS, 0, "parallel"),
        Link("plan", "building", LinkType.FF, 7, "parallel"),
    ]
    s = compute_schedule(_permits(), START, graph=build_graph(_permits(), links))
    approval, building = s.tasks["approval"], s.tasks["building"]
    assert approval.start == START + D(45)
    assert approval.end == START + D(300)  # 45 + 200 < 300: decided with the EIA
    assert approval.binding_predecessor == "eia"
    assert building.start == START
    assert building.end == START + D(187)  # waits for the plan's announcement
    assert s.end == START + D(300)
    assert s.critical_path == ("eia",)  # ties go to the first in order, as in the Monte Carlo
    assert approval.on_critical_path  # zero float: decided together with the EIA
    # float: the plan may slip until the building permit would end at the plan end
    assert s.tasks["plan"].total_float_days == 300 - 187
    assert s.tasks["eia"].total_float_days == 0


def test_finish_to_start_lag_and_lead() -> None:
    permits = (make_permit("a", 30), make_permit("b", 10, ("a",)))
    lag = compute_schedule(
        permits, START, graph=build_graph(permits, [Link("a", "b", lag_days=14)])
    )
    assert lag.tasks["b"].start == START + D(44)
    lead = build_graph(permits, [Link("a", "b", LinkType.FS, -40)])
    assert compute_schedule(permits, START, graph=lead).tasks["b"].start == START  # never before


def test_links_between_independent_permits_are_added_and_unknown_ones_dropped() -> None:
    permits = (make_permit("a", 30), make_permit("b", 10))
    incoming = resolve_links(permits, [Link("a", "b", LinkType.SS, 5), Link("x", "b")])
    assert incoming["b"] == (Link("a", "b", LinkType.SS, 5),)
    assert compute_schedule(
        permits, START, graph=build_graph(permits, [Link("a", "b", LinkType.SS, 5)])
    ).tasks["b"].start == START + D(5)


@pytest.mark.parametrize("excluded", [(), ("eia",)])
def test_monte_carlo_loop_and_vectorised_agree_with_links(excluded: tuple[str, ...]) -> None:
    permits = (*benchmark_permits(), *_permits())
    links = [
        Link("eia", "approval", LinkType.SS, 45),
        Link("eia", "approval", LinkType.FF, 0),
        Link("plan", "building", LinkType.SS, 0),
        Link("plan", "building", LinkType.FF, 7),
    ]
    schedule = compute_schedule(permits, START, graph=build_graph(permits, links))
    model = RiskModel.from_schedule(permits, schedule, date(2027, 9, 2), excluded=excluded)
    n, seed = 2000, 5
    samples = model.sample(n, np.random.default_rng(seed), "pert")
    fast = simulate(model, START, n, seed=seed)
    p, ends, crit = simulate_loop(model, n, samples=samples.tolist())
    assert fast.p_within_cap == pytest.approx(p, abs=1e-12)
    assert np.allclose(np.sort(fast.end_days), ends)
    for code, value in crit.items():
        assert fast.criticality[code] == pytest.approx(value, abs=1e-12)


def test_excluded_step_moves_the_deadline_and_raises_the_probability() -> None:
    permits = (make_permit("eia", 300), make_permit("approval", 200, ("eia",)))
    plain = build_plan(permits, clock_start=START, cap=Cap(12), n_samples=2000)
    excluded = build_plan(
        permits, clock_start=START, cap=Cap(12), n_samples=2000, clock_excluded=("eia",)
    )
    assert excluded.excluded_days == 300
    assert excluded.cap_deadline == plain.cap_deadline + D(300)
    assert excluded.within_cap and not plain.within_cap
    assert plain.p_within_cap is not None and excluded.p_within_cap is not None
    assert plain.p_within_cap < 0.05 < 0.95 < excluded.p_within_cap
    assert excluded.to_dict()["clock_excluded"] == ["eia"]
