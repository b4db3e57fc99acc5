"""Adapter to the screening engine (``rodloeber.layers.screening_service``).

Kept small so the parks app depends on one function: screen a GeoJSON
geometry (EPSG:4326) and return the report in the ScreeningReport shape plus
the versions of the layers it used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shapely.geometry.base import BaseGeometry

from rodloeber.domain.screening import (
    AreaOfInterest,
    GeometryLimits,
    checked_projected,
    parse_area,
    to_exchange,
)
from rodloeber.domain.screening.errors import GeometryError
from rodloeber.layers import screening_service
from rodloeber.layers.geography import municipalities_meeting


@dataclass(frozen=True)
class ScreeningOutcome:
    report: dict[str, Any]
    layer_versions: dict[str, str]

    @property
    def excluded(self) -> bool:
        return bool(self.report.get("excluded"))


#: Sanity limits for an industrial park area (not legal thresholds): the 2025
#: applications were some tens to some hundred hectares; below 1 ha is almost
#: certainly a wrong unit or a stray polygon, above 10,000 ha (100 km²) a wrong file.
PARK_LIMITS = GeometryLimits(min_area_ha=1.0, max_area_ha=10_000.0)


def check_area(geometry: object) -> AreaOfInterest:
    """Validate and reproject (raises ``GeometryError`` with da/en messages).

    Beyond the bounding box of :func:`parse_area` (which also holds Malmö and
    Flensburg), the area must touch a Danish municipality (DAGI, bundled).
    """
    area = parse_area(geometry, PARK_LIMITS)
    return _in_a_municipality(area, to_exchange(area.geometry))


def check_read_area(internal: BaseGeometry, exchange: BaseGeometry) -> AreaOfInterest:
    """An area read from a file and reprojected once (``parks.area_upload``):
    the same park limits as :func:`check_area`, without parsing it again."""
    return _in_a_municipality(checked_projected(internal, exchange, PARK_LIMITS), exchange)


def _in_a_municipality(area: AreaOfInterest, exchange: BaseGeometry) -> AreaOfInterest:
    if not municipalities_meeting(exchange):
        raise GeometryError(
            "outside_denmark",
            "Arealet ligger ikke i en dansk kommune (fx i havet eller i udlandet).",
            "The area does not lie in a Danish municipality (e.g. at sea or abroad).",
        )
    return area


def screen_area(geometry: object | AreaOfInterest) -> ScreeningOutcome:
    """Screen a park area: parsed and reprojected once, with the park limits
    (pass the :class:`AreaOfInterest` when the caller has already checked it)."""
    area = geometry if isinstance(geometry, AreaOfInterest) else check_area(geometry)
    report = screening_service.screen_area(area).to_dict()
    layers = report.get("layers")
    versions = {
        str(layer["name"]): str(layer["version"])
        for layer in (layers if isinstance(layers, list) else [])
        if isinstance(layer, dict)
    }
    return ScreeningOutcome(report=dict(report), layer_versions=versions)
