"""Coordinate reference systems (koordinatsystemer): parse, check, reproject to EPSG:25832."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import numpy.typing as npt
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

from rodloeber.domain.geo import INTERNAL_CRS
from rodloeber.domain.geodata.errors import GeodataError

# Denmark incl. its exclusive economic zone (marine Natura 2000 reaches far into
# the North Sea), in EPSG:25832: lon 2.5-16 E, lat 54-58.5 N.
DENMARK_EXTENT_25832 = (70_000.0, 6_000_000.0, 960_000.0, 6_510_000.0)
# Land only (Rømø-Bornholm, Gedser-Skagen) with a small margin.
DENMARK_LAND_EXTENT_25832 = (430_000.0, 6_030_000.0, 900_000.0, 6_420_000.0)


def normalise_crs(value: str | None) -> str:
    """``EPSG:nnnn`` for any CRS spelling (URN, URL, WKT); ``None`` means RFC 7946 WGS84.

    Raises :class:`GeodataError` (``crs_unknown``) when the CRS cannot be read.
    """
    if value is None or not str(value).strip():
        return "EPSG:4326"
    text = str(value).strip()
    if text.upper() in {"URN:OGC:DEF:CRS:OGC:1.3:CRS84", "OGC:CRS84", "CRS84"}:
        return "EPSG:4326"
    try:
        crs = CRS.from_user_input(text)
    except CRSError as exc:
        raise GeodataError(
            "crs_unknown",
            f"Koordinatsystemet '{text[:80]}' kendes ikke. Brug EPSG:25832 eller EPSG:4326.",
            f"Unknown coordinate reference system '{text[:80]}'. Use EPSG:25832 or EPSG:4326.",
        ) from exc
    epsg = crs.to_epsg(min_confidence=70)
    if epsg is None:
        raise GeodataError(
            "crs_unknown",
            "Koordinatsystemet har ingen EPSG-kode og kan ikke bruges sikkert.",
            "The coordinate reference system has no EPSG code and cannot be used safely.",
        )
    return f"EPSG:{epsg}"


@lru_cache(maxsize=16)
def _transformer(source: str) -> Transformer:
    return Transformer.from_crs(source, INTERNAL_CRS, always_xy=True)


def check_lonlat(geoms: npt.NDArray[np.object_]) -> None:
    """Refuse coordinates that cannot be longitude/latitude (a wrong or missing CRS)."""
    if len(geoms) == 0:
        return
    xmin, ymin, xmax, ymax = shapely.total_bounds(geoms)
    if not (-180 <= xmin <= xmax <= 180 and -90 <= ymin <= ymax <= 90):
        raise GeodataError(
            "crs_mismatch",
            "Koordinaterne er ikke længde-/breddegrader, selvom filen angiver (eller antager) "
            "EPSG:4326. Angiv det rigtige koordinatsystem (fx EPSG:25832) i filen.",
            "The coordinates are not longitude/latitude although the file states (or implies) "
            "EPSG:4326. State the correct CRS (e.g. EPSG:25832) in the file.",
        )


def to_internal(geoms: npt.NDArray[np.object_], source: str) -> npt.NDArray[np.object_]:
    """Reproject ``geoms`` from ``source`` (an ``EPSG:nnnn`` string) to EPSG:25832."""
    if source == INTERNAL_CRS:
        return geoms
    if source == "EPSG:4326":
        check_lonlat(geoms)
    transformer = _transformer(source)

    def project(coords: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    out: npt.NDArray[np.object_] = shapely.transform(geoms, project)
    return out


def outside_extent(
    geoms: npt.NDArray[np.object_],
    extent: tuple[float, float, float, float] = DENMARK_EXTENT_25832,
) -> npt.NDArray[np.bool_]:
    """True for each geometry that lies entirely outside ``extent`` (EPSG:25832)."""
    box = shapely.box(*extent)
    shapely.prepare(box)
    result: npt.NDArray[np.bool_] = ~shapely.intersects(box, geoms)
    return result
