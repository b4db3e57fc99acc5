from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rodloeber.domain.planning.clock import Interval
from rodloeber.domain.planning.errors import (
    CycleError,
    DuplicatePermitError,
    InvalidDurationError,
    MissingPrerequisiteError,
)
from rodloeber.domain.planning.schedule import TaskConstraint, build_graph, compute_schedule
from rodloeber.domain.planning.templates import MilestoneSpec
from rodloeber.domain.planning.testing import Duration, PermitType, make_permit
from tests.domain.planning.strategies import permit_dags

START = date(2026, 3, 2)


def _simple() -> tuple[PermitType, ...]:
    return (
        make_permit("a", 30),
        make_permit("b", 45, ("a",)),
        make_permit("c", 20),
    )


def test_hand_computed_chain_and_parallel() -> None:
    s = compute_schedule(_simple(), START)
    assert (s.tasks["a"].start, s.tasks["a"].end) == (START, date(2026, 4, 1))
    assert (s.tasks["b"].start, s.tasks["b"].end) == (date(2026, 4, 1), date(2026, 5, 16))
    assert (s.tasks["c"].start, s.tasks["c"].end) == (START, date(2026, 3, 22))
    assert s.end == date(2026, 5, 16)
    assert s.critical_path == ("a", "b")
    assert s.tasks["c"].total_float_days == 55
    assert s.tasks["c"].latest_start == date(2026, 4, 26)
    assert s.tasks["a"].on_critical_path and not s.tasks["c"].on_critical_path
    assert s.tasks["b"].binding_predecessor == "a"


def test_join_takes_latest_prerequisite() -> None:
    permits = (
        make_permit("x", 10),
        make_permit("y", 40),
        make_permit("z", 5, ("x", "y")),
    )
    s = compute_schedule(permits, START)
    assert s.tasks["z"].start == START + timedelta(days=40)
    assert s.critical_path == ("y", "z")
    assert s.tasks["x"].total_float_days == 30


def test_pause_stretches_permit_and_successors() -> None:
    blocked = (Interval(date(2026, 3, 10), date(2026, 3, 20)),)
    s = compute_schedule(_simple(), START, {"a": TaskConstraint(blocked=blocked)})
    assert s.tasks["a"].end == date(2026, 4, 11)
    assert s.tasks["a"].base_duration_days == 30
    assert s.tasks["a"].duration_days == 40
    assert s.tasks["b"].end == date(2026, 5, 26)


def test_constraints_fixed_and_min_dates() -> None:
    c = {
        "a": TaskConstraint(fixed_start=date(2026, 3, 5), fixed_end=date(2026, 4, 20)),
        "c": TaskConstraint(min_end=date(2026, 7, 1)),
        "b": TaskConstraint(duration_days=0),
    }
    s = compute_schedule(_simple(), START, c)
    assert s.tasks["a"].start == date(2026, 3, 5)
    assert s.tasks["b"].start == s.tasks["b"].end == date(2026, 4, 20)
    assert s.tasks["b"].base_duration_days == 0
    assert s.tasks["c"].end == date(2026, 7, 1)
    assert s.critical_path == ("c",)


def test_cycle_error_names_the_cycle() -> None:
    permits = (
        make_permit("a", 10, ("c",)),
        make_permit("b", 10, ("a",)),
        make_permit("c", 10, ("b",)),
        make_permit("d", 10),
    )
    with pytest.raises(CycleError) as exc:
        build_graph(permits)
    assert set(exc.value.cycle) == {"a", "b", "c"}
    assert exc.value.cycle[0] == exc.value.cycle[-1]
    assert "cirkulær" in exc.value.message_da
    assert "cycle" in exc.value.message_en


def test_self_dependency_is_a_cycle() -> None:
    with pytest.raises(CycleError):
        build_graph((make_permit("a", 10, ("a",)),))


def test_missing_prerequisite_and_duplicates() -> None:
    with pytest.raises(MissingPrerequisiteError) as exc:
        build_graph((make_permit("building_permit", 50, ("local_plan",)),))
    assert exc.value.missing == ("local_plan",)
    assert "local_plan" in exc.value.message_da
    with pytest.raises(DuplicatePermitError):
        build_graph((make_permit("a", 1), make_permit("a", 2)))


def test_invalid_duration_and_milestones() -> None:
    bad = PermitType("a", Duration(10, 5, 20))
    with pytest.raises(InvalidDurationError):
        build_graph((bad,))
    bad_ms = PermitType("a", Duration(1, 2, 3), milestones=(MilestoneSpec("decision", at=1.5),))
    with pytest.raises(InvalidDurationError):
        build_graph((bad_ms,))
    twice = PermitType(
        "a", Duration(1, 2, 3), milestones=(MilestoneSpec("decision"), MilestoneSpec("decision"))
    )
    with pytest.raises(InvalidDurationError):
        build_graph((twice,))


def test_topological_order_keeps_input_order_when_free() -> None:
    g = build_graph((make_permit("c", 1), make_permit("a", 1, ("c",)), make_permit("b", 1)))
    assert g.order == ("c", "a", "b")
    assert g.successors["c"] == ("a",)


def test_empty_plan() -> None:
    s = compute_schedule((), START)
    assert s.end == START and s.critical_path == ()


@settings(max_examples=150, deadline=None)
@given(permit_dags())
def test_property_critical_path_length_equals_end_minus_start(
    permits: tuple[PermitType, ...],
) -> None:
    s = compute_schedule(permits, START)
    capped = [p.code for p in permits if p.counts_toward_cap]
    end = s.end_of(capped) if capped else s.end  # the cap's path ends at the capped end
    length = sum(s.tasks[c].duration_days for c in s.critical_path)
    assert length == (end - s.start).days
    assert s.tasks[s.critical_path[-1]].end == end
    for a, b in zip(s.critical_path, s.critical_path[1:], strict=False):
        assert s.tasks[a].end == s.tasks[b].start
    assert all(s.tasks[c].on_critical_path for c in s.critical_path if s.tasks[c].in_cap)
    assert all(t.total_float_days >= 0 for t in s.tasks.values())
    assert not any(t.on_critical_path for t in s.tasks.values() if not t.in_cap)


@settings(max_examples=150, deadline=None)
@given(
    permit_dags(),
    st.integers(min_value=0, max_value=7),
    st.integers(min_value=-50, max_value=400),
    st.integers(min_value=1, max_value=90),
)
def test_property_adding_a_pause_never_makes_the_end_earlier(
    permits: tuple[PermitType, ...], which: int, offset: int, length: int
) -> None:
    before = compute_schedule(permits, START)
    code = permits[which % len(permits)].code
    pause_start = START + timedelta(days=offset)
    blocked = (Interval(pause_start, pause_start + timedelta(days=length)),)
    after = compute_schedule(permits, START, {code: TaskConstraint(blocked=blocked)})
    assert after.end >= before.end
    for c, task in after.tasks.items():
        assert task.end >= before.tasks[c].end
