"""Demo areas for land-map tests (a few hundred, seeded; bundled reference data)."""

from __future__ import annotations

from typing import Any

import pytest

from rodloeber.landmap.models import BusinessArea
from tests.landmap.demo_cache import demo_load


@pytest.fixture
def areas(db: Any, monkeypatch: pytest.MonkeyPatch) -> list[BusinessArea]:
    from rodloeber.landmap.tiles import reset_land_tiles

    demo_load(monkeypatch, count=300, seed=7)
    reset_land_tiles()  # the test transaction never commits, so on_commit does not run
    return list(BusinessArea.objects.all())
