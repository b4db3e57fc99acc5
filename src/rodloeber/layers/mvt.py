"""Vectorised Mapbox Vector Tile encoding (MVT 2.1) of shapely geometries.

The geometry command streams (MoveTo/LineTo/ClosePath with zig-zag deltas)
of all features of a layer are computed at once with numpy; only the small
per-feature protobuf bookkeeping runs in Python (``vector_tile_pb2`` from
mapbox-vector-tile, on the upb C backend). Compared with
``mapbox_vector_tile.encode`` this was about 10x faster on dense tiles; the tests
check both give the same decoded geometry. Input geometries must already be
in tile units with y pointing down; polygons are oriented here (exterior
clockwise on screen).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray

__all__ = ["encode_layer"]

_MOVE_TO_1 = 9  # command 1, count 1
_CLOSE = 15  # command 7, count 1
_KIND = {0: 1, 1: 2, 2: 3}  # dimension → MVT GeomType POINT, LINESTRING, POLYGON


def _paths(
    geoms: NDArray[np.object_], dim: int
) -> tuple[NDArray[np.float64], NDArray[np.int64], NDArray[np.int64]]:
    """Coordinates, and per path (line, ring or point) its coordinate offset and feature."""
    parts, part_feature = shapely.get_parts(geoms, return_index=True)
    if dim == 2:
        rings, ring_part = shapely.get_rings(parts, return_index=True)
        paths, feature = rings, part_feature[ring_part]
    else:
        paths, feature = parts, part_feature
    coords, path_of = shapely.get_coordinates(paths, return_index=True)
    offsets = np.r_[0, np.cumsum(np.bincount(path_of, minlength=len(paths)))]
    return coords, offsets, feature.astype(np.int64)


def _commands(
    geoms: NDArray[np.object_], dim: int
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """MVT geometry command integers for all features at once.

    Returns the command stream, the start of each kept feature in it, and
    the kept features' positions in ``geoms``.
    """
    coords, offsets, feature = _paths(geoms, dim)
    starts, ends = offsets[:-1], offsets[1:]
    if dim == 2:
        ends = ends - 1  # the closing point is implied by ClosePath
    k = ends - starts
    first = np.repeat(np.cumsum(np.r_[0, k[:-1]]), k)
    pts = coords[np.repeat(starts, k) + np.arange(int(k.sum())) - first].astype(np.int64)
    path_of = np.repeat(np.arange(len(k)), k)
    if dim > 0:  # drop repeated points (snapping to tile units creates them)
        dup = np.r_[False, (pts[1:] == pts[:-1]).all(axis=1) & (path_of[1:] == path_of[:-1])]
        pts, path_of = pts[~dup], path_of[~dup]
        k = np.bincount(path_of, minlength=len(k))
    ok = k >= (3 if dim == 2 else 2 if dim == 1 else 1)
    keep_pts = ok[path_of]
    pts, k, feature = pts[keep_pts], k[ok], feature[ok]
    if not len(k):
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, empty
    first = np.repeat(np.cumsum(np.r_[0, k[:-1]]), k)
    within = np.arange(int(k.sum())) - first
    point_feature = np.repeat(feature, k)
    prev = np.vstack([np.zeros((1, 2), dtype=np.int64), pts[:-1]])
    new_feature = np.r_[True, point_feature[1:] != point_feature[:-1]]
    prev[new_feature] = 0  # the cursor starts at (0, 0) in each feature
    delta = pts - prev
    zigzag = (delta << 1) ^ (delta >> 63)
    # Per path: MoveTo, x, y, [LineTo(k-1), 2(k-1) ints], [ClosePath]; points: MoveTo(k), 2k ints.
    if dim == 0:
        length = 1 + 2 * k
        pos_offset = 1 + 2 * within
    else:
        length = 2 * k + 2 + (1 if dim == 2 else 0)
        pos_offset = 1 + 2 * within + (within > 0)
    path_start = np.r_[0, np.cumsum(length)[:-1]]
    out = np.zeros(int(length.sum()), dtype=np.int64)
    pos = np.repeat(path_start, k) + pos_offset
    out[pos], out[pos + 1] = zigzag[:, 0], zigzag[:, 1]
    if dim == 0:
        out[path_start] = 1 | (k << 3)
    else:
        out[path_start] = _MOVE_TO_1
        out[path_start + 3] = 2 | ((k - 1) << 3)
        if dim == 2:
            out[path_start + length - 1] = _CLOSE
    features_kept = np.unique(feature)
    feature_start = path_start[np.r_[True, feature[1:] != feature[:-1]]]
    return out, np.r_[feature_start, len(out)], features_kept


def encode_layer(
    tile: Any,
    name: str,
    geoms: NDArray[np.object_],
    props: Sequence[Mapping[str, object]],
    ids: NDArray[np.int64],
    extent: int = 4096,
) -> None:
    """Add one layer to a ``vector_tile_pb2.tile``: geometries in tile units (y down)."""
    dims = shapely.get_dimensions(geoms)
    dim = int(np.bincount(dims[dims >= 0], minlength=3).argmax())
    same = np.flatnonzero(dims == dim)  # one geometry type per layer (the majority)
    geoms, ids = geoms[same], np.asarray(ids)[same]
    props = [props[i] for i in same.tolist()]
    if dim == 2:
        geoms = shapely.orient_polygons(geoms, exterior_cw=False)  # clockwise on screen (y down)
    stream, bounds, kept = _commands(geoms, dim)
    if not len(kept):
        return
    layer = tile.layers.add()
    layer.version, layer.name, layer.extent = 2, name, extent
    keys: dict[str, int] = {}
    values: dict[tuple[type, object], int] = {}
    commands = stream.tolist()
    for n, i in enumerate(kept.tolist()):
        feature = layer.features.add()
        feature.id = int(ids[i])
        feature.type = _KIND[dim]
        feature.geometry.extend(commands[bounds[n] : bounds[n + 1]])
        for key, value in props[i].items():
            k = keys.setdefault(key, len(keys))
            v = values.get((type(value), value))
            if v is None:
                v = values[(type(value), value)] = len(values)
                _add_value(layer.values.add(), value)
            feature.tags.extend((k, v))
    layer.keys.extend(keys)


def _add_value(message: Any, value: object) -> None:
    if isinstance(value, bool):
        message.bool_value = value
    elif isinstance(value, int) and -(2**63) <= value < 2**63:
        message.sint_value = value
    elif isinstance(value, float | int):
        message.double_value = float(value)
    else:
        message.string_value = str(value)
