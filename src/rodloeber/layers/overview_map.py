"""Static overview map (oversigtskort): an SVG of the map component's start view.

The map pages' first paint (``/kort``, ``/industriparker``) is this picture, not
MapLibre: in software WebGL (no GPU, as on Lighthouse's and many office
machines) each MapLibre frame blocks the main thread for 50-300 ms, so drawing
the interactive map at load cost 1.1-1.6 s of blocking time (ADR 0029). The
picture shows what the map's start view shows (Denmark, the municipal borders
and the page's own features: result points or park areas); the interactive map
replaces it on the user's first pointer or keyboard interaction with the map,
or at once when the link carries a view (``#kort=…``/``#valgt=…``).

The view is the map's start view (``map.js`` ``DENMARK``, fitted the same way:
Web Mercator, centred, aspect ratio kept). The land and borders are drawn once
per process from the DAGI kommuner layer (the bundled copy when layers are not
built; redrawn when the layer is re-imported); the page's features are drawn per
request, and callers bound how many.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterable
from typing import Any

import numpy as np
import shapely
from pyproj import Transformer

from rodloeber.domain.geo import EXCHANGE_CRS, INTERNAL_CRS
from rodloeber.domain.geodata.crs import to_internal
from rodloeber.layers import bundled
from rodloeber.layers.loading import get_layer
from rodloeber.layers.screening_service import unavailable_errors

__all__ = ["DENMARK", "HEIGHT", "WIDTH", "overview_svg"]

#: The map's start view (lon/lat box), as ``map.js`` fits it.
DENMARK = (7.9, 54.5, 12.8, 57.8)
WIDTH = 1000
#: Colours as the interactive map draws them (map.js, landmap.js).
SEA, LAND, BORDER, COAST, RESULT = "#d4e6f1", "#f5f2ea", "#9e978a", "#5b7f95", "#5b2a86"
AREA_FILL, AREA_LINE = "#c62828", "#8e0000"  # parks.js

_to_3857 = Transformer.from_crs(EXCHANGE_CRS, "EPSG:3857", always_xy=True)
_internal_to_3857 = Transformer.from_crs(INTERNAL_CRS, "EPSG:3857", always_xy=True)
_X0, _Y0 = _to_3857.transform(DENMARK[0], DENMARK[1])
_X1, _Y1 = _to_3857.transform(DENMARK[2], DENMARK[3])
_SCALE = WIDTH / (_X1 - _X0)
HEIGHT = round((_Y1 - _Y0) * _SCALE)

_MIN_AREA = 4.0
_lock = threading.Lock()
_base: tuple[Any, str] | None = None


def _xy(x: Any, y: Any) -> tuple[Any, Any]:
    """Web Mercator metres → whole SVG units (origin top left; one unit is about
    half a screen pixel where the map is shown, so rounding is invisible)."""
    return np.round((np.asarray(x) - _X0) * _SCALE), np.round((_Y1 - np.asarray(y)) * _SCALE)


def _num(v: float) -> str:
    return str(int(v))


def _ring_path(coords: Any) -> str:
    xs, ys = _xy(coords[:, 0], coords[:, 1])
    pts = [f"{_num(a)} {_num(b)}" for a, b in zip(xs, ys, strict=True)]
    # consecutive duplicates (after rounding) add bytes and nothing else
    out = [pts[0]] + [p for prev, p in itertools.pairwise(pts) if p != prev]
    return "M" + "L".join(out) + "Z"


def _polygons_path(geom: Any) -> str:
    parts: list[str] = []
    for poly in getattr(geom, "geoms", [geom]):
        # islets smaller than a few SVG units vanish at the preview's size
        if poly.is_empty or poly.geom_type != "Polygon" or poly.area * _SCALE**2 < _MIN_AREA:
            continue
        for ring in [poly.exterior, *poly.interiors]:
            coords = shapely.get_coordinates(ring)
            if len(coords) >= 4:
                parts.append(_ring_path(coords))
    return "".join(parts)


def _lines_path(geom: Any) -> str:
    parts: list[str] = []
    for line in getattr(geom, "geoms", [geom]):
        coords = shapely.get_coordinates(line)
        if len(coords) >= 2:
            parts.append(_ring_path(coords)[:-1])
    return "".join(parts)


def _base_layers() -> str:
    """Land and municipal borders, drawn once per loaded kommuner layer."""
    global _base
    layer: Any
    try:
        layer = get_layer("kommuner")
    except unavailable_errors():  # no built layers (tests, first start): the bundled copy
        layer = "bundled"
    if _base is not None and _base[0] is layer:
        return _base[1]
    with _lock:
        if _base is None or _base[0] is not layer:
            if layer == "bundled":
                table = bundled.geojson("kommuner.geojson")
                source = to_internal(np.asarray(table.geometries, dtype=object), table.crs)
            else:
                source = layer.geometries
            geoms = [g for g in source if g is not None and not g.is_empty]
            merc = shapely.transform(
                np.array(geoms, dtype=object),
                lambda xy: np.column_stack(_internal_to_3857.transform(xy[:, 0], xy[:, 1])),
            )
            # one SVG unit: finer detail is invisible at the preview's size; the
            # municipalities are a coverage, simplified together so shared borders
            # stay shared (and the coast is exactly the land's outline)
            tol = 1.0 / _SCALE
            view = shapely.box(_X0, _Y0, _X1, _Y1).buffer(20 / _SCALE)
            cover = shapely.coverage_simplify(merc, tol)
            land = shapely.make_valid(shapely.union_all(cover)).intersection(view)
            # inland municipal borders only: the coast is drawn as the land's outline
            borders = shapely.line_merge(
                shapely.union_all(shapely.boundary(cover)).difference(land.boundary)
            ).intersection(view)
            svg = (
                f'<path fill="{LAND}" stroke="{COAST}" stroke-width="0.8" '
                f'd="{_polygons_path(land)}"/>'
                f'<path fill="none" stroke="{BORDER}" stroke-width="0.5" '
                f'd="{_lines_path(borders)}"/>'
            )
            _base = (layer, svg)
        return _base[1]


def _dots(points: Iterable[tuple[float, float]]) -> str:
    lonlat = np.array(list(points), dtype=float).reshape(-1, 2)
    if not len(lonlat):
        return ""
    mx, my = _to_3857.transform(lonlat[:, 0], lonlat[:, 1])
    xs, ys = _xy(mx, my)
    inside = (xs >= 0) & (xs <= WIDTH) & (ys >= 0) & (ys <= HEIGHT)
    # one dot per point: a zero-length line with round caps; drawn twice (white
    # halo, then purple) from one path
    unique = dict.fromkeys(
        f"M{_num(a)} {_num(b)}h0" for a, b in zip(xs[inside], ys[inside], strict=True)
    )
    return (
        f'<defs><path id="r" d="{"".join(unique)}"/></defs>'
        '<use href="#r" fill="none" stroke="#ffffff" stroke-width="7" stroke-linecap="round"/>'
        f'<use href="#r" fill="none" stroke="{RESULT}" stroke-width="5" '
        'stroke-linecap="round"/>'
    )


def _areas(areas: Iterable[dict[str, Any]]) -> str:
    """GeoJSON polygons (lon/lat) filled like the map draws park areas; an area
    too small to see at this scale still shows as a dot-sized square."""
    parts: list[str] = []
    for geojson in areas:
        geom = shapely.geometry.shape(geojson)
        if geom.is_empty:
            continue
        merc = shapely.transform(
            geom, lambda xy: np.column_stack(_to_3857.transform(xy[:, 0], xy[:, 1]))
        )
        if merc.area * _SCALE**2 < 16:
            c = merc.centroid
            x, y = _xy(c.x, c.y)
            parts.append(f"M{_num(x - 5)} {_num(y - 5)}h10v10h-10Z")
        else:
            parts.append(_polygons_path(merc))
    if not parts:
        return ""
    return (
        f'<path fill="{AREA_FILL}" fill-opacity="0.6" stroke="{AREA_LINE}" d="{"".join(parts)}"/>'
    )


def overview_svg(
    title: str,
    points: Iterable[tuple[float, float]] = (),
    areas: Iterable[dict[str, Any]] = (),
) -> str:
    """The overview map with ``points`` (lon, lat) as purple dots and ``areas``
    (GeoJSON geometries in lon/lat) as red polygons."""
    safe_title = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" preserveAspectRatio="xMidYMid meet">'
        f"<title>{safe_title}</title>"
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{SEA}"/>'
        f"{_base_layers()}{_areas(areas)}{_dots(points)}</svg>"
    )
