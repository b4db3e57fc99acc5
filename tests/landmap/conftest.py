"""Demo areas for land-map tests (a few hundred, seeded; bundled reference data)."""

from __future__ import annotations

from typing import Any

import pytest

from rodloeber.landmap.models import BusinessArea


@pytest.fixture
def areas(db: Any) -> list[BusinessArea]:
    from rodloeber.landmap.demo import landmap_demo_load

    landmap_demo_load(count=300, seed=7)
    return list(BusinessArea.objects.all())
