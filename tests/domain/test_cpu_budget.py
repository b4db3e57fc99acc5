"""The per-request CPU budget (domain/cpu_budget.py): cooperative, measured in thread CPU time."""

from __future__ import annotations

import time
from datetime import date

import pytest

from rodloeber.domain.cpu_budget import (
    CpuBudgetExceeded,
    checkpoint,
    cpu_budget,
    current_budget,
)
from rodloeber.domain.planning.forecast import derive_constraints
from rodloeber.domain.planning.risk import RiskModel, simulate
from rodloeber.domain.planning.schedule import compute_schedule
from rodloeber.domain.planning.testing import benchmark_permits


def _burn(seconds: float) -> None:
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


def test_without_a_budget_checkpoints_do_nothing() -> None:
    assert current_budget() is None
    _burn(0.01)
    checkpoint("anything")  # no budget open: never raises


@pytest.mark.parametrize("limit", [None, 0, -1])
def test_no_or_non_positive_limit_means_no_budget(limit: float | None) -> None:
    with cpu_budget(limit) as budget:
        assert budget is None and current_budget() is None


def test_a_loop_past_its_budget_stops_with_a_bilingual_422() -> None:
    steps = 0
    with pytest.raises(CpuBudgetExceeded) as caught, cpu_budget(0.05) as budget:
        while True:
            checkpoint("test loop")
            _burn(0.005)
            steps += 1
    exc = caught.value
    assert budget is not None and budget.stopped is exc
    assert 5 <= steps < 40  # stopped soon after 0.05 s, not before
    assert exc.http_status == 422 and exc.code == "cpu_budget" and exc.where == "test loop"
    assert exc.spent_s > 0.05
    assert "0,05 sekunders regnetid" in exc.message_da and "Intet er gemt" in exc.message_da
    assert "0.05 seconds of computing time" in exc.message_en
    assert current_budget() is None  # closed again


def test_within_budget_nothing_happens_and_sleeping_costs_no_cpu() -> None:
    with cpu_budget(0.05) as budget:
        time.sleep(0.1)  # wall time, not CPU: a loaded machine does not count against it
        checkpoint()
    assert budget is not None and budget.stopped is None and budget.checks == 1


def test_budgets_nest_and_restore() -> None:
    with cpu_budget(5) as outer:
        with cpu_budget(1) as inner:
            assert current_budget() is inner
        assert current_budget() is outer


def test_cheap_steps_skip_the_clock_dear_steps_do_not() -> None:
    """Reading the CPU clock is a system call: cheap loops look at it rarely."""
    with cpu_budget(3600) as budget:
        assert budget is not None
        for _ in range(10_000):
            checkpoint("rows")
        assert budget._skip > 0  # cheap steps: the clock is read now and then
        checkpoint("dear loop")  # a new loop always looks
        assert budget._skip == 0


def test_a_dear_loop_after_a_cheap_one_still_stops_in_time() -> None:
    with pytest.raises(CpuBudgetExceeded), cpu_budget(0.05):
        for _ in range(100_000):
            checkpoint("rows")
        started = time.thread_time()
        try:
            while True:
                checkpoint("dear")
                _burn(0.005)
        finally:
            overshoot = time.thread_time() - started
    assert overshoot < 0.1


def test_plan_simulation_stops_under_a_tiny_budget() -> None:
    """The Monte Carlo forecast checks the budget per permit (vectorised over samples)."""
    start = date(2026, 3, 2)
    permits = benchmark_permits()
    constraints = derive_constraints(permits)
    schedule = compute_schedule(permits, start, constraints)
    model = RiskModel.from_schedule(permits, schedule, date(2027, 9, 2), constraints)
    assert simulate(model, start, 500).n_samples == 500  # no budget: runs
    with pytest.raises(CpuBudgetExceeded) as caught, cpu_budget(1e-6):
        simulate(model, start, 500)
    assert caught.value.where == "plan simulation"
