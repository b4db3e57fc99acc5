"""Calendar arithmetic (kalender: kalenderdage, arbejdsdage og måneder).

* Calendar days (kalenderdage) are plain ``date`` differences.
* Working days (arbejdsdage / hverdage) skip Saturdays, Sundays and Danish
  public holidays (helligdage) from the ``holidays`` package, plus any extra
  closing days an authority configures (e.g. 24 and 31 December, 5 June).
* Months (måneder) are calendar months, as caps are: the day of month is kept
  and clamped at the end of the month, so 31 January + 1 month = 28/29 February.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

import holidays

__all__ = [
    "AUTHORITY_CLOSING_DAYS",
    "DanishCalendar",
    "DayUnit",
    "add_months",
    "default_calendar",
]

ONE_DAY = timedelta(days=1)

#: Days many Danish authorities close although they are not public holidays
#: (juleaftensdag, nytårsaftensdag, grundlovsdag). Opt-in, see ``DanishCalendar``.
AUTHORITY_CLOSING_DAYS: frozenset[tuple[int, int]] = frozenset({(12, 24), (12, 31), (6, 5)})


class DayUnit(StrEnum):
    """Unit of a day count (kalenderdage or arbejdsdage)."""

    CALENDAR = "calendar"
    WORKING = "working"


def add_months(d: date, months: int) -> date:
    """Add calendar months, clamping to the month's last day (månedsregning).

    ``add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)``.
    """
    index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(index, 12)
    last = _stdlib_calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(d.day, last))


@dataclass
class DanishCalendar:
    """Danish working-day calendar (dansk arbejdsdagskalender).

    ``extra_closed`` holds (month, day) pairs closed every year, e.g.
    :data:`AUTHORITY_CLOSING_DAYS`; ``extra_closed_dates`` holds single dates.
    """

    extra_closed: frozenset[tuple[int, int]] = frozenset()
    extra_closed_dates: frozenset[date] = frozenset()
    _closed_by_year: dict[int, frozenset[date]] = field(default_factory=dict, repr=False)

    def holidays_in(self, year: int) -> frozenset[date]:
        """Public holidays and extra closing days of ``year`` (helligdage)."""
        cached = self._closed_by_year.get(year)
        if cached is None:
            public: Iterable[date] = holidays.country_holidays("DK", years=year).keys()
            extra = {date(year, m, d) for m, d in self.extra_closed}
            extra |= {d for d in self.extra_closed_dates if d.year == year}
            cached = frozenset(public) | frozenset(extra)
            self._closed_by_year[year] = cached
        return cached

    def is_holiday(self, d: date) -> bool:
        """True on a Danish public holiday or configured closing day."""
        return d in self.holidays_in(d.year)

    def is_working_day(self, d: date) -> bool:
        """True Monday-Friday when not a holiday (hverdag)."""
        return d.weekday() < 5 and not self.is_holiday(d)

    def next_working_day(self, d: date) -> date:
        """``d`` itself when a working day, else the next working day."""
        while not self.is_working_day(d):
            d += ONE_DAY
        return d

    def add_working_days(self, d: date, n: int) -> date:
        """The date ``n`` working days after ``d`` (``d`` itself not counted).

        Negative ``n`` counts backwards; ``n == 0`` returns ``d`` unchanged.
        """
        step = ONE_DAY if n >= 0 else -ONE_DAY
        remaining = abs(n)
        while remaining:
            d += step
            if self.is_working_day(d):
                remaining -= 1
        return d

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in the half-open interval (start, end]; negative if end < start."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        d = start
        while d < end:
            d += ONE_DAY
            if self.is_working_day(d):
                count += 1
        return count

    def add_days(self, d: date, n: int, unit: DayUnit | str = DayUnit.CALENDAR) -> date:
        """Add ``n`` days in the given unit (kalenderdage or arbejdsdage)."""
        if DayUnit(unit) is DayUnit.WORKING:
            return self.add_working_days(d, n)
        return d + timedelta(days=n)

    def days_between(self, start: date, end: date, unit: DayUnit | str = DayUnit.CALENDAR) -> int:
        """Days from ``start`` to ``end`` in the given unit."""
        if DayUnit(unit) is DayUnit.WORKING:
            return self.working_days_between(start, end)
        return (end - start).days

    @staticmethod
    def add_months(d: date, months: int) -> date:
        """Calendar-month arithmetic, see :func:`add_months`."""
        return add_months(d, months)


_DEFAULT = DanishCalendar()


def default_calendar() -> DanishCalendar:
    """The shared calendar with public holidays only (cached holidays)."""
    return _DEFAULT
