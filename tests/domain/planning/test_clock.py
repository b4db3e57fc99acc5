from datetime import date

import pytest

from rodloeber.domain.planning.clock import (
    EXTENSION_RULES,
    PAUSE_REASONS,
    Clock,
    Extension,
    Interval,
    Pause,
    advance_skipping,
    excluded_intervals,
    extension_rules_for,
    merge_intervals,
    unblocked_days,
)
from rodloeber.domain.planning.errors import ExtensionError, InvalidPauseError, PlanningError

START = date(2026, 3, 2)


def test_deadline_without_pauses_matches_contract_example() -> None:
    clock = Clock(START, 18)
    assert clock.deadline() == date(2027, 9, 2)
    assert clock.budget_days == 549
    assert clock.remaining_days(START) == 549


def test_month_end_start() -> None:
    assert Clock(date(2026, 1, 31), 1).deadline() == date(2026, 2, 28)
    assert Clock(date(2027, 8, 31), 6).deadline() == date(2028, 2, 29)


def test_clock_stopping_pause_moves_deadline() -> None:
    pause = Pause("applicant_supplementing", date(2026, 5, 1), date(2026, 5, 11))
    clock = Clock(START, 18, pauses=(pause,))
    assert clock.deadline() == date(2027, 9, 12)
    assert clock.elapsed_days(date(2026, 5, 11)) == 70 - 10
    assert clock.remaining_days(date(2026, 5, 11)) == 549 - 60


def test_pause_spanning_easter_counts_calendar_days() -> None:
    # Paused Mon 30 March to Mon 13 April 2026 (Easter holidays inside): 14 days.
    pause = Pause("eia_report_preparation", date(2026, 3, 30), date(2026, 4, 13))
    assert Clock(START, 12, pauses=(pause,)).deadline() == date(2027, 3, 16)


def test_non_stopping_pause_leaves_deadline() -> None:
    assert not PAUSE_REASONS["statutory_hearing"].stops_clock
    pause = Pause("statutory_hearing", date(2026, 5, 1), date(2026, 6, 1))
    assert Clock(START, 18, pauses=(pause,)).deadline() == date(2027, 9, 2)


def test_overlapping_pauses_count_once_and_before_start_is_clipped() -> None:
    pauses = (
        Pause("applicant_supplementing", date(2026, 5, 1), date(2026, 5, 11)),
        Pause("force_majeure", date(2026, 5, 6), date(2026, 5, 16)),
        Pause("appeal", date(2026, 2, 1), date(2026, 3, 4)),  # 2 days after the start
    )
    clock = Clock(START, 18, pauses=pauses)
    assert clock.deadline() == date(2027, 9, 2 + 15 + 2)


def test_status_during_open_pause() -> None:
    pause = Pause("appeal", date(2026, 4, 1))
    clock = Clock(START, 18, pauses=(pause,))
    status = clock.status(date(2026, 4, 11))
    assert not status.running
    assert status.elapsed_days == 30
    assert status.stopped_days == 10
    assert status.remaining_days == 519
    assert status.deadline == date(2027, 9, 13)  # assumed to resume tomorrow
    assert clock.status(date(2026, 3, 10)).running


def test_pause_expected_resume() -> None:
    pause = Pause("appeal", date(2026, 4, 1), expected_resume=date(2026, 6, 30))
    assert Clock(START, 18, pauses=(pause,)).deadline() == date(2027, 12, 1)


def test_pause_after_deadline_ignored_but_pause_just_before_counts() -> None:
    late = Pause("appeal", date(2027, 10, 1), date(2027, 11, 1))
    assert Clock(START, 18, pauses=(late,)).deadline() == date(2027, 9, 2)
    edge = Pause("appeal", date(2027, 9, 1), date(2027, 9, 3))
    assert Clock(START, 18, pauses=(edge,)).deadline() == date(2027, 9, 4)


def test_unknown_reason_and_bad_dates() -> None:
    with pytest.raises(InvalidPauseError) as exc:
        Clock(START, 18, pauses=(Pause("coffee", START, date(2026, 3, 5)),))
    assert "coffee" in exc.value.message_da
    assert "Unknown pause reason" in exc.value.message_en
    with pytest.raises(InvalidPauseError):
        Clock(START, 18, pauses=(Pause("appeal", date(2026, 4, 1), date(2026, 4, 1)),))


def test_nzia_extension_three_months_once() -> None:
    rules = extension_rules_for("NZIA Art. 9(1) >= 1 GW")
    clock = Clock(START, 18, extensions=(Extension(3, "Komplekst projekt"),), rules=rules)
    assert clock.deadline() == date(2027, 12, 2)
    with pytest.raises(ExtensionError):
        Clock(START, 18, extensions=(Extension(4, "for lang"),), rules=rules)
    with pytest.raises(ExtensionError) as exc:
        Clock(START, 18, extensions=(Extension(1, "a"), Extension(1, "b")), rules=rules)
    assert "9(6)" in exc.value.message_en
    with pytest.raises(ExtensionError):
        Clock(START, 18, extensions=(Extension(3, "   "),), rules=rules)
    ok = Clock(
        START,
        18,
        extensions=(Extension(3, "a"), Extension(6, "sundhed", kind="health_safety")),
        rules=rules,
    )
    assert ok.deadline() == date(2028, 6, 2)


def test_crma_extension_limits() -> None:
    extraction = extension_rules_for("CRMA Art. 11(1) extraction")
    assert Clock(START, 27, extensions=(Extension(6, "x"),), rules=extraction).extension_months == 6
    other = extension_rules_for("CRMA Art. 11(1) processing")
    with pytest.raises(ExtensionError):
        Clock(START, 15, extensions=(Extension(6, "x"),), rules=other)
    assert extension_rules_for("L 206 fast track") == EXTENSION_RULES["default"]
    with pytest.raises(ExtensionError):
        Clock(START, 18, extensions=(Extension(3, "x", kind="health_safety"),))


def test_extension_must_be_decided_while_running() -> None:
    with pytest.raises(ExtensionError):
        Clock(START, 18, extensions=(Extension(3, "sent", decided_on=date(2027, 10, 1)),))
    assert isinstance(ExtensionError("a", "b"), PlanningError)


def test_interval_helpers() -> None:
    ivs = merge_intervals(
        [
            Interval(date(2026, 1, 10), date(2026, 1, 20)),
            Interval(date(2026, 1, 1), date(2026, 1, 5)),
            Interval(date(2026, 1, 5), date(2026, 1, 8)),
            Interval(date(2026, 1, 12), date(2026, 1, 15)),
            Interval(date(2026, 2, 1), date(2026, 2, 1)),  # empty, dropped
        ]
    )
    assert ivs == (
        Interval(date(2026, 1, 1), date(2026, 1, 8)),
        Interval(date(2026, 1, 10), date(2026, 1, 20)),
    )
    assert unblocked_days(date(2026, 1, 1), date(2026, 1, 31), ivs) == 30 - 7 - 10
    assert advance_skipping(date(2026, 1, 1), 3, ivs) == date(2026, 1, 21)
    assert advance_skipping(date(2026, 1, 8), 2, ivs) == date(2026, 1, 10)
    assert advance_skipping(date(2026, 1, 3), 0, ivs) == date(2026, 1, 8)


def test_excluded_periods_stop_the_clock_once_even_when_a_pause_overlaps() -> None:
    """CRMA Art. 11(3): the EIA step does not count; a pause inside it is not counted twice."""
    spans = {
        "eia_permit": (date(2026, 2, 1), date(2026, 5, 1)),  # starts before the clock
        "eia_screening": (date(2026, 4, 1), date(2026, 6, 1)),  # overlaps: counted once
        "building_permit": (START, date(2026, 8, 1)),
    }
    ivs = excluded_intervals(spans, ["eia_permit", "eia_screening", "unknown"], START)
    assert ivs == (Interval(START, date(2026, 6, 1)),)
    pause = Pause("applicant_supplementing", date(2026, 5, 1), date(2026, 7, 1))
    clock = Clock(START, 12, pauses=(pause,), excluded=ivs)
    assert clock.excluded_days == (date(2026, 6, 1) - START).days
    stopped = (date(2026, 7, 1) - START).days  # union of exclusion and pause
    assert clock.deadline() == date(2027, 3, 2) + (date(2026, 7, 1) - START)
    assert clock.status(date(2026, 7, 1)).stopped_days == stopped
    assert excluded_intervals(spans, [], START) == ()
