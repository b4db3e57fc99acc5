"""Subdivide very large geometries (opdeling af store polygoner) for spatial indexing.

A marine Natura 2000 site can have tens of thousands of vertices and a
bounding box covering half of Kattegat; an R-tree over such boxes answers
every query with it and every intersection test is slow. Like PostGIS
``ST_Subdivide``, each geometry with more than ``max_vertices`` vertices is
cut in half along the longer side of its bounding box, recursively, until
each part is small. Parts do not overlap, so areas and overlaps still add up.
The whole level is cut at once with shapely's vectorised ``intersection``.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import shapely

from rodloeber.domain.geodata.validate import POLYGONAL

DEFAULT_MAX_VERTICES = 256


def _clean(geoms: npt.NDArray[np.object_], kinds: npt.NDArray[np.bool_]) -> None:
    """Keep only polygonal parts of cut polygons (a cut may leave a touching line)."""
    mixed = np.flatnonzero(kinds & (shapely.get_type_id(geoms) == 7))
    for i in mixed:
        polys = [p for p in shapely.get_parts(geoms[i]) if p.geom_type in POLYGONAL]
        geoms[i] = shapely.union_all(polys) if polys else shapely.Polygon()


def subdivide(
    geoms: npt.NDArray[np.object_],
    *,
    max_vertices: int = DEFAULT_MAX_VERTICES,
    max_depth: int = 16,
) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.intp]]:
    """Cut large geometries; return the parts and, for each part, its source index."""
    if max_vertices < 8:
        raise ValueError("max_vertices must be at least 8")
    pending = np.asarray(geoms, dtype=object)
    source = np.arange(len(pending), dtype=np.intp)
    out_parts: list[npt.NDArray[np.object_]] = []
    out_source: list[npt.NDArray[np.intp]] = []
    for _ in range(max_depth):
        small = shapely.get_num_coordinates(pending) <= max_vertices
        out_parts.append(pending[small])
        out_source.append(source[small])
        pending, source = pending[~small], source[~small]
        if len(pending) == 0:
            break
        polygonal = np.isin(shapely.get_type_id(pending), [3, 6])
        b = shapely.bounds(pending)
        wide = (b[:, 2] - b[:, 0]) >= (b[:, 3] - b[:, 1])
        mid_x = (b[:, 0] + b[:, 2]) / 2
        mid_y = (b[:, 1] + b[:, 3]) / 2
        first = shapely.box(
            b[:, 0], b[:, 1], np.where(wide, mid_x, b[:, 2]), np.where(wide, b[:, 3], mid_y)
        )
        second = shapely.box(
            np.where(wide, mid_x, b[:, 0]), np.where(wide, b[:, 1], mid_y), b[:, 2], b[:, 3]
        )
        halves = np.concatenate(
            [shapely.intersection(pending, first), shapely.intersection(pending, second)]
        )
        kinds = np.concatenate([polygonal, polygonal])
        _clean(halves, kinds)
        source = np.concatenate([source, source])
        nonempty = ~shapely.is_empty(halves)
        pending, source = halves[nonempty], source[nonempty]
    out_parts.append(pending)
    out_source.append(source)
    parts = np.concatenate(out_parts)
    src = np.concatenate(out_source)
    order = np.argsort(src, kind="stable")
    return parts[order], src[order]
