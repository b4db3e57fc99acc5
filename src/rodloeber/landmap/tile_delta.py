"""Update the land-tile index with the areas that changed (ændringer), issue #20.

Rebuilding :class:`~rodloeber.landmap.tiles.LandIndex` after one edit costs
seconds at 50,000 areas (every polygon read, projected, simplified per zoom
band and flattened into rings again). Instead the new index is the old one
with only the changed areas replaced:

* which areas changed is asked from the database, not from signals, so every
  process (each gunicorn worker) finds the same delta: the ids now present
  (one indexed column) and the rows with ``updated_at`` after the newest one
  the old index saw (an edit within that same microsecond would not change
  the data version either);
* per-area arrays (ids, attributes, points, bounds) are gathered from the old
  arrays and the fresh rows;
* polygons and zoom bands already built are spliced the same way: the
  changed areas' polygons are read, projected and simplified alone, and their
  rings are gathered together with the unchanged areas' rings
  (:func:`splice_rings`), in id order.

More than ``MAX_DELTA`` changes, or a new area older than that mark (a bulk
load with old timestamps), falls back to a full rebuild.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray

from rodloeber.landmap.geometry import to_web_mercator
from rodloeber.landmap.models import BusinessArea
from rodloeber.landmap.tiles import (
    COLUMNS,
    LandIndex,
    Rings,
    band_geometries,
    row_arrays,
)

__all__ = ["MAX_DELTA", "refreshed", "splice_rings"]

MAX_DELTA = 2000  # changed areas; beyond this a full rebuild is as quick

I64 = NDArray[np.int64]


def _runs(counts: I64) -> I64:
    starts = np.cumsum(counts) - counts
    return np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(starts, counts)


def splice_rings(old: Rings, take: I64, fresh: Rings, fresh_at: I64) -> Rings:
    """Rings of the new index: row ``i`` is old row ``take[i]``, or a fresh area (``take[i] < 0``).

    ``fresh_at`` lists the new rows of the fresh areas, in the order of ``fresh``.
    """
    n = len(take)
    old_rings = len(old.start) - 1
    lo = np.empty(n, dtype=np.int64)
    hi = np.empty(n, dtype=np.int64)
    kept = take >= 0
    lo[kept] = old.area_start[take[kept]]
    hi[kept] = old.area_start[take[kept] + 1]
    lo[fresh_at] = old_rings + fresh.area_start[:-1]
    hi[fresh_at] = old_rings + fresh.area_start[1:]
    per_row = hi - lo
    ring_idx = np.repeat(lo, per_row) + _runs(per_row)
    starts = np.r_[old.start[:-1], len(old.coords) + fresh.start[:-1]].astype(np.int64)
    lengths = np.r_[np.diff(old.start), np.diff(fresh.start)].astype(np.int64)
    part_shift = int(old.part.max()) + 1 if len(old.part) else 0
    parts = np.r_[old.part, fresh.part + part_shift].astype(np.int64)
    exterior = np.r_[old.exterior, fresh.exterior].astype(bool)
    coords = np.concatenate([old.coords.reshape(-1, 2), fresh.coords.reshape(-1, 2)])
    r_len = lengths[ring_idx]
    gather = np.repeat(starts[ring_idx], r_len) + _runs(r_len)
    return Rings(
        coords=coords[gather],
        start=np.r_[0, np.cumsum(r_len)].astype(np.int64),
        area=np.repeat(np.arange(n, dtype=np.int64), per_row),
        part=parts[ring_idx],
        exterior=exterior[ring_idx],
        area_start=np.r_[0, np.cumsum(per_row)].astype(np.int64),
    )


def refreshed(old: LandIndex, version: str) -> LandIndex | None:
    """``old`` updated to ``version`` with the changed areas only; None = rebuild instead."""
    if old.updated_max is None:
        return None
    changed = BusinessArea.objects.filter(updated_at__gt=old.updated_max).order_by("id")
    if changed.count() > MAX_DELTA:
        return None
    fields = (*COLUMNS, "updated_at") + (("geometry_wkb",) if old._geoms is not None else ())
    rows = list(changed.values_list(*fields))
    fresh_ids = np.array([r[0] for r in rows], dtype=np.int64)
    ids = _ids_now(old, fresh_ids, version)
    at = np.clip(np.searchsorted(old.ids, ids), 0, max(len(old.ids) - 1, 0))
    known = (old.ids[at] == ids) if len(old.ids) else np.zeros(len(ids), dtype=bool)
    is_fresh = np.isin(ids, fresh_ids)
    if np.any(~known & ~is_fresh):
        return None  # a new area older than the mark: the delta cannot be trusted
    fresh_ids = fresh_ids[np.isin(fresh_ids, ids)]  # deleted meanwhile
    rows = [r for r in rows if r[0] in set(fresh_ids.tolist())]
    take = np.where(is_fresh, -1, at).astype(np.int64)
    fresh_at = np.flatnonzero(is_fresh)  # both in id order
    arrays = _gather(old, take, row_arrays([r[: len(COLUMNS)] for r in rows]), fresh_at)
    updated = [r[len(COLUMNS)] for r in rows]
    new = LandIndex(
        version=version,
        updated_max=max([old.updated_max, *updated]),
        **arrays,
    )
    if old._geoms is not None:
        wkb = np.empty(len(rows), dtype=object)
        wkb[:] = [bytes(r[-1]) for r in rows]
        raw = to_web_mercator(shapely.from_wkb(wkb)) if len(rows) else wkb
        new._geoms = _take(old._geoms, take, raw, fresh_at)
        for key, (geoms, rings) in sorted(old._bands.items()):
            fresh_geoms = band_geometries(key, raw)
            new._bands[key] = (
                _take(geoms, take, fresh_geoms, fresh_at),
                splice_rings(rings, take, Rings.of(fresh_geoms), fresh_at),
            )
    return new


def _ids_now(old: LandIndex, fresh_ids: I64, version: str) -> I64:
    """The ids in the table now, in order.

    The data version (``count-maxid-updated``) already holds the count and the
    newest id: when the old ids plus the fresh ones add up to both, nothing was
    deleted and the new ids follow without reading the id column (50,000 ids
    cost ~0.3 s under load). Otherwise they are read.
    """
    merged = np.union1d(old.ids, fresh_ids).astype(np.int64)
    try:
        count, newest = (int(v) for v in version.split("-", 2)[:2])
    except ValueError:
        count, newest = -1, -1
    if len(merged) == count and (not len(merged) or int(merged[-1]) == newest):
        return merged
    return np.fromiter(
        BusinessArea.objects.order_by("id").values_list("id", flat=True), dtype=np.int64
    )


def _take(old: Any, take: I64, fresh: Any, fresh_at: I64) -> Any:
    if old.dtype.kind == "U" and fresh.dtype.kind == "U":
        dtype = np.result_type(old.dtype, fresh.dtype)  # the wider string width
    else:
        dtype = old.dtype
    out = np.empty((len(take), *old.shape[1:]), dtype=dtype)
    kept = take >= 0
    out[kept] = old[take[kept]]
    out[fresh_at] = fresh
    return out


def _gather(old: LandIndex, take: I64, fresh: dict[str, Any], fresh_at: I64) -> dict[str, Any]:
    names = ("ids", "status", "available_ha", "anvspec", "synthetic", "px", "py", "bounds")
    return {name: _take(getattr(old, name), take, fresh[name], fresh_at) for name in names}
