"""Vector tiles of the business areas (layer ``land_areas``), fast at every zoom (ADR 0016).

Per data version (count, newest id and change of the areas) an in-memory
:class:`LandIndex` is built once: every area's point (point on surface), its
EPSG:3857 bounds and its oriented polygon rings as flat numpy arrays,
plus simplified copies per zoom band. A tile is then array arithmetic:

* z <= ``CLUSTER_MAX_ZOOM``: the areas whose point lies in the tile are
  aggregated per grid cell of ``CELL`` tile units (32 screen pixels): one
  point per cell at the members' mean position with ``count`` and the summed
  ``available_ha``. A cell with one area carries that area's id and
  properties, so the map shows density instead of 50,000 dots.
* higher zooms: the polygons whose bounds meet the tile (plus a buffer).
  Areas inside the buffered tile are transformed to tile units directly from
  the flat arrays; only those crossing its edge are clipped with shapely.

Features are written by :mod:`rodloeber.landmap.mvt` (whole-layer varint
encoding). Encoded tiles are kept in a byte-bounded ``TileCache`` emptied
whenever the data version changes. Business areas are public (see
``selectors``): tiles contain every area, like the list.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from numpy.typing import NDArray
from pyproj import Transformer

from rodloeber.domain.geo import EXCHANGE_CRS, INTERNAL_CRS
from rodloeber.landmap.geometry import to_web_mercator
from rodloeber.landmap.models import BusinessArea
from rodloeber.landmap.mvt import POINT, POLYGON, Column, encode_tile, point_commands
from rodloeber.landmap.mvt import polygon_commands as _polygon_commands
from rodloeber.layers.tile_geometry import valid_geometries
from rodloeber.layers.tiles import (
    BUFFER_PX,
    EXTENT,
    HALF_WORLD,
    TileCache,
    tile_bounds,
)

__all__ = [
    "CELL",
    "CLUSTER_MAX_ZOOM",
    "LAYER",
    "LandIndex",
    "land_index",
    "land_tile",
    "render_land_tile",
    "reset_land_tiles",
]

LAYER = "land_areas"
# Up to this zoom the areas are aggregated per grid cell (points with a count);
# from the next zoom on each area is drawn as its polygon.
CLUSTER_MAX_ZOOM = 10
CELL = 256  # tile units per grid cell: 32 screen pixels on a 512-pixel vector tile
# Simplified copies for these zooms (tolerance: half a tile unit); finer zooms use raw rings.
SIMPLIFIED_ZOOMS = (11, 12, 13)
RAW = 99  # band key of the unsimplified rings
SIMPLIFY_ABOVE = 64  # vertices: smaller areas are only snapped to tile units
STATUS_CODES = ("ledig", "reserveret", "solgt")
_lock = threading.Lock()
_state: dict[str, object] = {}
CACHE = TileCache(max_bytes=32 * 1024 * 1024)

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]

# The data version (count + newest change) costs a full count of the table; it is
# kept for VERSION_TTL seconds and dropped at once when an area is saved or deleted
# (signals below) or the demo/import code calls reset_land_tiles().
VERSION_TTL = 5.0
_version_memo: dict[str, object] = {}


def _version() -> str:
    now = time.monotonic()
    at = _version_memo.get("at")
    if isinstance(at, float) and now - at < VERSION_TTL:
        return str(_version_memo["value"])
    agg = BusinessArea.objects.aggregate(n=Count("id"), t=Max("updated_at"), m=Max("id"))
    value = f"{agg['n']}-{agg['m']}-{agg['t'].isoformat() if agg['t'] else ''}"
    _version_memo.update(value=value, at=now)
    return value


@receiver([post_save, post_delete], sender=BusinessArea)
def _area_changed(**kwargs: object) -> None:
    _version_memo.clear()


@dataclass
class Rings:
    """Polygon rings of all areas as flat arrays (EPSG:3857, closing point dropped).

    Rings are grouped by area (``area_start``) and polygon part (``part``);
    exteriors are clockwise in EPSG:3857 (y up), so they have positive area in
    tile coordinates (y down) as MVT requires, and holes the opposite.
    """

    coords: F64
    start: I64  # offset of each ring in coords, plus the end
    area: I64  # area (row) of each ring
    part: I64  # polygon part of each ring (exterior and its holes share one)
    exterior: NDArray[np.bool_]
    area_start: I64  # first ring of each area, plus the end

    @classmethod
    def of(cls, geoms: NDArray[np.object_]) -> Rings:
        geoms = shapely.orient_polygons(geoms, exterior_cw=True)
        parts, part_area = shapely.get_parts(geoms, return_index=True)
        polygons = shapely.get_type_id(parts) == 3  # clipping can leave lines or points
        parts, part_area = parts[polygons], part_area[polygons]
        rings, ring_part = shapely.get_rings(parts, return_index=True)
        coords, ring_of = shapely.get_coordinates(rings, return_index=True)
        counts = np.bincount(ring_of, minlength=len(rings))
        ends = np.cumsum(counts)
        closing = ends - 1
        keep = np.ones(len(coords), dtype=bool)
        keep[closing[counts > 0]] = False
        coords = coords[keep]
        counts = np.maximum(counts - 1, 0)
        ring_area = part_area[ring_part].astype(np.int64)
        exterior = np.r_[True, ring_part[1:] != ring_part[:-1]] if len(rings) else np.empty(0, bool)
        return cls(
            coords=coords,
            start=np.r_[0, np.cumsum(counts)].astype(np.int64),
            area=ring_area,
            part=ring_part.astype(np.int64),
            exterior=exterior,
            area_start=np.searchsorted(ring_area, np.arange(len(geoms) + 1)).astype(np.int64),
        )


@dataclass
class LandIndex:
    """Everything a land tile needs, per data version (see the module docstring)."""

    version: str
    ids: I64
    status: NDArray[np.str_]
    available_ha: F64
    anvspec: I64
    synthetic: NDArray[np.bool_]
    px: F64  # point on surface, EPSG:3857
    py: F64
    bounds: F64  # (n, 4) minx, miny, maxx, maxy in EPSG:3857
    _geoms: NDArray[np.object_] | None = None  # polygons in EPSG:3857, read on first use
    _bands: dict[int, tuple[NDArray[np.object_], Rings]] = field(default_factory=dict)
    _band_lock: threading.RLock = field(default_factory=threading.RLock)

    updated_max: object = None  # newest updated_at at build: where the next delta starts

    @classmethod
    def build(cls, version: str) -> LandIndex:
        """Ids, attributes, points and bounds from plain columns (no geometry: fast).

        The polygons are read on the first polygon tile (:meth:`geometries`).
        """
        updated_max = BusinessArea.objects.aggregate(t=Max("updated_at"))["t"]
        rows = list(BusinessArea.objects.values_list(*COLUMNS).order_by("id"))
        return cls(version=version, updated_max=updated_max, **row_arrays(rows))

    def geometries(self) -> NDArray[np.object_]:
        """The polygons in EPSG:3857, aligned with ``ids`` (read once, on first use)."""
        if self._geoms is None:
            rows = BusinessArea.objects.values_list("id", "geometry_wkb").order_by("id")
            ids, wkb = [], []
            for pk, raw in rows.iterator(chunk_size=5000):
                ids.append(pk)
                wkb.append(bytes(raw))
            geoms = np.full(len(self.ids), None, dtype=object)
            if ids and len(self.ids):  # an area added since the build waits for the next version
                found = np.asarray(ids, dtype=np.int64)
                at = np.clip(np.searchsorted(self.ids, found), 0, len(self.ids) - 1)
                ok = self.ids[at] == found
                arr = np.empty(len(wkb), dtype=object)
                arr[:] = wkb
                geoms[at[ok]] = to_web_mercator(shapely.from_wkb(arr[ok]))
            self._geoms = geoms
        return self._geoms

    def band(self, z: int) -> tuple[NDArray[np.object_], Rings]:
        """Geometries and rings for zoom ``z`` (simplified at z11-13, raw from z14).

        Only areas with many vertices are simplified; when none is, a band
        shares the raw rings.
        """
        key = next((b for b in SIMPLIFIED_ZOOMS if z <= b), RAW)
        found = self._bands.get(key)
        if found is None:
            with self._band_lock:
                found = self._bands.get(key)
                if found is None:
                    found = self._bands[key] = self._build_band(key)
        return found

    def _build_band(self, key: int) -> tuple[NDArray[np.object_], Rings]:
        if key == RAW:
            geoms = self.geometries()
            return geoms, Rings.of(geoms)
        raw_geoms, raw_rings = self.band(RAW)
        geoms = band_geometries(key, raw_geoms)
        if geoms is raw_geoms:
            return raw_geoms, raw_rings
        return geoms, Rings.of(geoms)

    def prepare(self) -> None:
        """Build every zoom band now (otherwise on first use)."""
        for z in (*SIMPLIFIED_ZOOMS, RAW):
            self.band(z)

    # -- tiles -------------------------------------------------------------

    def tile(self, z: int, x: int, y: int) -> bytes:
        if z <= CLUSTER_MAX_ZOOM:
            return self._cluster_tile(z, x, y)
        return self._polygon_tile(z, x, y)

    def _cluster_tile(self, z: int, x: int, y: int) -> bytes:
        minx, miny, maxx, maxy = tile_bounds(z, x, y)
        scale = EXTENT / (maxx - minx)
        inside = np.flatnonzero(
            (self.px >= minx) & (self.px < maxx) & (self.py > miny) & (self.py <= maxy)
        )
        if not len(inside):
            return b""
        tx = (self.px[inside] - minx) * scale
        ty = (maxy - self.py[inside]) * scale
        cells_per_row = EXTENT // CELL
        cx = np.clip((tx // CELL).astype(np.int64), 0, cells_per_row - 1)
        cy = np.clip((ty // CELL).astype(np.int64), 0, cells_per_row - 1)
        _cells, first, member_cell = np.unique(
            cy * cells_per_row + cx, return_index=True, return_inverse=True
        )
        count = np.bincount(member_cell).astype(np.int64)
        mean_x = np.bincount(member_cell, weights=tx) / count
        mean_y = np.bincount(member_cell, weights=ty) / count
        pts = np.column_stack((np.rint(mean_x), np.rint(mean_y))).astype(np.int64)
        ha = np.round(np.bincount(member_cell, weights=self.available_ha[inside]), 2)
        single = count == 1
        row = inside[first]  # for single cells: the area itself
        stream, per_feature = point_commands(pts)
        ids = np.where(single, self.ids[row], 0)
        columns = [
            Column("count", count),
            Column("available_ha", ha),
            Column("id", self.ids[row], single),
            Column("status", self.status[row], single),
            Column("anvspec", self.anvspec[row], single),
            Column("synthetic", self.synthetic[row], single),
        ]
        return encode_tile(LAYER, POINT, ids, columns, stream, per_feature)

    def _polygon_tile(self, z: int, x: int, y: int) -> bytes:
        minx, miny, maxx, maxy = tile_bounds(z, x, y)
        size = maxx - minx
        pad = size * BUFFER_PX / EXTENT
        bx0, by0, bx1, by1 = minx - pad, miny - pad, maxx + pad, maxy + pad
        b = self.bounds
        meets = (b[:, 2] >= bx0) & (b[:, 0] <= bx1) & (b[:, 3] >= by0) & (b[:, 1] <= by1)
        hit = np.flatnonzero(meets)
        if not len(hit):
            return b""
        geoms, rings = self.band(z)
        inner = (b[hit, 0] >= bx0) & (b[hit, 2] <= bx1) & (b[hit, 1] >= by0) & (b[hit, 3] <= by1)
        scale = EXTENT / size
        rows = np.r_[hit[inner], hit[~inner]]
        # Areas inside the buffered tile: their rings straight from the flat arrays.
        sel = hit[inner]
        first, last = rings.area_start[sel], rings.area_start[sel + 1]
        ring_idx = np.repeat(first, last - first) + _runs(last - first)
        r_len = rings.start[ring_idx + 1] - rings.start[ring_idx]
        coords = rings.coords[np.repeat(rings.start[ring_idx], r_len) + _runs(r_len)]
        r_feature = np.repeat(np.arange(len(sel)), last - first)
        r_part = rings.part[ring_idx]
        r_ext = rings.exterior[ring_idx]
        # Areas crossing the buffer edge: clipped (few).
        if (~inner).any():
            clipped = shapely.clip_by_rect(geoms[hit[~inner]], bx0, by0, bx1, by1)
            c = Rings.of(clipped)
            coords = np.concatenate([coords, c.coords])
            r_len = np.r_[r_len, np.diff(c.start)]
            r_feature = np.r_[r_feature, c.area + len(sel)]
            r_part = np.r_[r_part, c.part + (r_part.max() + 1 if len(r_part) else 0)]
            r_ext = np.r_[r_ext, c.exterior]
        pts = np.rint(
            np.column_stack(((coords[:, 0] - minx) * scale, (maxy - coords[:, 1]) * scale))
        ).astype(np.int64)
        pts, r_len, r_feature = _clean_rings(pts, r_len, r_feature, r_part, r_ext)
        stream, per_feature = _polygon_commands(pts, r_len, r_feature, len(rows))
        columns = [
            Column("id", self.ids[rows]),
            Column("status", self.status[rows]),
            Column("available_ha", self.available_ha[rows]),
            Column("anvspec", self.anvspec[rows]),
            Column("synthetic", self.synthetic[rows]),
        ]
        return encode_tile(LAYER, POLYGON, self.ids[rows], columns, stream, per_feature)


COLUMNS = (
    "id",
    "status",
    "available_ha",
    "anvspec",
    "synthetic",
    "centroid_x",
    "centroid_y",
    "min_lon",
    "min_lat",
    "max_lon",
    "max_lat",
)


def row_arrays(rows: list[tuple[Any, ...]]) -> dict[str, Any]:
    """The per-area arrays of :class:`LandIndex` from ``COLUMNS`` rows (in id order)."""
    n = len(rows)
    cols = list(zip(*rows, strict=True)) if n else [()] * len(COLUMNS)
    tf = _to_3857()
    px, py = tf.transform(np.array(cols[5], dtype=float), np.array(cols[6], dtype=float))
    # lon -> x and lat -> y are each monotonic: the bbox maps onto the EPSG:3857 bbox
    ll = _lonlat_to_3857()
    minx, miny = ll.transform(np.array(cols[7], dtype=float), np.array(cols[8], dtype=float))
    maxx, maxy = ll.transform(np.array(cols[9], dtype=float), np.array(cols[10], dtype=float))
    return {
        "ids": np.array(cols[0], dtype=np.int64),
        "status": np.array(cols[1], dtype=str),
        "available_ha": np.array([v or 0.0 for v in cols[2]], dtype=np.float64),
        "anvspec": np.array([v or 0 for v in cols[3]], dtype=np.int64),
        "synthetic": np.array([bool(v) for v in cols[4]], dtype=bool),
        "px": np.asarray(px, dtype=np.float64).reshape(n),
        "py": np.asarray(py, dtype=np.float64).reshape(n),
        "bounds": np.column_stack([minx, miny, maxx, maxy]).astype(np.float64).reshape(n, 4),
    }


def band_geometries(key: int, raw_geoms: NDArray[np.object_]) -> NDArray[np.object_]:
    """Zoom band ``key``'s copy of the raw polygons: detailed ones simplified.

    ``raw_geoms`` itself when no area has more than ``SIMPLIFY_ABOVE`` vertices.
    """
    if key == RAW:
        return raw_geoms
    detailed = np.flatnonzero(shapely.get_num_coordinates(raw_geoms) > SIMPLIFY_ABOVE)
    if not len(detailed):
        return raw_geoms
    unit = 2 * HALF_WORLD / (1 << key) / EXTENT
    geoms = raw_geoms.copy()
    simplified = shapely.simplify(raw_geoms[detailed], unit / 2, preserve_topology=True)
    geoms[detailed] = valid_geometries(simplified)  # simplify can make rings cross
    return geoms


@lru_cache(maxsize=1)
def _to_3857() -> Transformer:
    return Transformer.from_crs(INTERNAL_CRS, "EPSG:3857", always_xy=True)


@lru_cache(maxsize=1)
def _lonlat_to_3857() -> Transformer:
    return Transformer.from_crs(EXCHANGE_CRS, "EPSG:3857", always_xy=True)


def _runs(counts: I64) -> I64:
    starts = np.cumsum(counts) - counts
    return np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(starts, counts)


def _clean_rings(
    pts: I64, r_len: I64, r_feature: I64, r_part: I64, r_ext: NDArray[np.bool_]
) -> tuple[I64, I64, I64]:
    """Drop repeated vertices (snapping makes them) and rings that collapsed or flipped.

    A ring survives with >= 3 vertices and non-zero area of its original sign
    (exterior positive in tile units); holes of a dropped exterior go too.
    """
    if not len(r_len):
        return pts, r_len, r_feature
    ring_of = np.repeat(np.arange(len(r_len)), r_len)
    dup = np.r_[False, (pts[1:] == pts[:-1]).all(axis=1) & (ring_of[1:] == ring_of[:-1])]
    # the last vertex equal to the first of its ring is a repeat too
    starts = np.cumsum(r_len) - r_len
    last = starts + r_len - 1
    nonempty = r_len > 0
    wrap = np.zeros(len(pts), dtype=bool)
    wrap[last[nonempty]] = (pts[last[nonempty]] == pts[starts[nonempty]]).all(axis=1) & (
        r_len[nonempty] > 1
    )
    keep = ~(dup | wrap)
    pts, ring_of = pts[keep], ring_of[keep]
    r_len = np.bincount(ring_of, minlength=len(r_len)).astype(np.int64)
    # signed area per ring (shoelace, y down: exterior > 0)
    starts = np.cumsum(r_len) - r_len
    nxt = np.arange(len(pts)) + 1
    ends = starts + r_len
    nxt[ends[r_len > 0] - 1] = starts[r_len > 0]
    cross = pts[:, 0] * pts[nxt, 1] - pts[nxt, 0] * pts[:, 1]
    area2 = np.bincount(ring_of, weights=cross, minlength=len(r_len))
    ok = (r_len >= 3) & np.where(r_ext, area2 > 0, area2 < 0)
    _, part_idx = np.unique(r_part, return_inverse=True)
    part_ok = np.zeros(part_idx.max() + 1, dtype=bool)
    part_ok[part_idx[r_ext]] = ok[r_ext]
    ok &= part_ok[part_idx]
    return pts[ok[ring_of]], r_len[ok], r_feature[ok]


def land_index(version: str | None = None) -> LandIndex:
    """The index of the current data version.

    Built on first use; after an edit, import or deletion the previous index is
    updated with just the changed areas (``tile_delta.refreshed``: their rows,
    polygons and zoom bands) when there are few, else rebuilt.
    """
    from rodloeber.landmap.tile_delta import refreshed

    version = version or _version()
    with _lock:
        index = _state.get("index")
        if not isinstance(index, LandIndex) or index.version != version:
            old = index if isinstance(index, LandIndex) else None
            index = (refreshed(old, version) if old else None) or LandIndex.build(version)
            _state["index"] = index
            CACHE.clear()
    return index


def render_land_tile(z: int, x: int, y: int) -> bytes:
    """Encode one tile of the current data version, without the tile cache."""
    return land_index().tile(z, x, y)


def land_tile(z: int, x: int, y: int) -> tuple[bytes, str]:
    """Encoded tile and its ETag (content hash keyed by the data version)."""
    version = _version()
    index = land_index(version)
    key = (LAYER, z, x, y)
    cached = CACHE.get(key)
    if cached is not None:
        return cached
    data = index.tile(z, x, y)
    digest = hashlib.blake2b(data, digest_size=12, key=version.encode()[:64]).hexdigest()
    value = (data, f'"{digest}"')
    CACHE.put(key, value)
    return value


def reset_land_tiles() -> None:
    _version_memo.clear()
    with _lock:
        _state.clear()
        CACHE.clear()
