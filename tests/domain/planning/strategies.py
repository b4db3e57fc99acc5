"""Hypothesis strategies for random permit DAGs."""

from __future__ import annotations

from hypothesis import strategies as st

from rodloeber.domain.planning.testing import Duration, PermitType


@st.composite
def permit_dags(draw: st.DrawFn, max_size: int = 8) -> tuple[PermitType, ...]:
    """Random acyclic permit sets: each permit may depend on earlier ones."""
    n = draw(st.integers(min_value=1, max_value=max_size))
    permits = []
    for i in range(n):
        low = draw(st.integers(min_value=0, max_value=200))
        likely = low + draw(st.integers(min_value=0, max_value=100))
        high = likely + draw(st.integers(min_value=0, max_value=150))
        deps = draw(st.sets(st.integers(min_value=0, max_value=i - 1), max_size=3)) if i else set()
        permits.append(
            PermitType(
                code=f"p{i}",
                duration=Duration(low, likely, high),
                depends_on=tuple(f"p{d}" for d in sorted(deps)),
                counts_toward_cap=draw(st.booleans()) or i == 0,
            )
        )
    order = draw(st.permutations(permits))
    return tuple(order)
