"""Infrastructure distances for business areas (afstande til infrastruktur), framework-free.

:class:`InfrastructureIndex` precomputes, for many areas at once, the
distance (km) to the nearest motorway, railway, port and substation
(>= 132 kV and >= 400 kV) with shapely STRtrees, and the kommune, region
and designated industrial park each area lies in. :func:`naive_distances`
is the full-scan baseline for benchmarks. Geometries are EPSG:25832.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely import STRtree
from shapely.geometry.base import BaseGeometry

__all__ = ["DISTANCE_KEYS", "Distances", "InfrastructureIndex", "naive_distances"]

DISTANCE_KEYS = ("km_motorway", "km_rail", "km_port", "km_substation_132", "km_substation_400")


@dataclass(frozen=True)
class Distances:
    """Distances in km (rounded to 10 m) and where an area lies."""

    km_motorway: float | None
    km_rail: float | None
    km_port: float | None
    km_substation_132: float | None
    km_substation_400: float | None
    komnr: str
    region_code: str
    in_industrial_park: bool
    industrial_park_name: str

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _array(geoms: Sequence[BaseGeometry | None]) -> NDArray[np.object_]:
    arr = np.empty(len(geoms), dtype=object)
    arr[:] = list(geoms)
    if not len(arr):
        return arr
    ok = ~(shapely.is_missing(arr) | shapely.is_empty(arr))
    kept: NDArray[np.object_] = arr[ok]
    return kept


@dataclass
class InfrastructureIndex:
    """STRtrees over the infrastructure layers (EPSG:25832).

    ``substations`` are (geometry, voltage_kv) pairs; an industrial park counts
    when the area lies within ``park_radius_m`` of it (the designated parks are
    points in the bundled data, polygons when imported).
    """

    motorways: Sequence[BaseGeometry] = ()
    railways: Sequence[BaseGeometry] = ()
    ports: Sequence[BaseGeometry] = ()
    substations: Sequence[tuple[BaseGeometry, float | None]] = ()
    parks: Sequence[tuple[BaseGeometry, str]] = ()
    kommuner: Sequence[tuple[BaseGeometry, str]] = ()
    regions: Sequence[tuple[BaseGeometry, str]] = ()
    park_radius_m: float = 3000.0
    _trees: dict[str, tuple[STRtree, NDArray[np.object_]] | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        subs = list(self.substations)
        self._trees = {
            "km_motorway": self._tree(self.motorways),
            "km_rail": self._tree(self.railways),
            "km_port": self._tree(self.ports),
            "km_substation_132": self._tree([g for g, kv in subs if (kv or 0) >= 132]),
            "km_substation_400": self._tree([g for g, kv in subs if (kv or 0) >= 400]),
        }
        self._parks = self._tree([g for g, _n in self.parks])
        self._park_names = [n for _g, n in self.parks]
        self._kommuner = self._tree([g for g, _c in self.kommuner])
        self._kommune_codes = [c for _g, c in self.kommuner]
        self._regions = self._tree([g for g, _c in self.regions])
        self._region_codes = [c for _g, c in self.regions]

    @staticmethod
    def _tree(geoms: Sequence[BaseGeometry]) -> tuple[STRtree, NDArray[np.object_]] | None:
        arr = _array(list(geoms))
        return (STRtree(arr), arr) if len(arr) else None

    def nearest_km(self, key: str, geoms: NDArray[np.object_]) -> NDArray[np.float64]:
        """Distance in km from each geometry to the nearest feature of ``key`` (NaN: no data)."""
        entry = self._trees.get(key)
        out = np.full(len(geoms), np.nan)
        if entry is None or not len(geoms):
            return out
        tree, _arr = entry
        (src, _tgt), dist = tree.query_nearest(geoms, return_distance=True, all_matches=False)
        out[src] = np.asarray(dist) / 1000.0
        return out

    def _locate(
        self,
        entry: tuple[STRtree, NDArray[np.object_]] | None,
        codes: list[str],
        points: NDArray[np.object_],
    ) -> list[str]:
        result = [""] * len(points)
        if entry is None or not len(points):
            return result
        src, tgt = entry[0].query(points, predicate="intersects")
        for s, t in zip(src.tolist(), tgt.tolist(), strict=True):
            if not result[s]:
                result[s] = codes[t]
        missing = [i for i, code in enumerate(result) if not code]
        if missing:  # on the coast the 1:500 000 polygons may miss: take the nearest
            (s2, t2) = entry[0].query_nearest(points[missing], all_matches=False)
            for s, t in zip(s2.tolist(), t2.tolist(), strict=True):
                result[missing[s]] = codes[t]
        return result

    def compute(self, geoms: Sequence[BaseGeometry]) -> list[Distances]:
        """Distances and location for every geometry (vectorised; one STRtree query per layer)."""
        arr = np.empty(len(geoms), dtype=object)
        arr[:] = list(geoms)
        km = {key: self.nearest_km(key, arr) for key in DISTANCE_KEYS}
        points = np.asarray(shapely.point_on_surface(arr), dtype=object) if len(arr) else arr
        komnr = self._locate(self._kommuner, self._kommune_codes, points)
        region = self._locate(self._regions, self._region_codes, points)
        park = [""] * len(arr)
        if self._parks is not None and len(arr):
            src, tgt = self._parks[0].query(arr, predicate="dwithin", distance=self.park_radius_m)
            for s, t in zip(src.tolist(), tgt.tolist(), strict=True):
                park[s] = park[s] or self._park_names[t]
        return [
            Distances(
                km_motorway=_km(km["km_motorway"][i]),
                km_rail=_km(km["km_rail"][i]),
                km_port=_km(km["km_port"][i]),
                km_substation_132=_km(km["km_substation_132"][i]),
                km_substation_400=_km(km["km_substation_400"][i]),
                komnr=komnr[i],
                region_code=region[i],
                in_industrial_park=bool(park[i]),
                industrial_park_name=park[i],
            )
            for i in range(len(arr))
        ]


def _km(value: float) -> float | None:
    return None if np.isnan(value) else round(float(value), 2)


def naive_distances(geom: BaseGeometry, layer: Sequence[BaseGeometry]) -> float | None:
    """Baseline: the distance (km) to the nearest feature by checking every feature."""
    if not layer:
        return None
    return round(min(float(geom.distance(g)) for g in layer) / 1000.0, 2)
