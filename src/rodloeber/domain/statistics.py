"""Statistics maths for the public figures (offentlig statistik): median, P90,
shares, quarter bucketing and small-group suppression (diskretionering).

Framework-free (no Django). Conventions, also in ADR 0011:

* **Median**: the middle value; the mean of the two middle values when the
  number of values is even.
* **P90**: nearest-rank percentile — the value at rank ``ceil(0.9 · n)`` of the
  sorted values (always an observed value, easy to recompute by hand).
* **Suppression**: a group with ``0 < n < min_group`` is shown as "–"
  (primary suppression). When exactly one cell of a breakdown is suppressed,
  the smallest other non-zero cell is suppressed too (complementary
  suppression), so the hidden value cannot be recovered from the total.
  Zero is shown: it identifies no company.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

#: Shown instead of a suppressed figure.
SUPPRESSED_MARK = "–"


def median(values: Sequence[float]) -> float | None:
    """The median of ``values``; ``None`` for no values."""
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[mid])
    return (ordered[mid - 1] + ordered[mid]) / 2


def percentile(values: Sequence[float], p: float) -> float | None:
    """Nearest-rank percentile (``0 < p <= 100``); ``None`` for no values."""
    if not 0 < p <= 100:
        raise ValueError("p must be in (0, 100]")
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return float(ordered[rank - 1])


def p90(values: Sequence[float]) -> float | None:
    """The 90th percentile (nearest rank)."""
    return percentile(values, 90)


def is_small(n: int, min_group: int) -> bool:
    """True when a group of ``n`` must be suppressed (``0 < n < min_group``)."""
    return 0 < n < min_group


@dataclass(frozen=True)
class DurationSummary:
    """Processing times of one group (behandlingstider): n, median, P90, share
    within the service target. All figures are ``None`` when suppressed."""

    n: int | None
    median_days: float | None
    p90_days: float | None
    target_days: int | None
    within_target: int | None
    share_within_target: float | None
    suppressed: bool


def summarize_durations(
    days: Sequence[float], *, min_group: int, target_days: int | None = None
) -> DurationSummary:
    """Median, P90 and share within ``target_days`` of ``days`` (suppressed if small)."""
    n = len(days)
    if is_small(n, min_group):
        return DurationSummary(None, None, None, target_days, None, None, True)
    within = None if target_days is None else sum(1 for d in days if d <= target_days)
    share = None if within is None or n == 0 else within / n
    return DurationSummary(n, median(days), p90(days), target_days, within, share, False)


def suppress_counts(counts: Mapping[str, int], *, min_group: int) -> dict[str, int | None]:
    """Counts per category with small cells replaced by ``None``.

    Primary suppression hides ``0 < n < min_group``; if that hides exactly one
    cell, the smallest remaining non-zero cell is hidden as well.
    """
    out: dict[str, int | None] = {
        k: (None if is_small(v, min_group) else v) for k, v in counts.items()
    }
    hidden = [k for k, v in out.items() if v is None]
    if len(hidden) == 1:
        candidates = sorted((v, k) for k, v in out.items() if v)
        if candidates:
            out[candidates[0][1]] = None
    return out


def suppressed_total(counts: Mapping[str, int], *, min_group: int) -> int | None:
    """The total of a breakdown, or ``None`` if the total itself is small."""
    total = sum(counts.values())
    return None if is_small(total, min_group) else total


@dataclass(frozen=True)
class Share:
    """A share (andel) ``part / whole``; ``None`` values when suppressed."""

    part: int | None
    whole: int | None
    share: float | None
    suppressed: bool


def share(part: int, whole: int, *, min_group: int) -> Share:
    """``part / whole`` unless the whole group is small (then suppressed)."""
    if is_small(whole, min_group):
        return Share(None, None, None, True)
    return Share(part, whole, (part / whole) if whole else None, False)


def quarter_of(day: date) -> str:
    """The calendar quarter of ``day`` as ``"2026-K3"`` (kvartal)."""
    return f"{day.year}-K{(day.month - 1) // 3 + 1}"


def quarters_between(first: date, last: date) -> list[str]:
    """Every quarter label from ``first``'s quarter to ``last``'s, in order."""
    if last < first:
        return []
    out = []
    year, q = first.year, (first.month - 1) // 3 + 1
    end = (last.year, (last.month - 1) // 3 + 1)
    while (year, q) <= end:
        out.append(f"{year}-K{q}")
        q += 1
        if q == 5:
            year, q = year + 1, 1
    return out


def bucket_by_quarter(days: Iterable[date]) -> dict[str, int]:
    """Number of dates per quarter label (only quarters that occur)."""
    out: dict[str, int] = {}
    for d in days:
        key = quarter_of(d)
        out[key] = out.get(key, 0) + 1
    return out


def display(value: float | int | None, *, decimals: int = 0) -> str:
    """A figure for a table cell: the number, or "–" when suppressed/missing."""
    if value is None:
        return SUPPRESSED_MARK
    if decimals == 0:
        return str(round(value))
    return f"{value:.{decimals}f}"
