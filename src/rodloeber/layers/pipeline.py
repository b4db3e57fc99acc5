"""The import pipeline (importforløb): reproject → validate/repair → subdivide → number.

Pure in-memory work: nothing is written until the whole file has passed,
so a bad file never leaves a half-imported layer behind.
"""

from __future__ import annotations

import numpy as np
import shapely

from rodloeber.domain.geo import INTERNAL_CRS
from rodloeber.domain.geodata.crs import to_internal
from rodloeber.domain.geodata.subdivide import subdivide
from rodloeber.domain.geodata.table import FeatureTable
from rodloeber.domain.geodata.validate import (
    ImportLimits,
    RepairReport,
    check_limits,
    validate_and_repair,
)

FEATURE_ID = "rl_fid"  # original feature number; shared by the parts of a subdivided feature


def prepare(
    table: FeatureTable,
    *,
    limits: ImportLimits | None = None,
    force_repair: bool = False,
    subdivide_max_vertices: int | None = 256,
) -> tuple[FeatureTable, RepairReport]:
    """Turn a freshly read table (any CRS) into what is stored (EPSG:25832, valid)."""
    limits = limits or ImportLimits()
    check_limits(table, limits)
    present = ~shapely.is_missing(table.geometries)
    geoms = table.geometries.copy()
    geoms[present] = to_internal(table.geometries[present], table.crs)
    internal = FeatureTable(geometries=geoms, columns=table.columns, crs=INTERNAL_CRS)
    cleaned, report = validate_and_repair(internal, limits=limits, force_repair=force_repair)
    columns = {k: v for k, v in cleaned.columns.items() if k != FEATURE_ID}
    columns[FEATURE_ID] = list(range(len(cleaned)))
    cleaned = FeatureTable(geometries=cleaned.geometries, columns=columns, crs=INTERNAL_CRS)
    if subdivide_max_vertices:
        parts, source = subdivide(cleaned.geometries, max_vertices=subdivide_max_vertices)
        if len(parts) != len(cleaned):
            expanded = cleaned.take(source)
            cleaned = FeatureTable(geometries=parts, columns=expanded.columns, crs=INTERNAL_CRS)
    report.parts_after_subdivision = len(cleaned)
    return cleaned, report


def feature_count(table: FeatureTable) -> int:
    """Number of original features (parts of one subdivided feature count once)."""
    ids = table.columns.get(FEATURE_ID)
    return len(set(ids)) if ids is not None else len(table)


def bbox(table: FeatureTable) -> list[float]:
    if len(table) == 0:
        return []
    return [round(float(v), 1) for v in np.asarray(shapely.total_bounds(table.geometries))]
