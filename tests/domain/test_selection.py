"""Selection of industrial parks: the MILP optimum equals brute force."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rodloeber.domain.selection import (
    Candidate,
    SelectionError,
    conflicting_pairs,
    euclidean_km,
    select,
)


def brute_force(candidates: list[Candidate], n: int, k: int | None, d: float) -> float | None:
    best: float | None = None
    for combo in combinations(candidates, n):
        if k is not None:
            regions = [c.region for c in combo]
            if any(regions.count(r) > k for r in set(regions)):
                continue
        if d > 0 and any(euclidean_km(a, b) < d for a, b in combinations(combo, 2)):
            continue
        total = sum(c.score for c in combo)
        best = total if best is None else max(best, total)
    return best


candidate_lists = st.lists(
    st.builds(
        lambda score, region, x, y: (score, region, x, y),
        st.integers(0, 100),
        st.sampled_from(["1081", "1082", "1083", "1084", "1085"]),
        st.integers(0, 300_000),
        st.integers(0, 300_000),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=120, deadline=None)
@given(
    raw=candidate_lists,
    n=st.integers(1, 5),
    k=st.one_of(st.none(), st.integers(1, 3)),
    d=st.sampled_from([0.0, 20.0, 60.0, 120.0]),
)
def test_milp_equals_brute_force(
    raw: list[tuple[int, str, int, int]], n: int, k: int | None, d: float
) -> None:
    candidates = [
        Candidate(id=str(i), score=s, region=r, x=float(x), y=float(y))
        for i, (s, r, x, y) in enumerate(raw)
    ]
    n = min(n, len(candidates))
    expected = brute_force(candidates, n, k, d)
    if expected is None:
        with pytest.raises(SelectionError) as info:
            select(candidates, n, max_per_region=k, min_distance_km=d)
        assert info.value.code == "infeasible"
        return
    result = select(candidates, n, max_per_region=k, min_distance_km=d)
    assert result.objective == pytest.approx(expected)
    chosen = [c for c in candidates if c.id in result.chosen]
    assert len(chosen) == n
    assert sum(c.score for c in chosen) == pytest.approx(expected)
    if k is not None:
        regions = [c.region for c in chosen]
        assert all(regions.count(r) <= k for r in regions)
    # Every swap is a real alternative: forcing it in never improves the optimum.
    for swap in result.swaps:
        assert swap.id not in result.chosen
        if swap.objective_drop is not None:
            assert swap.objective_drop >= -1e-9


def test_greedy_would_be_wrong() -> None:
    # Greedy takes A (10) and then cannot take B or C (too close): 10 + 1 = 11.
    # The optimum takes B and C (9 + 9 = 18) — only possible without A.
    a = Candidate("A", 10, "r", 0, 0)
    b = Candidate("B", 9, "r", -40_000, 0)
    c = Candidate("C", 9, "r", 40_000, 0)
    far = Candidate("D", 1, "r", 500_000, 0)
    result = select([a, b, c, far], 2, min_distance_km=50)
    assert set(result.chosen) == {"B", "C"}
    assert result.objective == 18
    swap_a = next(s for s in result.swaps if s.id == "A")
    assert swap_a.objective_drop == pytest.approx(18 - 11)
    assert set(swap_a.leaves) == {"B", "C"}


def test_region_limit_and_swap_infeasible() -> None:
    cands = [Candidate(str(i), 10 - i, "north" if i < 3 else "south") for i in range(5)]
    result = select(cands, 3, max_per_region=2)
    assert set(result.chosen) == {"0", "1", "3"}
    assert "2" in {s.id for s in result.swaps}
    assert "højst 2 pr. region" in result.explanation("da")
    assert "at most 2 per region" in result.explanation("en")


def test_infeasible_is_a_bilingual_error() -> None:
    cands = [Candidate(str(i), 1, "same") for i in range(4)]
    with pytest.raises(SelectionError) as info:
        select(cands, 3, max_per_region=1)
    assert info.value.code == "infeasible"
    assert "ingen udvælgelse" in info.value.message_da


@pytest.mark.parametrize(
    ("n", "k", "d"), [(0, None, 0.0), (5, None, 0.0), (1, 0, 0.0), (1, None, -1.0)]
)
def test_bad_parameters(n: int, k: int | None, d: float) -> None:
    cands = [Candidate(str(i), 1) for i in range(3)]
    with pytest.raises(SelectionError):
        select(cands, n, max_per_region=k, min_distance_km=d)


def test_conflicts_use_custom_distance() -> None:
    cands = [Candidate("a", 1), Candidate("b", 1), Candidate("c", 1)]
    pairs = conflicting_pairs(cands, 5, lambda x, y: 1.0 if {x.id, y.id} == {"a", "b"} else 9.0)
    assert pairs == [(0, 1)]


# --- § 13 stk. 1 conditions are a hard constraint (issue 17 item 1) ----------


def brute_force_eligible(
    candidates: list[Candidate], n: int, k: int | None, d: float
) -> tuple[float, frozenset[str]] | None:
    """The best total over every subset of size ``n`` of the eligible candidates."""
    best: tuple[float, frozenset[str]] | None = None
    pool = [c for c in candidates if c.eligible]
    for combo in combinations(pool, n):
        if k is not None:
            regions = [c.region for c in combo]
            if any(regions.count(r) > k for r in set(regions)):
                continue
        if d > 0 and any(euclidean_km(a, b) < d for a, b in combinations(combo, 2)):
            continue
        total = float(sum(c.score for c in combo))
        if best is None or total > best[0]:
            best = (total, frozenset(c.id for c in combo))
    return best


rounds_up_to_14 = st.lists(
    st.tuples(
        st.integers(0, 100),
        st.sampled_from(["1081", "1082", "1083", "1084", "1085"]),
        st.integers(0, 300_000),
        st.integers(0, 300_000),
        st.booleans(),
    ),
    min_size=1,
    max_size=14,
)


@settings(max_examples=150, deadline=None)
@given(
    raw=rounds_up_to_14,
    n=st.integers(1, 5),
    k=st.one_of(st.none(), st.integers(1, 3)),
    d=st.sampled_from([0.0, 30.0, 90.0]),
)
def test_selection_equals_brute_force_and_never_takes_an_ineligible_area(
    raw: list[tuple[int, str, int, int, bool]], n: int, k: int | None, d: float
) -> None:
    candidates = [
        Candidate(str(i), float(s), r, float(x), float(y), eligible=e)
        for i, (s, r, x, y, e) in enumerate(raw)
    ]
    eligible = sum(c.eligible for c in candidates)
    if eligible == 0 or n > eligible:
        with pytest.raises(SelectionError) as info:
            select(candidates, n, max_per_region=k, min_distance_km=d)
        assert info.value.code in {"none_eligible", "too_few_eligible"}
        return
    expected = brute_force_eligible(candidates, n, k, d)
    if expected is None:
        with pytest.raises(SelectionError) as info:
            select(candidates, n, max_per_region=k, min_distance_km=d)
        assert info.value.code == "infeasible"
        return
    result = select(candidates, n, max_per_region=k, min_distance_km=d)
    assert result.objective == pytest.approx(expected[0])
    by_id = {c.id: c for c in candidates}
    assert len(result.chosen) == n
    assert all(by_id[i].eligible for i in result.chosen)
    assert set(result.ineligible) == {c.id for c in candidates if not c.eligible}
    assert all(by_id[s.id].eligible for s in result.swaps)


def test_high_score_with_a_condition_not_met_is_never_chosen() -> None:
    # The old weighted sum would take "star" (score 99) although it fails a condition.
    star = Candidate("star", 99, "r", eligible=False)
    ok = [Candidate(f"ok{i}", 10 - i, "r") for i in range(3)]
    result = select([star, *ok], 2)
    assert set(result.chosen) == {"ok0", "ok1"}
    assert result.ineligible == ("star",)
    assert "star" not in {s.id for s in result.swaps}
    assert "§ 13, stk. 1" in result.explanation("da")


def test_nothing_selectable_explains_why_and_what_to_do() -> None:
    with pytest.raises(SelectionError) as info:
        select([], 1)
    assert info.value.code == "no_candidates"
    assert "mellem 1 og 0" not in info.value.message_da
    with pytest.raises(SelectionError) as info:
        select([Candidate("a", 5, eligible=False)], 1)
    assert info.value.code == "none_eligible"
    assert "Vurdér betingelserne" in info.value.message_da
    with pytest.raises(SelectionError) as info:
        select([Candidate("a", 5), Candidate("b", 5, eligible=False)], 2)
    assert info.value.code == "too_few_eligible"
    assert "only 1 of 2" in info.value.message_en
