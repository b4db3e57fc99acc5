"""Find the municipality (kommune) of a site from a map point or address text.

Offline there is no geocoder: a point is looked up by point-in-polygon
against the bundled DAGI kommune boundaries, and an address is only searched
for a municipality name written in it.

Lives in ``layers`` (reference geodata) so that both the check (/tjek) and
the industrial parks use it without depending on each other.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from rodloeber.accounts.reference import KOMMUNER_GEOJSON

# English or older spellings of municipality names seen in addresses.
ALIASES = {"copenhagen": "0101", "århus": "0751", "kobenhavn": "0101"}


@dataclass(frozen=True)
class KommuneIndex:
    codes: tuple[str, ...]
    names: tuple[str, ...]
    geometries: tuple[BaseGeometry, ...]
    tree: shapely.STRtree


@cache
def kommune_index() -> KommuneIndex:
    """The 98 kommune polygons (EPSG:4326) with an STRtree, loaded once per process."""
    data = json.loads(KOMMUNER_GEOJSON.read_text(encoding="utf-8"))
    codes, names, geoms = [], [], []
    for feature in data["features"]:
        geom = shape(feature["geometry"])
        shapely.prepare(geom)
        codes.append(str(feature["properties"]["kode"]))
        names.append(str(feature["properties"]["navn"]))
        geoms.append(geom)
    return KommuneIndex(tuple(codes), tuple(names), tuple(geoms), shapely.STRtree(geoms))


def kommune_at(lon: float, lat: float) -> str | None:
    """The DAGI code of the kommune containing (lon, lat), or None (sea, abroad)."""
    index = kommune_index()
    point = shapely.Point(lon, lat)
    for i in index.tree.query(point, predicate="intersects"):
        return index.codes[int(i)]
    return None


def _flexible(name: str) -> str:
    """A regex for ``name`` where a space and a hyphen match each other."""
    return r"[\s-]+".join(re.escape(part) for part in re.split(r"[\s-]+", name))


@cache
def _name_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    index = kommune_index()
    pairs = [(name, code) for code, name in zip(index.codes, index.names, strict=True)]
    pairs += list(ALIASES.items())
    pairs.sort(key=lambda p: len(p[0]), reverse=True)
    return tuple(
        (re.compile(rf"(?<![\w-]){_flexible(name)}(?![\w-])", re.IGNORECASE), code)
        for name, code in pairs
    )


def kommune_in_text(text: str) -> str | None:
    """The kommune named in an address, e.g. "Industrivej 1, 6700 Esbjerg" -> "0561".

    When several names occur, the last one wins (the town ends a Danish address).
    """
    best: tuple[int, str] | None = None
    for pattern, code in _name_patterns():
        for match in pattern.finditer(text):
            if best is None or match.start() > best[0]:
                best = (match.start(), code)
    return best[1] if best else None
