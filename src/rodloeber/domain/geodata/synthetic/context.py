"""Inputs to the generator (generatorens grundlag): land, coast and towns in EPSG:25832."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import shapely

from rodloeber.domain.geodata.subdivide import subdivide


@dataclass(frozen=True)
class Town:
    """A town centre (bymidte) with its population."""

    name: str
    x: float
    y: float
    population: int


@dataclass
class LandContext:
    """Land (the union of the municipalities), its coast and the towns."""

    land: shapely.Geometry
    coast_parts: npt.NDArray[np.object_]
    coast_tree: shapely.STRtree
    towns: tuple[Town, ...]
    town_xy: npt.NDArray[np.float64]
    town_pop: npt.NDArray[np.float64]

    @classmethod
    def build(cls, land_polygons: Sequence[shapely.Geometry], towns: Sequence[Town]) -> LandContext:
        parts = np.asarray(land_polygons, dtype=object)
        land = shapely.coverage_union_all(parts)  # municipalities tile the land: fast
        if not shapely.is_valid(land):
            land = shapely.union_all(parts)
        shapely.prepare(land)
        coast, _ = subdivide(np.asarray([shapely.boundary(land)], dtype=object), max_vertices=64)
        coast_parts = shapely.get_parts(coast)
        return cls(
            land=land,
            coast_parts=coast_parts,
            coast_tree=shapely.STRtree(coast_parts),
            towns=tuple(towns),
            town_xy=np.array([[t.x, t.y] for t in towns], dtype=float).reshape(-1, 2),
            town_pop=np.array([t.population for t in towns], dtype=float),
        )

    def nearest_town(self, x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> list[str]:
        """Name of the nearest town for each point (used in plausible names)."""
        if len(self.towns) == 0:
            return ["Danmark"] * len(x)
        names: list[str] = []
        for i in range(0, len(x), 4096):
            dx = x[i : i + 4096, None] - self.town_xy[None, :, 0]
            dy = y[i : i + 4096, None] - self.town_xy[None, :, 1]
            names.extend(self.towns[j].name for j in np.argmin(dx * dx + dy * dy, axis=1))
        return [_short(n) for n in names]

    def clear_of_towns(
        self,
        x: npt.NDArray[np.float64],
        y: npt.NDArray[np.float64],
        base_m: float,
        per_sqrt_10k_m: float,
    ) -> npt.NDArray[np.bool_]:
        """True where a point is outside every town's radius ``base + k·sqrt(pop/10 000)``."""
        ok = np.ones(len(x), dtype=bool)
        if len(self.towns) == 0:
            return ok
        radius = base_m + per_sqrt_10k_m * np.sqrt(self.town_pop / 10_000.0)
        for i in range(0, len(x), 8192):
            dx = x[i : i + 8192, None] - self.town_xy[None, :, 0]
            dy = y[i : i + 8192, None] - self.town_xy[None, :, 1]
            ok[i : i + 8192] = ((dx * dx + dy * dy) > radius[None, :] ** 2).all(axis=1)
        return ok


def _short(name: str) -> str:
    return name.split(" (")[0].split("-")[0].strip()


def rng_for(seed: int, layer: str) -> np.random.Generator:
    """An independent, stable random stream per (seed, layer) — not Python's salted hash."""
    return np.random.default_rng([seed, zlib.crc32(layer.encode("utf-8"))])
