from datetime import date

import pytest

from rodloeber.domain.planning.calendar import (
    AUTHORITY_CLOSING_DAYS,
    DanishCalendar,
    DayUnit,
    add_months,
    default_calendar,
)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 10, 31), 1, date(2026, 11, 30)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 3, 2), 18, date(2027, 9, 2)),  # docs/api.md example (plan preview)
        (date(2026, 8, 31), 18, date(2028, 2, 29)),
        (date(2026, 1, 1), -1, date(2025, 12, 1)),
        (date(2026, 5, 5), 0, date(2026, 5, 5)),
    ],
)
def test_add_months_clamps_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_easter_2026_working_days() -> None:
    cal = default_calendar()
    # Maundy Thursday 2 Apr, Good Friday 3 Apr, Easter Monday 6 Apr 2026.
    assert not cal.is_working_day(date(2026, 4, 2))
    assert not cal.is_working_day(date(2026, 4, 3))
    assert not cal.is_working_day(date(2026, 4, 6))
    assert cal.add_working_days(date(2026, 4, 1), 1) == date(2026, 4, 7)
    assert cal.working_days_between(date(2026, 3, 30), date(2026, 4, 10)) == 6


def test_ascension_and_whit_monday_2026() -> None:
    cal = default_calendar()
    assert cal.is_holiday(date(2026, 5, 14))  # Kristi himmelfartsdag
    assert cal.is_holiday(date(2026, 5, 25))  # 2. pinsedag
    # Wed 13 May + 2 working days skips Thu 14 (holiday): Fri 15, Mon 18.
    assert cal.add_working_days(date(2026, 5, 13), 2) == date(2026, 5, 18)


def test_great_prayer_day_abolished_from_2024() -> None:
    cal = default_calendar()
    assert cal.is_holiday(date(2023, 5, 5))  # store bededag 2023
    assert cal.is_working_day(date(2024, 4, 26))


def test_christmas_and_authority_closing_days() -> None:
    public = DanishCalendar()
    closing = DanishCalendar(extra_closed=AUTHORITY_CLOSING_DAYS)
    assert public.is_working_day(date(2026, 12, 24))
    assert not closing.is_working_day(date(2026, 12, 24))
    # Wed 23 Dec 2026 + 1: 24th (Thu) open by law, closed at the authority.
    assert public.add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 24)
    # Closed 24, 25, 26 (Sat), 27 (Sun) → Mon 28.
    assert closing.add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 28)
    assert DanishCalendar(extra_closed_dates=frozenset({date(2026, 6, 8)})).is_holiday(
        date(2026, 6, 8)
    )


def test_weekends_and_backwards() -> None:
    cal = default_calendar()
    assert cal.add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)  # Fri → Mon
    assert cal.add_working_days(date(2026, 3, 9), -1) == date(2026, 3, 6)
    assert cal.add_working_days(date(2026, 3, 7), 0) == date(2026, 3, 7)
    assert cal.next_working_day(date(2026, 3, 7)) == date(2026, 3, 9)
    assert cal.working_days_between(date(2026, 3, 13), date(2026, 3, 2)) == -9


def test_add_days_units_and_roundtrip() -> None:
    cal = default_calendar()
    start = date(2026, 3, 2)
    assert cal.add_days(start, 60, DayUnit.CALENDAR) == date(2026, 5, 1)
    end = cal.add_days(start, 60, "working")
    # 60 working days from 2 March 2026 cross Easter (3 days) and Ascension.
    assert end == date(2026, 6, 1)
    assert cal.days_between(start, end, DayUnit.WORKING) == 60
    assert cal.days_between(start, end) == (end - start).days
    assert cal.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
