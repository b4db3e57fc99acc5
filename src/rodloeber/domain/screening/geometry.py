"""Parsing and checking the area to screen (undersøgelsesområdet).

Input is a GeoJSON Polygon or MultiPolygon in EPSG:4326 (RFC 7946:
longitude, latitude). Output is a valid shapely geometry in EPSG:25832
(ETRS89 / UTM 32N) with its area. Every rejection is a
:class:`GeometryError` with a Danish and an English message.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely
from numpy.typing import NDArray
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry

from rodloeber.domain.geo import EXCHANGE_CRS, INTERNAL_CRS
from rodloeber.domain.screening.errors import GeometryError

__all__ = [
    "AreaOfInterest",
    "GeometryLimits",
    "check_complexity",
    "parse_area",
    "to_exchange",
    "to_internal",
]

ACCEPTED_CRS_NAMES = frozenset(
    {
        "epsg:4326",
        "urn:ogc:def:crs:ogc:1.3:crs84",
        "urn:ogc:def:crs:epsg::4326",
        "ogc:crs84",
        "crs84",
        "http://www.opengis.net/def/crs/ogc/1.3/crs84",
        "http://www.opengis.net/def/crs/epsg/0/4326",
    }
)


@dataclass(frozen=True)
class GeometryLimits:
    """Sanity limits for a submitted area (grænser for indsendte arealer).

    Not legal thresholds: they keep one request cheap. The largest Danish
    industrial park applications are some hundred hectares; 100,000 ha
    (1,000 km²) is far beyond any plausible park.
    """

    max_vertices: int = 50_000
    # Complexity (issue #20): a 764 KB polygon with 9,000 tiny holes cost 25 s
    # of CPU. A real site plan has a handful of parts and holes.
    max_parts: int = 250
    max_holes: int = 250
    max_area_ha: float = 100_000.0
    min_area_ha: float = 0.01
    # Denmark (without the Faroe Islands and Greenland) incl. Bornholm and Ertholmene.
    bbox_4326: tuple[float, float, float, float] = (7.7, 54.4, 15.4, 57.9)


@dataclass(frozen=True)
class AreaOfInterest:
    """A checked area: geometry in EPSG:25832 and its size."""

    geometry: BaseGeometry
    area_ha: float
    vertex_count: int


@lru_cache(maxsize=1)
def _forward() -> Transformer:
    return Transformer.from_crs(EXCHANGE_CRS, INTERNAL_CRS, always_xy=True)


@lru_cache(maxsize=1)
def _backward() -> Transformer:
    return Transformer.from_crs(INTERNAL_CRS, EXCHANGE_CRS, always_xy=True)


def _apply(geometry: BaseGeometry, transformer: Transformer) -> BaseGeometry:
    def project(xy: NDArray[np.float64]) -> NDArray[np.float64]:
        x, y = transformer.transform(xy[:, 0], xy[:, 1])
        return np.column_stack((x, y))

    result: BaseGeometry = shapely.transform(geometry, project)
    return result


def to_internal(geometry: BaseGeometry) -> BaseGeometry:
    """EPSG:4326 (lon, lat) → EPSG:25832."""
    return _apply(geometry, _forward())


def to_exchange(geometry: BaseGeometry) -> BaseGeometry:
    """EPSG:25832 → EPSG:4326 (lon, lat)."""
    return _apply(geometry, _backward())


def _error(code: str, da: str, en: str) -> GeometryError:
    return GeometryError(code, da, en)


def _check_crs(data: dict[str, object]) -> None:
    crs = data.get("crs")
    if crs is None:
        return
    name = ""
    if isinstance(crs, dict):
        props = crs.get("properties")
        if isinstance(props, dict):
            name = str(props.get("name", ""))
    if name.strip().lower() not in ACCEPTED_CRS_NAMES:
        raise _error(
            "wrong_crs",
            f"Geometrien skal være i EPSG:4326 (længde, bredde), men er angivet i '{name}'.",
            f"The geometry must be in EPSG:4326 (longitude, latitude), but declares '{name}'.",
        )


def _walk_positions(
    coords: object, depth: int, limits: GeometryLimits
) -> tuple[list[tuple[float, float]], int]:
    """Validate nesting and complexity; return the positions and their count.

    Parts and holes are counted before their coordinates are read, so an
    over-complex geometry costs no geometry work at all.
    """
    positions: list[tuple[float, float]] = []
    limit = limits.max_vertices
    holes = 0

    def walk(node: object, level: int) -> None:
        nonlocal holes
        if not isinstance(node, list | tuple):
            raise _malformed()
        if level == 3 and len(node) > limits.max_parts:
            raise _error(
                "too_many_parts",
                f"Geometrien har {len(node)} dele; højst {limits.max_parts} er tilladt. "
                "Send de sammenhængende arealer hver for sig, eller forenkl geometrien.",
                f"The geometry has {len(node)} parts; at most {limits.max_parts} are allowed. "
                "Send separate areas one by one, or simplify the geometry.",
            )
        if level == 2:
            holes += max(len(node) - 1, 0)
            if holes > limits.max_holes:
                raise _error(
                    "too_many_holes",
                    f"Geometrien har mere end {limits.max_holes} huller (indre ringe); "
                    "forenkl den, fx ved at udelade små huller.",
                    f"The geometry has more than {limits.max_holes} holes (interior rings); "
                    "simplify it, e.g. by leaving out small holes.",
                )
        if level == 0:
            if len(node) < 2 or not all(
                isinstance(v, int | float) and not isinstance(v, bool) for v in node
            ):
                raise _malformed()
            x, y = float(node[0]), float(node[1])
            if not (math.isfinite(x) and math.isfinite(y)):
                raise _malformed()
            positions.append((x, y))
            if len(positions) > limit:
                raise _too_many_vertices(limit)
            return
        if level == 1 and not all(isinstance(p, list | tuple) for p in node):
            raise _malformed()
        if level == 1 and (len(node) < 4 or list(node[0]) != list(node[-1])):
            raise _error(
                "malformed",
                "Hver ring skal have mindst 4 punkter, og første og sidste punkt skal være ens.",
                "Every ring needs at least 4 positions, and the first and last must be equal.",
            )
        if not node:
            raise _malformed()
        for child in node:
            walk(child, level - 1)

    walk(coords, depth)
    return positions, len(positions)


def check_complexity(geoms: Sequence[BaseGeometry], limits: GeometryLimits | None = None) -> None:
    """Parts and holes of already-read geometries, counted before any other work.

    For files read by shapely/GDAL (park area files, land imports); GeoJSON
    bodies are counted while their nesting is walked (:func:`parse_area`).
    """
    limits = limits or GeometryLimits()
    parts = shapely.get_parts(np.asarray(geoms, dtype=object))
    if len(parts) > limits.max_parts:
        raise _error(
            "too_many_parts",
            f"Geometrien har {len(parts)} dele; højst {limits.max_parts} er tilladt. "
            "Send de sammenhængende arealer hver for sig, eller forenkl geometrien.",
            f"The geometry has {len(parts)} parts; at most {limits.max_parts} are allowed. "
            "Send separate areas one by one, or simplify the geometry.",
        )
    holes = int(shapely.get_num_interior_rings(parts).sum())
    if holes > limits.max_holes:
        raise _error(
            "too_many_holes",
            f"Geometrien har {holes} huller (indre ringe); højst {limits.max_holes}; "
            "forenkl den, fx ved at udelade små huller.",
            f"The geometry has {holes} holes (interior rings); at most {limits.max_holes}; "
            "simplify it, e.g. by leaving out small holes.",
        )


def _too_many_vertices(limit: int) -> GeometryError:
    return _error(
        "too_many_vertices",
        f"Geometrien har mere end {limit} punkter; forenkl den.",
        f"The geometry has more than {limit} vertices; simplify it.",
    )


def _malformed() -> GeometryError:
    return _error(
        "malformed",
        "Koordinaterne er ikke gyldig GeoJSON (lister af [længde, bredde]).",
        "The coordinates are not valid GeoJSON (arrays of [longitude, latitude]).",
    )


def parse_area(data: object, limits: GeometryLimits | None = None) -> AreaOfInterest:
    """Check a GeoJSON geometry object and return it in EPSG:25832.

    Raises :class:`GeometryError` for every problem, never another exception.
    """
    limits = limits or GeometryLimits()
    if not isinstance(data, dict) or "type" not in data:
        raise _error(
            "missing_geometry",
            "Der mangler en GeoJSON-geometri (objekt med 'type' og 'coordinates').",
            "A GeoJSON geometry (an object with 'type' and 'coordinates') is missing.",
        )
    kind = data.get("type")
    if kind not in ("Polygon", "MultiPolygon"):
        raise _error(
            "not_polygon",
            f"Geometrien skal være Polygon eller MultiPolygon, ikke '{kind}'.",
            f"The geometry must be a Polygon or MultiPolygon, not '{kind}'.",
        )
    _check_crs(data)
    depth = 2 if kind == "Polygon" else 3
    positions, count = _walk_positions(data.get("coordinates"), depth, limits)
    if any(abs(x) > 180 or abs(y) > 90 for x, y in positions):
        raise _error(
            "wrong_crs",
            "Koordinaterne ligner projicerede meter (fx EPSG:25832). "
            "Send længde- og breddegrader i EPSG:4326.",
            "The coordinates look like projected metres (e.g. EPSG:25832). "
            "Send longitude and latitude in EPSG:4326.",
        )
    geom = shape(data)
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        raise _error(
            "invalid_geometry",
            f"Geometrien er ugyldig (fx selvskærende kanter): {reason}.",
            f"The geometry is invalid (e.g. self-intersecting edges): {reason}.",
        )
    _check_in_denmark(geom, limits)
    internal = to_internal(geom)
    if not internal.is_valid:  # can happen for near-degenerate input after projection
        internal = shapely.make_valid(internal)
        internal = _polygonal(internal)
    return AreaOfInterest(geometry=internal, area_ha=_sized(internal, limits), vertex_count=count)


def checked_projected(
    internal: BaseGeometry, exchange: BaseGeometry, limits: GeometryLimits | None = None
) -> AreaOfInterest:
    """An area already read and reprojected, checked against the limits of :func:`parse_area`.

    For a file read by GDAL (a park's area file): ``internal`` is the valid
    area in EPSG:25832, ``exchange`` the same area in EPSG:4326. The vertex
    count, Denmark's box and the size are checked without parsing or
    reprojecting the area again.
    """
    limits = limits or GeometryLimits()
    count = int(shapely.get_num_coordinates(exchange))
    if count > limits.max_vertices:
        raise _too_many_vertices(limits.max_vertices)
    _check_in_denmark(exchange, limits)
    return AreaOfInterest(geometry=internal, area_ha=_sized(internal, limits), vertex_count=count)


def _sized(internal: BaseGeometry, limits: GeometryLimits) -> float:
    """The area in hectares, within the limits."""
    area_ha = float(internal.area) / 10_000.0
    if area_ha > limits.max_area_ha:
        raise _error(
            "too_large",
            f"Arealet er {area_ha:,.0f} ha; højst {limits.max_area_ha:,.0f} ha kan screenes.",
            f"The area is {area_ha:,.0f} ha; at most {limits.max_area_ha:,.0f} ha can be screened.",
        )
    if area_ha < limits.min_area_ha:
        raise _error(
            "too_small",
            f"Arealet er {area_ha:.4f} ha; mindst {limits.min_area_ha} ha kræves.",
            f"The area is {area_ha:.4f} ha; at least {limits.min_area_ha} ha is required.",
        )
    return area_ha


def _check_in_denmark(geom: BaseGeometry, limits: GeometryLimits) -> None:
    minx, miny, maxx, maxy = limits.bbox_4326
    gx0, gy0, gx1, gy1 = geom.bounds
    if minx <= gx0 and gx1 <= maxx and miny <= gy0 and gy1 <= maxy:
        return
    if minx <= gy0 and gy1 <= maxx and miny <= gx0 and gx1 <= maxy:
        raise _error(
            "swapped_axes",
            "Koordinaterne ser ud til at være i rækkefølgen (bredde, længde). "
            "GeoJSON bruger (længde, bredde).",
            "The coordinates appear to be in (latitude, longitude) order. "
            "GeoJSON uses (longitude, latitude).",
        )
    raise _error(
        "outside_denmark",
        "Arealet ligger (helt eller delvist) uden for Danmark.",
        "The area lies (wholly or partly) outside Denmark.",
    )


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    parts = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, Polygon | MultiPolygon)]
    return shapely.union_all(parts) if parts else geom
