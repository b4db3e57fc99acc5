"""Demo business areas for tests, generated once per test process (ADR 0015).

``landmap_demo_load`` spends most of its time in ``generate_areas`` (seeded
geometry, distances to infrastructure). The output depends only on
``(count, seed)`` and the reference layers (the files in the layers folder are
part of the cache key), so the generated field values are kept per process
and every test still runs the real ``landmap_demo_load`` (its transaction,
bulk insert and audit event) on fresh, unsaved copies.
``tests/landmap/test_demo_cache.py`` proves the copies equal a fresh generation.
"""

from __future__ import annotations

from typing import Any

import pytest

from rodloeber.landmap import demo
from rodloeber.landmap.models import BusinessArea
from rodloeber.layers.paths import layers_dir

_FIELDS: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
_REAL_GENERATE = demo.generate_areas


def field_values(area: BusinessArea) -> dict[str, Any]:
    """Every stored column of an unsaved area (``pk`` excluded)."""
    return {
        f.attname: getattr(area, f.attname)
        for f in BusinessArea._meta.concrete_fields
        if not f.primary_key
    }


def generated(count: int, seed: int) -> list[BusinessArea]:
    """Fresh unsaved copies of ``generate_areas(count, seed)``, computed once per process."""
    folder = layers_dir()
    files = sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob("*.gpkg"))
    key = (count, seed, str(folder), tuple(files))
    if key not in _FIELDS:
        _FIELDS[key] = [field_values(a) for a in _REAL_GENERATE(count, seed)]
    return [BusinessArea(**values) for values in _FIELDS[key]]


def demo_load(monkeypatch: pytest.MonkeyPatch, *, count: int, seed: int) -> demo.DemoResult:
    """``landmap_demo_load(count=, seed=)`` with the generation served from the cache."""
    monkeypatch.setattr(demo, "generate_areas", generated)
    try:
        return demo.landmap_demo_load(count=count, seed=seed)
    finally:
        monkeypatch.setattr(demo, "generate_areas", _REAL_GENERATE)
