"""Tile geometry that stays valid: repair after simplification, snap to tile units.

Reference layers and the land map simplify polygons for low zooms and round
them to whole tile units; both steps can make a valid ring cross or touch
itself, and MVT 2.1 (§ 4.3.4.4) requires valid polygons with exteriors
wound clockwise on screen. These helpers repair (``make_valid``) and snap
with a topology-aware precision reduction (``set_precision``), keeping only
the polygonal parts of polygons; what collapses below one unit disappears.
"""

from __future__ import annotations

import numpy as np
import shapely
from numpy.typing import NDArray

__all__ = ["polygonal_part", "snap_level", "snap_to_grid", "valid_geometries"]


def valid_geometries(geoms: NDArray[np.object_]) -> NDArray[np.object_]:
    """Repair invalid geometries (simplification can make rings cross or touch).

    ``make_valid`` may turn a polygon into a collection with lines or points
    where parts collapsed; a polygonal input keeps only its polygonal parts.
    """
    geoms = np.asarray(geoms, dtype=object)
    bad = np.flatnonzero(~shapely.is_valid(geoms))
    if len(bad):
        repaired = shapely.make_valid(geoms[bad])
        polygonal = shapely.get_dimensions(geoms[bad]) == 2
        repaired[polygonal] = polygonal_part(repaired[polygonal])
        geoms = geoms.copy()
        geoms[bad] = repaired
    return geoms


def polygonal_part(geoms: NDArray[np.object_]) -> NDArray[np.object_]:
    """The polygons of each geometry (a collection's lines and points dropped)."""
    out = np.asarray(geoms, dtype=object).copy()
    mixed = np.flatnonzero(shapely.get_type_id(out) == 7)  # GeometryCollection
    for i in mixed.tolist():
        parts = [p for p in shapely.get_parts(out[i]) if shapely.get_dimensions(p) == 2]
        out[i] = shapely.union_all(parts) if parts else shapely.Polygon()
    return out


def snap_to_grid(geoms: NDArray[np.object_]) -> NDArray[np.object_]:
    """Geometries in tile units rounded to whole units, polygons valid (MVT 2.1 4.3.4.4).

    Fast path: round the coordinates. Only polygons that rounding made
    invalid (rings crossing or touching) are snapped again with
    ``set_precision``, a topology-aware snap-rounding overlay in which rings
    that would cross are merged or split and parts that collapse below one
    unit disappear; invalid input (``clip_by_rect`` is a fast clip without a
    validity guarantee) is repaired first.
    """
    geoms = np.asarray(geoms, dtype=object)
    rounded = np.asarray(shapely.transform(geoms, np.rint), dtype=object)
    polygonal = shapely.get_dimensions(geoms) == 2
    bad = np.flatnonzero(polygonal & ~shapely.is_valid(rounded))
    for i in bad.tolist():
        try:
            snapped = shapely.set_precision(geoms[i], 1.0)
        except shapely.errors.GEOSException:
            snapped = shapely.set_precision(valid_geometries(geoms[i : i + 1])[0], 1.0)
        rounded[i] = valid_geometries(polygonal_part(np.array([snapped], dtype=object)))[0]
    return rounded


def snap_level(geoms: NDArray[np.object_], unit: float) -> NDArray[np.object_]:
    """An overview level's geometries (EPSG:3857) snap-rounded to its tile-unit grid.

    ``unit`` is one tile unit at the level's zoom; the grid is aligned with the
    tiles (the Web Mercator origin is a multiple of it), so at that zoom the
    per-tile rounding in :func:`snap_to_grid` finds whole units and has nothing
    to repair (issue #19: the repair had made cold z5-z7 tiles 3-9x slower).
    Polygons keep only their polygonal parts; what collapses is empty. The
    result carries no fixed precision model (GEOS would apply it to later
    clipping), hence the WKB round trip.
    """
    geoms = np.asarray(geoms, dtype=object)
    if not len(geoms):
        return geoms
    snapped = np.asarray(shapely.set_precision(geoms, unit), dtype=object)
    polygonal = shapely.get_dimensions(geoms) == 2
    snapped[polygonal] = polygonal_part(snapped[polygonal])
    return np.asarray(shapely.from_wkb(shapely.to_wkb(snapped)), dtype=object)
