"""Vector tiles of the business areas (``land_areas``), using the shared tile encoder.

The areas live in the database, not in a reference layer, so this builds a
:class:`rodloeber.layers.tiles.TileSource` from them and renders tiles with
``rodloeber.layers.tiles.render_tile`` (the screening engineer's encoder).
The source is rebuilt when the areas change (count + latest update) and
encoded tiles are kept in their own byte-bounded ``TileCache``.
"""

from __future__ import annotations

import hashlib
import threading
import time

import shapely
from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from rodloeber.landmap.models import BusinessArea
from rodloeber.layers.tiles import TileCache, TileSource, render_tile

__all__ = ["LAYER", "land_tile", "reset_land_tiles"]

LAYER = "land_areas"
# Below this zoom an area is drawn as its centroid point: at country and region
# scale polygons are a few pixels wide, and 2,000 of them make a 100 KiB tile.
POINT_BELOW_ZOOM = 11
_lock = threading.Lock()
_state: dict[str, object] = {}
CACHE = TileCache(max_bytes=32 * 1024 * 1024)


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


def _build() -> tuple[TileSource, TileSource]:
    """(polygons, centroid points) of every area, with the same properties."""
    rows = BusinessArea.objects.values_list(
        "id", "geometry_wkb", "status", "available_ha", "anvspec", "synthetic"
    ).order_by("id")
    geoms, props = [], []
    for pk, wkb, status, available, anvspec, synthetic in rows.iterator(chunk_size=2000):
        geoms.append(shapely.from_wkb(bytes(wkb)))
        props.append(
            {
                "id": pk,
                "status": status,
                "available_ha": available,
                "anvspec": anvspec or 0,
                "synthetic": bool(synthetic),
            }
        )
    points = list(shapely.point_on_surface(geoms)) if geoms else []
    return TileSource.build(LAYER, geoms, props), TileSource.build(LAYER, points, props)


def land_source(version: str | None = None, *, points: bool = False) -> TileSource:
    version = version or _version()
    with _lock:
        if _state.get("version") != version:
            _state["polygons"], _state["points"] = _build()
            _state["version"] = version
            CACHE.clear()
        source = _state["points" if points else "polygons"]
    assert isinstance(source, TileSource)
    return source


def land_tile(z: int, x: int, y: int) -> tuple[bytes, str]:
    """Encoded tile and its ETag (content hash keyed by the data version)."""
    version = _version()
    source = land_source(version, points=z < POINT_BELOW_ZOOM)
    key = (LAYER, z, x, y)
    cached = CACHE.get(key)
    if cached is not None:
        return cached
    data = render_tile([source], z, x, y)
    digest = hashlib.blake2b(data, digest_size=12, key=version.encode()[:64]).hexdigest()
    value = (data, f'"{digest}"')
    CACHE.put(key, value)
    return value


def reset_land_tiles() -> None:
    _version_memo.clear()
    with _lock:
        _state.clear()
        CACHE.clear()
