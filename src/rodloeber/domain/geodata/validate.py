"""Geometry validation and repair (validering og reparation) for imported layers.

Rules, in order: limits (feature and vertex counts), empty/null geometries
are dropped, Z is dropped, invalid geometries are repaired with
``make_valid`` and reported. A repair that changes a polygon's area by more
than a small tolerance (a bow-tie, a figure eight: the shape is ambiguous) is
refused as a self-intersection unless the caller forces repair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import shapely

from rodloeber.domain.geodata.crs import DENMARK_EXTENT_25832, outside_extent
from rodloeber.domain.geodata.errors import GeodataError
from rodloeber.domain.geodata.table import FeatureTable

POLYGONAL = {"Polygon", "MultiPolygon"}
_COORD_RE = re.compile(r"\[.*\]")


@dataclass(frozen=True)
class ImportLimits:
    """Upper bounds that protect the server (grænser for import)."""

    max_features: int = 2_000_000
    max_vertices_per_feature: int = 1_000_000
    max_total_vertices: int = 100_000_000
    area_tolerance: float = 0.01  # relative area change a repair may cause
    area_tolerance_m2: float = 1.0  # ... or this many square metres


@dataclass
class RepairReport:
    """What validation changed (reparationsrapport), shown after every import."""

    features_in: int = 0
    features_out: int = 0
    dropped_empty: int = 0
    repaired: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)
    parts_after_subdivision: int = 0

    def add(self, index: int, reason: str) -> None:
        key = _COORD_RE.sub("", reason).strip() or "invalid"
        self.reasons[key] = self.reasons.get(key, 0) + 1
        if len(self.examples) < 10:
            self.examples.append(f"feature {index}: {reason}")

    def to_dict(self) -> dict[str, object]:
        return {
            "features_in": self.features_in,
            "features_out": self.features_out,
            "dropped_empty": self.dropped_empty,
            "repaired": self.repaired,
            "reasons": dict(sorted(self.reasons.items())),
            "examples": list(self.examples),
            "parts_after_subdivision": self.parts_after_subdivision,
        }

    def summary_en(self) -> str:
        text = f"{self.features_out} features"
        if self.repaired:
            reasons = ", ".join(f"{k}: {v}" for k, v in sorted(self.reasons.items()))
            text += f"; {self.repaired} repaired ({reasons})"
        if self.dropped_empty:
            text += f"; {self.dropped_empty} empty dropped"
        return text


def check_limits(table: FeatureTable, limits: ImportLimits) -> None:
    """Refuse a table with too many features or vertices before any heavy work."""
    n = len(table)
    if n > limits.max_features:
        raise GeodataError(
            "too_many_features",
            f"Filen har {n} objekter; grænsen er {limits.max_features}.",
            f"The file has {n} features; the limit is {limits.max_features}.",
        )
    counts = shapely.get_num_coordinates(table.geometries)
    if n and int(counts.max()) > limits.max_vertices_per_feature:
        worst = int(np.argmax(counts))
        raise GeodataError(
            "too_many_vertices",
            f"Objekt {worst} har {int(counts[worst])} punkter; grænsen er "
            f"{limits.max_vertices_per_feature} pr. objekt. Generalisér eller opdel data først.",
            f"Feature {worst} has {int(counts[worst])} vertices; the limit is "
            f"{limits.max_vertices_per_feature} per feature. Simplify or split the data first.",
        )
    total = int(counts.sum())
    if total > limits.max_total_vertices:
        raise GeodataError(
            "too_many_vertices",
            f"Filen har {total} punkter i alt; grænsen er {limits.max_total_vertices}.",
            f"The file has {total} vertices in total; the limit is {limits.max_total_vertices}.",
        )


def _polygonal_part(geom: shapely.Geometry) -> shapely.Geometry:
    """The polygons of a ``make_valid`` result (drops collapsed lines and points)."""
    if geom.geom_type in POLYGONAL:
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in POLYGONAL]
    polys = [q for p in parts for q in shapely.get_parts(p)]
    return shapely.multipolygons(polys) if polys else shapely.Polygon()


def validate_and_repair(
    table: FeatureTable,
    *,
    limits: ImportLimits | None = None,
    force_repair: bool = False,
    extent: tuple[float, float, float, float] = DENMARK_EXTENT_25832,
) -> tuple[FeatureTable, RepairReport]:
    """Validate a table already in EPSG:25832; return the cleaned table and a report.

    Raises :class:`GeodataError` for an empty layer, ambiguous
    self-intersections (unless ``force_repair``) and features entirely
    outside Denmark (incl. its waters).
    """
    limits = limits or ImportLimits()
    report = RepairReport(features_in=len(table))
    if len(table) == 0:
        raise GeodataError(
            "empty",
            "Filen indeholder ingen geografiske objekter.",
            "The file contains no features.",
        )
    check_limits(table, limits)
    geoms = shapely.force_2d(table.geometries)
    keep = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    invalid = np.flatnonzero(keep & ~shapely.is_valid(geoms))
    refused: list[str] = []
    for i in invalid:
        original = geoms[i]
        reason = shapely.is_valid_reason(original)
        fixed = shapely.make_valid(original)
        if original.geom_type in POLYGONAL:
            fixed = _polygonal_part(fixed)
            before, after = float(original.area), float(fixed.area)
            allowed = max(limits.area_tolerance * max(before, after), limits.area_tolerance_m2)
            if abs(after - before) > allowed and not force_repair:
                refused.append(f"{i} ({reason})")
                continue
        geoms[i] = fixed
        report.repaired += 1
        report.add(int(i), str(reason))
    if refused:
        shown = "; ".join(refused[:5])
        raise GeodataError(
            "self_intersection",
            f"{len(refused)} polygon(er) skærer sig selv, så formen er tvetydig: {shown}. "
            "Ret geometrien i kilden (eller importér med --force-repair).",
            f"{len(refused)} polygon(s) intersect themselves so the shape is ambiguous: {shown}. "
            "Fix the geometry at the source (or import with --force-repair).",
        )
    keep &= ~shapely.is_empty(geoms)
    outside = np.flatnonzero(keep & outside_extent(geoms, extent))
    if len(outside):
        raise GeodataError(
            "outside_denmark",
            f"{len(outside)} objekt(er) ligger helt uden for Danmark (fx objekt {outside[0]}). "
            "Tjek koordinatsystemet og aksernes rækkefølge.",
            f"{len(outside)} feature(s) lie entirely outside Denmark (e.g. feature "
            f"{outside[0]}). Check the CRS and the axis order.",
        )
    report.dropped_empty = int((~keep).sum())
    if not keep.any():
        raise GeodataError(
            "empty",
            "Filen indeholder kun tomme geometrier.",
            "The file contains only empty geometries.",
        )
    index = np.flatnonzero(keep)
    cleaned = FeatureTable(geometries=geoms, columns=table.columns, crs=table.crs).take(index)
    report.features_out = len(cleaned)
    return cleaned, report
