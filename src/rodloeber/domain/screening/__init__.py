"""Screening of an area against § 13 of the industrial-parks law (screening).

Framework-free: parse and check a GeoJSON area (:func:`parse_area`), build the
spatial indexes once (:func:`build_index`), screen areas (:func:`screen`)
into a :class:`ScreeningReport` whose ``to_dict()`` is the public
``POST /api/v1/screening`` contract. No Django imports.
"""

from __future__ import annotations

from rodloeber.domain.screening.criteria import (
    EXCLUSIONS,
    ExclusionSpec,
    ScreeningSettings,
    voltage_class,
    voltage_kv,
)
from rodloeber.domain.screening.engine import build_index, screen
from rodloeber.domain.screening.errors import BodyTooLarge, GeometryError, ScreeningError
from rodloeber.domain.screening.geometry import (
    AreaOfInterest,
    GeometryLimits,
    check_complexity,
    checked_projected,
    parse_area,
    to_exchange,
    to_internal,
)
from rodloeber.domain.screening.index import LayerIndex, ScreeningIndex, subdivide
from rodloeber.domain.screening.labels import label_of
from rodloeber.domain.screening.report import (
    CriterionItem,
    ExclusionItem,
    MunicipalityShare,
    OverlapObject,
    ScreeningReport,
)

__all__ = [
    "EXCLUSIONS",
    "AreaOfInterest",
    "BodyTooLarge",
    "CriterionItem",
    "ExclusionItem",
    "ExclusionSpec",
    "GeometryError",
    "GeometryLimits",
    "LayerIndex",
    "MunicipalityShare",
    "OverlapObject",
    "ScreeningError",
    "ScreeningIndex",
    "ScreeningReport",
    "ScreeningSettings",
    "build_index",
    "check_complexity",
    "checked_projected",
    "label_of",
    "parse_area",
    "screen",
    "subdivide",
    "to_exchange",
    "to_internal",
    "voltage_class",
    "voltage_kv",
]
