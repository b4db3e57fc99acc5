"""Mapbox Vector Tiles (vektorfliser) for every reference layer, cached.

``/tiles/{layer}/{z}/{x}/{y}.mvt`` serves one MVT layer named after the
reference layer (the ``basemap`` pseudo-layer serves ``land``, ``coast`` and
``kommuner``, derived from the bundled DAGI kommuner: the offline basemap).

Per process, each layer is projected to EPSG:3857 and indexed once (STRtree).
A tile is: query the tree with the tile's box plus a buffer, clip, transform
to tile pixels (extent 4096), snap to the pixel grid (drops sub-pixel
detail at low zoom), encode. Encoded tiles are kept in a byte-bounded LRU;
the HTTP layer adds ``ETag`` and ``Cache-Control``.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from mapbox_vector_tile.Mapbox import vector_tile_pb2
from numpy.typing import NDArray
from pyproj import Transformer
from shapely import STRtree
from shapely.geometry import box

from rodloeber.domain.geo import INTERNAL_CRS, Provenance, ReferenceLayer
from rodloeber.domain.screening.index import subdivide
from rodloeber.layers.loading import get_layer
from rodloeber.layers.mvt import encode_layer
from rodloeber.layers.tile_geometry import snap_level, snap_to_grid, valid_geometries

__all__ = [
    "BASEMAP",
    "EXTENT",
    "MAX_ZOOM",
    "TileCache",
    "TileSource",
    "basemap_provenance",
    "get_tile",
    "layer_info",
    "render_tile",
    "reset_tiles",
    "set_tile_layer_loader",
    "tile_bounds",
    "tile_source",
]

EXTENT = 4096
BUFFER_PX = 64
MAX_ZOOM = 16
BASEMAP = "basemap"
HALF_WORLD = 20037508.342789244
_MAX_PROPS = 8

LayerLoader = Callable[[str], ReferenceLayer]
_loader: LayerLoader | None = None


def _default_loader(name: str) -> ReferenceLayer:
    return get_layer(name)


def set_tile_layer_loader(loader: LayerLoader | None) -> None:
    """Use another layer source (tests, benchmarks); clears sources and tiles."""
    global _loader
    _loader = loader
    reset_tiles()


def tile_bounds(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """EPSG:3857 bounds (minx, miny, maxx, maxy) of an XYZ tile."""
    size = 2 * HALF_WORLD / (1 << z)
    minx = -HALF_WORLD + x * size
    maxy = HALF_WORLD - y * size
    return minx, maxy - size, minx + size, maxy


@lru_cache(maxsize=1)
def _to_3857() -> Transformer:
    return Transformer.from_crs(INTERNAL_CRS, "EPSG:3857", always_xy=True)


def _project(geoms: NDArray[np.object_]) -> NDArray[np.object_]:
    tf = _to_3857()

    def fn(xy: NDArray[np.float64]) -> NDArray[np.float64]:
        x, y = tf.transform(xy[:, 0], xy[:, 1])
        return np.column_stack((x, y))

    return np.asarray(shapely.transform(geoms, fn), dtype=object)


def _scalar_props(row: Mapping[str, object]) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, bool | int | float | str) and value != "":
            props[key] = value
        if len(props) >= _MAX_PROPS:
            break
    return props


@dataclass(frozen=True)
class _Level:
    """Subdivided parts of one generalisation level, their source rows, and the STRtree."""

    parts: NDArray[np.object_]
    source: NDArray[np.int64]
    tree: STRtree


# Generalised copies ("overviews") serve zooms up to these levels; finer zooms use raw data.
# One level per zoom from 5 on: each is snapped to its own zoom's tile-unit grid when
# it is built, so a tile's rounding to whole units rarely has anything left to repair.
OVERVIEW_LEVELS = (4, 5, 6, 7, 8, 9, 10, 11)
_RAW = MAX_ZOOM


def _overview_key(z: int, levels: tuple[int, ...] = OVERVIEW_LEVELS) -> int:
    return next((level for level in levels if z <= level), _RAW)


class TileSource:
    """One MVT layer's geometries in EPSG:3857, generalised per zoom band and indexed.

    At zoom levels up to 11 a generalised copy is used: objects smaller than
    one screen pixel (at the band's finest zoom) are left out and the rest
    simplified to one tile unit, repaired and snap-rounded to that zoom's
    tile-unit grid (``snap_level``), once per level and process rather than
    per tile, so low-zoom tiles stay small and fast.
    """

    #: the overview zooms and whether levels are snapped when built (a benchmark
    #: compares with the previous per-tile repair: bench/bench_tile_levels.py)
    overview_levels: tuple[int, ...] = OVERVIEW_LEVELS
    snap_levels = True

    def __init__(self, name: str, projected: NDArray[np.object_], props: list[dict[str, Any]]):
        self.name = name
        self.projected = projected
        self.props = props
        self._levels: dict[int, _Level] = {}
        self._lock = threading.Lock()

    @classmethod
    def build(cls, name: str, geoms: list[Any], props: list[dict[str, Any]]) -> TileSource:
        projected = _project(np.asarray(geoms, dtype=object)) if geoms else np.empty(0, object)
        source = cls(name, projected, props)
        source.level(_RAW)
        return source

    def level(self, z: int) -> _Level:
        key = _overview_key(z, self.overview_levels)
        found = self._levels.get(key)
        if found is not None:
            return found
        with self._lock:
            if key not in self._levels:
                self._levels[key] = self._build_level(key)
            return self._levels[key]

    def _build_level(self, key: int) -> _Level:
        geoms = self.projected
        rows = np.arange(len(geoms), dtype=np.int64)
        present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms)) if len(geoms) else []
        geoms, rows = geoms[present], rows[present]
        max_vertices = 512
        if key != _RAW and len(geoms):
            unit = 2 * HALF_WORLD / (1 << key) / EXTENT
            screen_px = 2 * HALF_WORLD / (1 << key) / 256
            dims = shapely.get_dimensions(geoms)
            size = np.where(dims == 2, shapely.area(geoms), shapely.length(geoms) ** 2)
            keep = (dims == 0) | (size >= screen_px**2)
            geoms = valid_geometries(shapely.simplify(geoms[keep], unit, preserve_topology=True))
            if self.snap_levels:
                geoms = snap_level(geoms, unit)
            rows = rows[keep]
            present = ~shapely.is_empty(geoms)
            geoms, rows = geoms[present], rows[present]
            max_vertices = 1024
        parts: list[Any] = []
        source: list[int] = []
        for row, geom in zip(rows.tolist(), geoms, strict=True):
            for piece in subdivide(geom, max_vertices):
                parts.append(piece)
                source.append(row)
        arr = np.empty(len(parts), dtype=object)
        arr[:] = parts
        return _Level(arr, np.asarray(source, dtype=np.int64), STRtree(arr))

    def features(self, z: int, x: int, y: int) -> tuple[NDArray[np.object_], NDArray[np.int64]]:
        """Geometries in tile pixels (one per object) and their source rows."""
        minx, miny, maxx, maxy = tile_bounds(z, x, y)
        size = maxx - minx
        # half a unit off the grid: a clip edge on the grid lines of a snapped level
        # can cut degenerate slivers (GEOS clip_by_rect)
        pad = size * (BUFFER_PX + 0.5) / EXTENT
        empty = (np.empty(0, dtype=object), np.empty(0, dtype=np.int64))
        level = self.level(z)
        idx = level.tree.query(box(minx - pad, miny - pad, maxx + pad, maxy + pad))
        if not len(idx):
            return empty
        idx.sort()
        parts = level.parts[idx]
        geoms = shapely.clip_by_rect(parts, minx - pad, miny - pad, maxx + pad, maxy + pad)
        scale = EXTENT / size

        def to_pixels(xy: NDArray[np.float64]) -> NDArray[np.float64]:
            return np.column_stack(((xy[:, 0] - minx) * scale, (maxy - xy[:, 1]) * scale))

        # Snap to whole tile units (sub-unit detail vanishes) keeping polygons valid;
        # drop what collapsed.
        geoms = snap_to_grid(shapely.transform(geoms, to_pixels))
        dims = shapely.get_dimensions(geoms)
        keep = ~shapely.is_empty(geoms) & (
            (dims == 0)
            | ((dims == 1) & (shapely.length(geoms) > 0))
            | ((dims == 2) & (shapely.area(geoms) > 0))
        )
        sources, geoms = level.source[idx][keep], geoms[keep]
        if not len(geoms):
            return empty
        # Pieces of one subdivided object are merged: one feature per object.
        starts = np.flatnonzero(np.r_[True, sources[1:] != sources[:-1]])
        counts = np.diff(np.r_[starts, len(sources)])
        merged = geoms[starts].copy()
        for i in np.flatnonzero(counts > 1):
            pieces = geoms[starts[i] : starts[i] + counts[i]]
            merged[i] = shapely.union_all(pieces, grid_size=1)  # valid pieces on the grid
        return merged, sources[starts]


def _layer_source(layer: ReferenceLayer) -> TileSource:
    rows = layer.attributes or [{} for _ in layer.geometries]
    return TileSource.build(layer.name, list(layer.geometries), [_scalar_props(r) for r in rows])


def _basemap_sources(kommuner: ReferenceLayer) -> list[TileSource]:
    geoms = [g for g in kommuner.geometries if g is not None and not g.is_empty]
    land = shapely.union_all(geoms)
    coast = land.boundary
    rows = kommuner.attributes or [{} for _ in geoms]
    names = [{k: v for k, v in _scalar_props(r).items() if k in ("kode", "navn")} for r in rows]
    return [
        TileSource.build("land", [land], [{}]),
        TileSource.build("coast", [coast], [{}]),
        TileSource.build("kommuner", list(kommuner.geometries), names),
    ]


_sources_lock = threading.Lock()
_sources: dict[str, tuple[ReferenceLayer, list[TileSource]]] = {}


def tile_source(name: str) -> list[TileSource]:
    """The MVT layers for ``name``: built on first use, rebuilt when the layer changes.

    ``get_layer`` returns a new object after a re-import; then the sources are
    rebuilt and the layer's cached tiles dropped.
    """
    layer = (_loader or _default_loader)("kommuner" if name == BASEMAP else name)
    entry = _sources.get(name)
    if entry is not None and entry[0] is layer:
        return entry[1]
    with _sources_lock:
        entry = _sources.get(name)
        if entry is None or entry[0] is not layer:
            built = _basemap_sources(layer) if name == BASEMAP else [_layer_source(layer)]
            _sources[name] = (layer, built)
            if entry is not None:
                CACHE.drop(name)
        return _sources[name][1]


def render_tile(sources: list[TileSource], z: int, x: int, y: int) -> bytes:
    """Encode one tile (empty layers are left out; an empty tile is b"")."""
    tile = vector_tile_pb2.tile()
    for src in sources:
        geoms, rows = src.features(z, x, y)
        if len(geoms):
            encode_layer(tile, src.name, geoms, [src.props[int(r)] for r in rows], rows + 1)
    return tile.SerializeToString() if len(tile.layers) else b""


class TileCache:
    """A thread-safe LRU of encoded tiles, bounded by total bytes."""

    def __init__(self, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self._data: OrderedDict[tuple[str, int, int, int], tuple[bytes, str]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple[str, int, int, int]) -> tuple[bytes, str] | None:
        with self._lock:
            value = self._data.get(key)
            if value is None:
                self.misses += 1
                return None
            self._data.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key: tuple[str, int, int, int], value: tuple[bytes, str]) -> None:
        size = len(value[0]) + 64
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._data.pop(key, None)
            if old is not None:
                self._bytes -= len(old[0]) + 64
            self._data[key] = value
            self._bytes += size
            while self._bytes > self.max_bytes:
                _key, evicted = self._data.popitem(last=False)
                self._bytes -= len(evicted[0]) + 64

    def drop(self, name: str) -> None:
        """Forget every cached tile of one layer."""
        with self._lock:
            for key in [k for k in self._data if k[0] == name]:
                self._bytes -= len(self._data.pop(key)[0]) + 64

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._data)


CACHE = TileCache()


def reset_tiles() -> None:
    """Forget built sources and cached tiles (after a layer import; in tests)."""
    with _sources_lock:
        _sources.clear()
    CACHE.clear()


def get_tile(name: str, z: int, x: int, y: int, version: str = "") -> tuple[bytes, str]:
    """Encoded tile and its ETag (hash of layer version and content), cached."""
    sources = tile_source(name)  # first: drops stale tiles when the layer changed
    key = (name, z, x, y)
    cached = CACHE.get(key)
    if cached is not None:
        return cached
    data = render_tile(sources, z, x, y)
    digest = hashlib.blake2b(data, digest_size=12, key=version.encode()[:64]).hexdigest()
    value = (data, f'"{digest}"')
    CACHE.put(key, value)
    return value


def layer_info(name: str) -> tuple[Provenance, str]:
    """Provenance and geometry kind (``polygon``, ``line``, ``point``) of a tile layer."""
    if name == BASEMAP:
        return basemap_provenance(), "polygon"
    layer = (_loader or _default_loader)(name)
    kind = "polygon"
    for geom in layer.geometries:
        if geom is not None and not geom.is_empty:
            kind = {0: "point", 1: "line"}.get(int(shapely.get_dimensions(geom)), "polygon")
            break
    return layer.provenance, kind


def basemap_provenance() -> Provenance:
    """Provenance of the derived basemap (DAGI kommuner, 1:500 000, 2014)."""
    return Provenance(
        name=BASEMAP,
        title_da="Baggrundskort (kommuner og kystlinje)",
        title_en="Basemap (municipalities and coastline)",
        source="DAGI kommuner 1:500.000 (Geodatastyrelsen), kystlinje afledt af kommunegrænser",
        version="2014",
        licence="Danish public open data",
        attribution="Indeholder data fra Geodatastyrelsen (DAGI), 2014",
        synthetic=False,
        accuracy_note="Generalised 1:500 000; the coast is the outline of the municipalities.",
    )
