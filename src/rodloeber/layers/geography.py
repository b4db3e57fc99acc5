"""The one geography service (geografi): municipalities and their regions.

Indexed once per process from the bundled DAGI municipality boundaries
(``layers/data/kommuner.geojson``, source and licence in
``layers/data/ATTRIBUTION.md``), read once by
:func:`rodloeber.accounts.reference.kommune_features`. Every "which
municipality is this point in" and "does this area touch Denmark" question,
and every municipality outline, is answered here:

- :func:`municipality_at` — the kommune containing a point (lon, lat);
- :func:`municipalities_meeting` — the kommuner an area (EPSG:4326) touches;
- :func:`municipality_outline` — a kommune's outline in EPSG:25832;
- :func:`municipality` — code, name and region (regionskode, regionsnavn).

Screening (``domain.screening``) and the land map's distance index answer from
the *built* reference layers instead, which may be newer official imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from rodloeber.accounts.reference import kommune_features
from rodloeber.domain.screening import to_internal

__all__ = [
    "Geography",
    "Municipality",
    "geography",
    "municipalities_meeting",
    "municipality",
    "municipality_at",
    "municipality_outline",
]


@dataclass(frozen=True)
class Municipality:
    code: str  # DAGI kommunekode, e.g. "0561"
    name: str  # "Esbjerg"
    region_code: str  # DAGI regionskode, e.g. "1083"
    region_name: str  # "Region Syddanmark"


@dataclass(frozen=True)
class Geography:
    municipalities: tuple[Municipality, ...]
    outlines_lonlat: tuple[BaseGeometry, ...]  # EPSG:4326, prepared
    tree: shapely.STRtree  # over outlines_lonlat
    by_code: dict[str, int]


@cache
def geography() -> Geography:
    """The 98 kommuner with an STRtree, built once per process."""
    munis: list[Municipality] = []
    outlines: list[BaseGeometry] = []
    for feature in kommune_features():
        p = feature["properties"]
        munis.append(
            Municipality(
                code=str(p["kode"]),
                name=str(p["navn"]),
                region_code=str(p["regionskode"]),
                region_name=str(p["regionsnavn"]),
            )
        )
        outline = shape(feature["geometry"])
        shapely.prepare(outline)
        outlines.append(outline)
    return Geography(
        municipalities=tuple(munis),
        outlines_lonlat=tuple(outlines),
        tree=shapely.STRtree(outlines),
        by_code={m.code: i for i, m in enumerate(munis)},
    )


def municipality_at(lon: float, lat: float) -> str | None:
    """The code of the kommune containing (lon, lat), or None (at sea, abroad)."""
    geo = geography()
    for i in geo.tree.query(shapely.Point(lon, lat), predicate="intersects"):
        return geo.municipalities[int(i)].code
    return None


def municipalities_meeting(area_lonlat: BaseGeometry) -> tuple[str, ...]:
    """Codes of the kommuner an area (EPSG:4326) touches, in code order; () = not Denmark."""
    geo = geography()
    hits = geo.tree.query(area_lonlat, predicate="intersects")
    return tuple(sorted(geo.municipalities[int(i)].code for i in hits))


def municipality(code: str) -> Municipality:
    """The kommune with this DAGI code (``KeyError`` when there is none)."""
    geo = geography()
    return geo.municipalities[geo.by_code[code]]


@cache
def municipality_outline(code: str) -> BaseGeometry:
    """The kommune's outline in EPSG:25832 (``KeyError`` when there is none)."""
    geo = geography()
    return to_internal(geo.outlines_lonlat[geo.by_code[code]])
