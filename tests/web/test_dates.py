"""Dates the DKFDS way: "4. dec. 2026" on Danish pages, "4 Dec 2026" on English."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.utils import translation

from rodloeber.web.templatetags.rl_dates import day, format_day, format_daytime


def test_danish_and_english_formats() -> None:
    d = date(2026, 12, 4)
    assert format_day(d, "da") == "4. dec. 2026"
    assert format_day(d, "en") == "4 Dec 2026"
    assert format_day(date(2026, 5, 17), "da") == "17. maj 2026"
    assert format_day("2026-12-04", "da") == "4. dec. 2026"  # ISO text from the case JSON
    assert format_day(None) == "" and format_day("not a date") == "not a date"
    at = datetime(2026, 12, 4, 13, 5, tzinfo=UTC)  # 14:05 in Copenhagen
    assert format_daytime(at, "da") == "4. dec. 2026 kl. 14.05"
    assert format_daytime(at, "en") == "4 Dec 2026, 14:05"


def test_the_filter_follows_the_active_language() -> None:
    with translation.override("en"):
        assert day(date(2027, 1, 8)) == "8 Jan 2027"
    with translation.override("da"):
        assert day(date(2027, 1, 8)) == "8. jan. 2027"
