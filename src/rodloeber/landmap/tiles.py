"""Vector tiles of the business areas (layer ``land_areas``), fast at every zoom (ADR 0016).

This module keeps the current :class:`~rodloeber.landmap.land_index.LandIndex`
per data version (count, newest id and change of the areas), updates it after
an edit through :mod:`rodloeber.landmap.tile_delta` and keeps encoded tiles in
a byte-bounded ``TileCache`` emptied whenever the data version changes. How a
tile is cut from the index is described in :mod:`rodloeber.landmap.land_index`.
"""

from __future__ import annotations

import hashlib
import threading
import time

from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from rodloeber.landmap.land_index import (
    CELL,
    CLUSTER_MAX_ZOOM,
    LAYER,
    RAW,
    SIMPLIFIED_ZOOMS,
    LandIndex,
)
from rodloeber.landmap.models import BusinessArea
from rodloeber.landmap.tile_delta import refreshed
from rodloeber.layers.tiles import TileCache

__all__ = [
    "CACHE",
    "CELL",
    "CLUSTER_MAX_ZOOM",
    "LAYER",
    "RAW",
    "SIMPLIFIED_ZOOMS",
    "LandIndex",
    "land_index",
    "land_tile",
    "render_land_tile",
    "reset_land_tiles",
]

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


def land_index(version: str | None = None) -> LandIndex:
    """The index of the current data version.

    Built on first use; after an edit, import or deletion the previous index is
    updated with just the changed areas (``tile_delta.refreshed``: their rows,
    polygons and zoom bands) when there are few, else rebuilt.
    """
    version = version or _version()
    with _lock:
        index = _state.get("index")
        if not isinstance(index, LandIndex) or index.version != version:
            old = index if isinstance(index, LandIndex) else None
            index = (refreshed(old, version) if old else None) or LandIndex.build(version)
            _state["index"] = index
            CACHE.clear()
    return index


def render_land_tile(z: int, x: int, y: int) -> bytes:
    """Encode one tile of the current data version, without the tile cache."""
    return land_index().tile(z, x, y)


def land_tile(z: int, x: int, y: int) -> tuple[bytes, str]:
    """Encoded tile and its ETag (content hash keyed by the data version)."""
    version = _version()
    index = land_index(version)
    key = (LAYER, z, x, y)
    cached = CACHE.get(key)
    if cached is not None:
        return cached
    data = index.tile(z, x, y)
    digest = hashlib.blake2b(data, digest_size=12, key=version.encode()[:64]).hexdigest()
    value = (data, f'"{digest}"')
    CACHE.put(key, value)
    return value


def reset_land_tiles() -> None:
    _version_memo.clear()
    with _lock:
        _state.clear()
        CACHE.clear()
