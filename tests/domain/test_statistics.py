"""Statistics maths (domain.statistics): hand-computed values and properties."""

from __future__ import annotations

import math
import statistics as py_stats
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as s

from rodloeber.domain import statistics as st


def test_median_odd_even_empty() -> None:
    assert st.median([5, 1, 3]) == 3
    assert st.median([30, 50, 90, 122]) == 70
    assert st.median([]) is None


def test_p90_nearest_rank() -> None:
    assert st.p90([30, 50, 90, 122]) == 122  # rank ceil(3.6) = 4
    assert st.p90(list(range(1, 11))) == 9  # rank ceil(9.0) = 9
    assert st.p90(list(range(1, 12))) == 10  # rank ceil(9.9) = 10
    assert st.p90([7]) == 7
    assert st.p90([]) is None
    with pytest.raises(ValueError):
        st.percentile([1], 0)


@given(s.lists(s.integers(0, 2000), min_size=1, max_size=60))
def test_percentiles_are_observed_and_ordered(values: list[int]) -> None:
    p = st.p90(values)
    assert p in values
    m = st.median(values)
    assert m == py_stats.median(values)
    assert m is not None and p is not None
    assert min(values) <= m <= max(values)
    assert sum(1 for v in values if v <= p) >= math.ceil(0.9 * len(values))


def test_suppression_rule() -> None:
    assert st.is_small(1, 3) and st.is_small(2, 3)
    assert not st.is_small(0, 3) and not st.is_small(3, 3)
    # two small cells: primary suppression only
    assert st.suppress_counts({"a": 4, "b": 2, "c": 1}, min_group=3) == {
        "a": 4,
        "b": None,
        "c": None,
    }
    # one small cell: the smallest other non-zero cell is hidden too (complementary)
    assert st.suppress_counts({"a": 10, "b": 2, "c": 5, "d": 0}, min_group=3) == {
        "a": 10,
        "b": None,
        "c": None,
        "d": 0,
    }
    assert st.suppress_counts({"a": 3, "b": 4}, min_group=3) == {"a": 3, "b": 4}


@given(s.dictionaries(s.text(min_size=1, max_size=3), s.integers(0, 20), max_size=8))
def test_suppressed_cells_cannot_be_recovered(counts: dict[str, int]) -> None:
    out = st.suppress_counts(counts, min_group=3)
    hidden = [k for k, v in out.items() if v is None]
    assert all(not st.is_small(v, 3) for v in out.values() if v is not None)
    assert len(hidden) != 1 or sum(1 for v in counts.values() if v) == 1


def test_summarize_durations() -> None:
    s1 = st.summarize_durations([30, 50, 90, 122], min_group=3, target_days=90)
    assert (s1.n, s1.median_days, s1.p90_days, s1.within_target) == (4, 70, 122, 3)
    assert s1.share_within_target == 0.75 and not s1.suppressed
    s2 = st.summarize_durations([10, 20], min_group=3, target_days=90)
    assert s2.suppressed and s2.n is None and s2.median_days is None
    s3 = st.summarize_durations([], min_group=3)
    assert s3.n == 0 and s3.median_days is None and not s3.suppressed


def test_share() -> None:
    assert st.share(3, 4, min_group=3).share == 0.75
    assert st.share(1, 2, min_group=3).suppressed
    assert st.share(0, 0, min_group=3).share is None


def test_quarters() -> None:
    assert st.quarter_of(date(2026, 3, 31)) == "2026-K1"
    assert st.quarter_of(date(2026, 4, 1)) == "2026-K2"
    assert st.quarters_between(date(2025, 11, 5), date(2026, 4, 1)) == [
        "2025-K4",
        "2026-K1",
        "2026-K2",
    ]
    assert st.quarters_between(date(2026, 1, 1), date(2025, 1, 1)) == []
    assert st.bucket_by_quarter([date(2025, 1, 1), date(2025, 2, 1), date(2025, 7, 1)]) == {
        "2025-K1": 2,
        "2025-K3": 1,
    }


def test_display() -> None:
    assert st.display(None) == "–"
    assert st.display(70.4) == "70"
    assert st.display(0.755, decimals=2) == "0.76"
