"""Geometry columns of a business area: WKB (EPSG:25832), GeoJSON (EPSG:4326), bbox, centroid."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

from rodloeber.domain.geo import EXCHANGE_CRS, INTERNAL_CRS

__all__ = ["area_geometry", "geometry_fields", "to_lonlat", "to_web_mercator"]


@lru_cache(maxsize=1)
def _to_4326() -> Transformer:
    return Transformer.from_crs(INTERNAL_CRS, EXCHANGE_CRS, always_xy=True)


@lru_cache(maxsize=1)
def _to_3857() -> Transformer:
    return Transformer.from_crs(INTERNAL_CRS, "EPSG:3857", always_xy=True)


def to_web_mercator(geoms: Any) -> Any:
    """EPSG:25832 geometries (an array: one vectorised transform) in EPSG:3857 (tiles)."""
    tf = _to_3857()
    return shapely.transform(geoms, lambda xy: _project(tf, xy))


def to_lonlat(geom: BaseGeometry) -> BaseGeometry:
    tf = _to_4326()
    return shapely.transform(geom, lambda xy: _project(tf, xy))


def _project(tf: Transformer, xy: Any) -> Any:
    x, y = tf.transform(xy[:, 0], xy[:, 1])
    return np.column_stack((x, y))


def geometry_fields(geom: BaseGeometry) -> dict[str, Any]:
    """Model field values derived from a valid polygon in EPSG:25832."""
    lonlat = to_lonlat(geom)
    minx, miny, maxx, maxy = lonlat.bounds
    centroid = geom.representative_point()
    c_ll = to_lonlat(centroid)
    rounded = shapely.set_precision(lonlat, 1e-6)
    return {
        "geometry_wkb": shapely.to_wkb(geom),
        "geojson": json.dumps(shapely.geometry.mapping(rounded), separators=(",", ":")),
        "area_ha": round(geom.area / 10_000, 2),
        "min_lon": minx,
        "min_lat": miny,
        "max_lon": maxx,
        "max_lat": maxy,
        "centroid_lon": round(c_ll.x, 6),
        "centroid_lat": round(c_ll.y, 6),
        "centroid_x": round(centroid.x, 1),
        "centroid_y": round(centroid.y, 1),
    }


def area_geometry(wkb: bytes | memoryview) -> BaseGeometry:
    return shapely.from_wkb(bytes(wkb))
