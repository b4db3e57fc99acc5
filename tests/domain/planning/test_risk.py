from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rodloeber.domain.planning.forecast import MilestoneUpdate, derive_constraints
from rodloeber.domain.planning.risk import Distribution, RiskModel, simulate
from rodloeber.domain.planning.risk_loop import simulate_loop
from rodloeber.domain.planning.schedule import compute_schedule
from rodloeber.domain.planning.testing import (
    PermitType,
    benchmark_permits,
    make_permit,
)
from tests.domain.planning.strategies import permit_dags

START = date(2026, 3, 2)


def _model(
    permits: tuple[PermitType, ...], deadline: date = date(2027, 9, 2), **kw: object
) -> RiskModel:
    constraints = derive_constraints(permits, **kw)  # type: ignore[arg-type]
    schedule = compute_schedule(permits, START, constraints)
    return RiskModel.from_schedule(permits, schedule, deadline, constraints)


def test_reproducible_with_seed() -> None:
    model = _model(benchmark_permits())
    a = simulate(model, START, 2000, seed=7)
    b = simulate(model, START, 2000, seed=7)
    c = simulate(model, START, 2000, seed=8)
    assert a.p_within_cap == b.p_within_cap
    assert a.criticality == b.criticality
    assert np.array_equal(a.end_days, b.end_days)
    assert not np.array_equal(a.end_days, c.end_days)


@pytest.mark.parametrize("dist", [Distribution.PERT, Distribution.TRIANGULAR])
def test_vectorised_matches_python_loop_on_same_samples(dist: Distribution) -> None:
    model = _model(benchmark_permits())
    n, seed = 3000, 11
    samples = model.sample(n, np.random.default_rng(seed), dist)
    fast = simulate(model, START, n, seed=seed, distribution=dist)
    p, ends, crit = simulate_loop(model, n, samples=samples.tolist())
    assert fast.p_within_cap == pytest.approx(p, abs=1e-12)
    assert np.allclose(np.sort(fast.end_days), ends)
    for code, value in crit.items():
        assert fast.criticality[code] == pytest.approx(value, abs=1e-12)


def test_python_loop_draws_its_own_samples_similarly() -> None:
    model = _model(benchmark_permits())
    fast = simulate(model, START, 4000, seed=1)
    p, ends, _ = simulate_loop(model, 4000, seed=1)
    assert abs(fast.p_within_cap - p) < 0.05
    assert abs(float(np.median(fast.end_days)) - ends[len(ends) // 2]) < 10


def test_degenerate_ranges_are_deterministic() -> None:
    permits = (
        make_permit("a", 100, low=100, high=100),
        make_permit("b", 50, ("a",), low=50, high=50),
        make_permit("c", 20, low=20, high=20),
    )
    for dist in Distribution:
        r = simulate(_model(permits, date(2026, 7, 30)), START, 500, distribution=dist)
        assert r.p_within_cap == 1.0  # 150 days, deadline on day 150
        assert r.criticality == {"a": 1.0, "b": 1.0, "c": 0.0}
        assert r.end_quantiles[95] == date(2026, 7, 30)
    late = simulate(_model(permits, date(2026, 7, 29)), START, 100)
    assert late.p_within_cap == 0.0


def test_triangular_mean_and_quantile_order() -> None:
    model = _model((make_permit("a", 40, low=10, high=100),))
    r = simulate(model, START, 20000, distribution="triangular")
    assert float(r.end_days.mean()) == pytest.approx(50.0, rel=0.02)
    pert = simulate(model, START, 20000, distribution="pert")
    mean = (10 + 4 * 40 + 100) / 6
    assert float(pert.end_days.mean()) == pytest.approx(mean, rel=0.02)
    assert float(pert.end_days.var()) == pytest.approx((mean - 10) * (100 - mean) / 7, rel=0.05)
    assert r.end_quantiles[50] <= r.end_quantiles[80] <= r.end_quantiles[95]


def test_actual_dates_fix_the_samples() -> None:
    permits = (make_permit("a", 30), make_permit("b", 45, ("a",)))
    update = MilestoneUpdate("a", "decision", actual=date(2026, 4, 24))
    model = _model(permits, updates=(update,))
    r = simulate(model, START, 1000)
    assert r.criticality["a"] == 1.0
    assert float(r.end_days.min()) >= 53 + 36


def test_criticality_parallel_branches_sum_to_one() -> None:
    permits = (make_permit("x", 100, low=50, high=150), make_permit("y", 100, low=50, high=150))
    r = simulate(_model(permits), START, 10000)
    assert r.criticality["x"] + r.criticality["y"] == pytest.approx(1.0)
    assert r.criticality["x"] == pytest.approx(0.5, abs=0.03)
    assert r.to_dict()["n_samples"] == 10000


@settings(max_examples=40, deadline=None)
@given(
    permit_dags(max_size=6),
    st.integers(min_value=0, max_value=900),
    st.integers(min_value=0, max_value=900),
)
def test_property_p_within_cap_is_monotone_in_the_cap(
    permits: tuple[PermitType, ...], d1: int, d2: int
) -> None:
    lo, hi = sorted((d1, d2))
    model = _model(permits)
    r = simulate(model, START, 500, seed=3)
    assert r.probability_within(lo) <= r.probability_within(hi)
    p_lo = simulate(_model(permits, START + timedelta(days=lo)), START, 500, seed=3)
    p_hi = simulate(_model(permits, START + timedelta(days=hi)), START, 500, seed=3)
    assert p_lo.p_within_cap <= p_hi.p_within_cap
