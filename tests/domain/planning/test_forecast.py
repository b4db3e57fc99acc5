from datetime import date

import pytest

from rodloeber.domain.planning.clock import Pause
from rodloeber.domain.planning.errors import InvalidPauseError, InvalidUpdateError
from rodloeber.domain.planning.forecast import (
    MilestoneUpdate,
    derive_constraints,
    milestone_dates,
)
from rodloeber.domain.planning.plan import build_plan
from rodloeber.domain.planning.schedule import compute_schedule
from rodloeber.domain.planning.testing import Cap, PermitType, make_permit

START = date(2026, 3, 2)


def _permits() -> tuple[PermitType, ...]:
    return (make_permit("a", 30), make_permit("b", 45, ("a",)), make_permit("c", 20))


def test_actual_decision_later_moves_successor_with_reasons() -> None:
    permits = _permits()
    baseline = build_plan(permits, clock_start=START, cap=Cap(12), n_samples=0)
    update = MilestoneUpdate("a", "decision", actual=date(2026, 4, 24), reason="nye høringssvar")
    current = build_plan(
        permits,
        clock_start=START,
        cap=Cap(12),
        updates=(update,),
        baseline=baseline,
        as_of=date(2026, 4, 24),
        n_samples=0,
    )
    assert current.permit("a").end == date(2026, 4, 24)
    assert current.permit("b").start == date(2026, 4, 24)
    assert current.permit("b").end == date(2026, 6, 8)
    assert current.permit("b").baseline_end == date(2026, 5, 16)
    decision_a = next(m for m in current.permit("a").milestones if m.kind == "decision")
    assert decision_a.status == "actual"
    changes = {(c.permit_code, c.kind): c for c in current.changes}
    a = changes[("a", "decision")]
    assert a.delta_days == 23
    assert a.message_en == "Moved 23 days later because nye høringssvar."
    assert a.message_da == "Flyttet 23 dage senere, fordi nye høringssvar."
    b = changes[("b", "decision")]
    assert b.message_en == "Moved 23 days later because prerequisite 'a' moved 23 days."
    assert "forudsætningen 'a'" in b.message_da
    # c is unaffected; it ends before as_of but has no actual date: forecast today.
    assert current.permit("c").end == date(2026, 4, 24)


def test_intermediate_forecast_reprojects_remaining_duration() -> None:
    permit = make_permit("a", 100)
    update = MilestoneUpdate("a", "hearing_start", forecast=date(2026, 7, 1), reason="forsinket")
    constraints = derive_constraints((permit,), (update,))
    # hearing_start is at 0.5: the remaining 50 days run from 1 July.
    assert constraints["a"].min_end == date(2026, 8, 20)
    s = compute_schedule((permit,), START, constraints)
    dates = {m.kind: m for m in milestone_dates(permit, s.tasks["a"], {"hearing_start": update})}
    assert dates["hearing_start"].date == date(2026, 7, 1)
    assert dates["hearing_start"].status == "forecast"
    assert dates["decision"].date == date(2026, 8, 20)
    assert dates["hearing_end"].date == date(2026, 7, 21)  # 0.7 between 0.5 and 1.0
    assert dates["appeal_period_end"].date == date(2026, 9, 17)
    assert dates["completeness_confirmed"].date > START


def test_actual_start_and_default_milestone_positions() -> None:
    permit = make_permit("a", 100)
    update = MilestoneUpdate("a", "application_submitted", actual=date(2026, 3, 12))
    plan = build_plan((permit,), clock_start=START, cap=Cap(12), updates=(update,), n_samples=0)
    p = plan.permit("a")
    assert p.start == date(2026, 3, 12)
    assert p.end == date(2026, 6, 20)
    got = {m.kind: m.date for m in p.milestones}
    assert got["completeness_confirmed"] == date(2026, 3, 22)
    assert got["hearing_start"] == date(2026, 5, 1)
    assert got["draft_decision"] == date(2026, 6, 5)


def test_forecast_decision_overrides_end() -> None:
    update = MilestoneUpdate("b", "decision", forecast=date(2026, 9, 1), reason="ny prognose")
    plan = build_plan(_permits(), clock_start=START, cap=Cap(12), updates=(update,), n_samples=0)
    assert plan.permit("b").end == date(2026, 9, 1)
    assert plan.expected_end == date(2026, 9, 1)


def test_case_wide_pause_moves_all_open_permits_and_clock() -> None:
    pause = Pause("force_majeure", date(2026, 3, 10), date(2026, 3, 20))
    plan = build_plan(_permits(), clock_start=START, cap=Cap(12), pauses=(pause,), n_samples=0)
    assert plan.permit("a").end == date(2026, 4, 11)
    assert plan.permit("c").end == date(2026, 4, 1)
    assert plan.cap_deadline == date(2027, 3, 12)


def test_update_errors() -> None:
    with pytest.raises(InvalidUpdateError):
        derive_constraints(_permits(), (MilestoneUpdate("zzz", "decision", actual=START),))
    with pytest.raises(InvalidUpdateError):
        derive_constraints(_permits(), (MilestoneUpdate("a", "party", actual=START),))
    with pytest.raises(InvalidUpdateError):
        derive_constraints(_permits(), (MilestoneUpdate("a", "decision"),))
    with pytest.raises(InvalidUpdateError):
        derive_constraints(_permits(), pauses=(Pause("appeal", START, permit_code="zzz"),))
    with pytest.raises(InvalidPauseError):
        derive_constraints(_permits(), pauses=(Pause("lunch", START),))


def test_earlier_change_message() -> None:
    permits = _permits()
    baseline = build_plan(permits, clock_start=START, cap=Cap(12), n_samples=0)
    update = MilestoneUpdate("c", "decision", actual=date(2026, 3, 21))
    current = build_plan(
        permits, clock_start=START, cap=Cap(12), updates=(update,), baseline=baseline, n_samples=0
    )
    change = next(c for c in current.changes if c.permit_code == "c" and c.kind == "decision")
    assert change.message_en == (
        "Moved 1 day earlier because the authority reported new dates (decision)."
    )
