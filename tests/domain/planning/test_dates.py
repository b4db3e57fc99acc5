from datetime import date

from rodloeber.domain.planning.dates import format_date, format_month


def test_danish_dates_use_abbreviations_with_a_full_stop_except_may() -> None:
    assert format_date(date(2026, 12, 4), "da") == "4. dec. 2026"
    assert format_date(date(2027, 5, 1), "da") == "1. maj 2027"
    assert format_month(date(2026, 9, 1), "da") == "sep. 2026"


def test_english_dates() -> None:
    assert format_date(date(2026, 12, 4), "en") == "4 Dec 2026"
    assert format_month(date(2027, 5, 1), "en") == "May 2027"
