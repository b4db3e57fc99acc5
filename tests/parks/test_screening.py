"""A park area is parsed and reprojected once, with the park limits, then screened."""

from __future__ import annotations

from typing import Any

import pytest

from rodloeber.domain.screening import GeometryError, GeometryLimits, parse_area
from rodloeber.layers import screening_service
from rodloeber.parks.screening import PARK_LIMITS, check_area, screen_area
from tests.parks.conftest import area


def test_screening_uses_the_park_limits_not_the_general_ones() -> None:
    small = area(side=50)  # 0.25 ha: a fine screening request, not a plausible park
    parse_area(small, GeometryLimits())  # the general limits accept it
    with pytest.raises(GeometryError) as err:
        screen_area(small)
    assert err.value.code == "too_small"
    assert PARK_LIMITS.min_area_ha == 1.0


def test_the_area_is_parsed_once_per_screening(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Any] = []
    real = screening_service.parse_area

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(screening_service, "parse_area", counting)
    outcome = screen_area(area())
    assert calls == []  # parks parse with their own limits; the service screens the result
    assert outcome.report["area_ha"] == pytest.approx(check_area(area()).area_ha, rel=1e-6)
    assert outcome.layer_versions
