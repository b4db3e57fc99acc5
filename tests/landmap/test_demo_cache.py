"""The per-process cache of generated demo areas equals a fresh generation."""

from __future__ import annotations

from typing import Any

from rodloeber.landmap.demo import generate_areas
from tests.landmap.demo_cache import field_values, generated

MOVING = {"created_at", "updated_at"}  # set to "now" at generation


def _comparable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k not in MOVING}


def test_cached_copies_equal_a_fresh_generation(db: Any) -> None:
    first = generated(40, 13)
    again = generated(40, 13)
    fresh = generate_areas(40, 13)
    assert [_comparable(field_values(a)) for a in first] == [
        _comparable(field_values(a)) for a in fresh
    ]
    assert [field_values(a) for a in first] == [field_values(a) for a in again]
    assert all(a.pk is None and a._state.adding for a in first)
    assert first[0] is not again[0]  # every caller gets its own unsaved objects
