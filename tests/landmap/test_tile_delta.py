"""The land-tile index follows an edit, an insert and a deletion incrementally,
and ends up exactly where a full rebuild would (issue #20 item 8)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest
import shapely
from shapely.geometry import box

from rodloeber.landmap import tile_delta, tiles
from rodloeber.landmap.geometry import geometry_fields
from rodloeber.landmap.models import BusinessArea
from rodloeber.landmap.tiles import RAW, SIMPLIFIED_ZOOMS, LandIndex


def _same(a: LandIndex, b: LandIndex) -> None:
    for name in ("ids", "status", "available_ha", "anvspec", "synthetic", "px", "py", "bounds"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    for z in (*SIMPLIFIED_ZOOMS, RAW):
        (ga, ra), (gb, rb) = a.band(z), b.band(z)
        assert all(x.equals_exact(y, 0) for x, y in zip(ga, gb, strict=True))
        for name in ("coords", "start", "area", "exterior", "area_start"):
            assert np.array_equal(getattr(ra, name), getattr(rb, name)), (z, name)
        # part numbers may differ; which rings share a part may not
        assert np.array_equal(np.diff(ra.part) != 0, np.diff(rb.part) != 0), z


def _later(area: BusinessArea, seconds: int = 1) -> dt.datetime:
    newest = BusinessArea.objects.order_by("-updated_at").values_list("updated_at", flat=True)[0]
    return max(newest, area.updated_at) + dt.timedelta(seconds=seconds)


def _tiles_of(index: LandIndex, area: BusinessArea) -> list[bytes]:
    from tests.landmap.test_tiles import _tile_of

    out = []
    for z in (8, 10, 11, 13, 15):
        x, y = _tile_of(area.centroid_lon, area.centroid_lat, z)
        out.append(index.tile(z, x, y))
    return out


def test_edit_insert_delete_update_the_index_like_a_rebuild(
    areas: list[BusinessArea], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tiles.land_index()
    first.prepare()  # polygons and every zoom band built, as on a busy server
    edited, gone = areas[10], areas[20]
    # an edit: a new outline (detailed enough to be simplified at z11-13) and attributes
    outline = shapely.from_wkb(bytes(edited.geometry_wkb)).buffer(40, quad_segs=40)
    for key, value in geometry_fields(outline).items():
        setattr(edited, key, value)
    edited.status, edited.available_ha = "reserveret", 1.25
    edited.updated_at = _later(edited)
    edited.save()
    gone.delete()
    new = BusinessArea.objects.create(
        plannavn="Nyt areal",
        komnr="0101",
        available_ha=2.0,
        status="ledig",
        anvspec=3120,
        source_updated=dt.date(2026, 1, 1),
        updated_at=_later(edited, 2),
        **geometry_fields(box(700_000, 6_170_000, 700_300, 6_170_300)),
    )
    rebuilds: list[str] = []
    original_build = LandIndex.build.__func__  # type: ignore[attr-defined]

    def counting_build(cls: type[LandIndex], version: str) -> LandIndex:
        rebuilds.append(version)
        return original_build(cls, version)  # type: ignore[no-any-return]

    monkeypatch.setattr(LandIndex, "build", classmethod(counting_build))
    second = tiles.land_index()
    assert rebuilds == []  # updated, not rebuilt
    assert second is not first and second._bands  # the bands came along
    assert gone.pk not in second.ids.tolist() and new.pk in second.ids.tolist()
    monkeypatch.undo()
    rebuilt = LandIndex.build(second.version)
    rebuilt.prepare()
    _same(second, rebuilt)
    for area in (edited, new, areas[30]):
        assert _tiles_of(second, area) == _tiles_of(rebuilt, area)


def test_many_changes_or_an_old_new_area_fall_back_to_a_rebuild(
    areas: list[BusinessArea], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tiles.land_index()
    monkeypatch.setattr(tile_delta, "MAX_DELTA", 2)
    stamp = _later(areas[0])
    BusinessArea.objects.filter(pk__in=[a.pk for a in areas[:3]]).update(updated_at=stamp)
    assert tile_delta.refreshed(first, "v2") is None
    monkeypatch.undo()
    old = first.updated_max
    assert isinstance(old, dt.datetime)
    BusinessArea.objects.create(
        plannavn="Gammelt nyt areal",
        komnr="0101",
        available_ha=2.0,
        status="ledig",
        anvspec=3120,
        source_updated=dt.date(2026, 1, 1),
        updated_at=old - dt.timedelta(days=1),
        **geometry_fields(box(700_000, 6_170_000, 700_300, 6_170_300)),
    )
    assert tile_delta.refreshed(first, "v3") is None


def test_only_deletions_and_an_index_without_polygons(areas: Any) -> None:
    first = tiles.land_index()  # points and bounds only: polygons not read yet
    BusinessArea.objects.filter(pk__in=[a.pk for a in areas[:5]]).delete()
    second = tile_delta.refreshed(first, "v2")
    assert second is not None and second._geoms is None
    rebuilt = LandIndex.build("v2")
    _same(second, rebuilt)


def test_edit_and_insert_take_the_ids_from_the_data_version(
    areas: list[BusinessArea], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a deletion the id column is not read again (the version holds count and max id)."""
    first = tiles.land_index()
    first.band(14)
    edited = areas[3]
    edited.available_ha, edited.updated_at = 9.5, _later(edited)
    edited.save()
    new = BusinessArea.objects.create(
        plannavn="Nyt areal",
        komnr="0101",
        available_ha=2.0,
        status="ledig",
        anvspec=3120,
        source_updated=dt.date(2026, 1, 1),
        updated_at=_later(edited, 2),
        **geometry_fields(box(700_000, 6_170_000, 700_300, 6_170_300)),
    )
    read_ids: list[bool] = []
    original = tile_delta.np.fromiter

    def spy(*args: Any, **kwargs: Any) -> Any:
        read_ids.append(True)
        return original(*args, **kwargs)

    monkeypatch.setattr(tile_delta.np, "fromiter", spy)
    second = tiles.land_index()
    monkeypatch.undo()
    assert read_ids == [] and second is not first
    assert new.pk in second.ids.tolist()
    _same(second, LandIndex.build(second.version))
