"""Land-area vector tiles checked against independent computations (shapely + pyproj).

For cluster zooms: which areas lie in the tile, their counts and summed
available land per grid cell. For polygon zooms: which areas meet the tile,
their attributes, and their geometry (decoded back to EPSG:3857 and compared
with the stored geometry clipped to the tile).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from typing import Any

import mapbox_vector_tile
import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import Polygon, box, shape

from rodloeber.landmap import tiles
from rodloeber.landmap.geometry import geometry_fields
from rodloeber.landmap.land_index import SIMPLIFY_ABOVE
from rodloeber.landmap.models import BusinessArea
from rodloeber.layers.tiles import BUFFER_PX, EXTENT, tile_bounds

_TF = Transformer.from_crs("EPSG:25832", "EPSG:3857", always_xy=True)


def _merc(geom: Any) -> Any:
    return shapely.transform(geom, lambda xy: np.column_stack(_TF.transform(xy[:, 0], xy[:, 1])))


def _tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 1 << z
    x = int((lon + 180) / 360 * n)
    return x, int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)


def _decode(z: int, x: int, y: int) -> list[dict[str, Any]]:
    data, _etag = tiles.land_tile(z, x, y)
    layer = mapbox_vector_tile.decode(data, default_options={"y_coord_down": True}).get(tiles.LAYER)
    return [] if layer is None else list(layer["features"])


def _stored() -> list[tuple[BusinessArea, Any]]:
    return [(a, _merc(shapely.from_wkb(bytes(a.geometry_wkb)))) for a in BusinessArea.objects.all()]


def _to_3857(geom: Any, z: int, x: int, y: int) -> Any:
    minx, _miny, maxx, maxy = tile_bounds(z, x, y)
    unit = (maxx - minx) / EXTENT
    return shapely.transform(
        geom, lambda xy: np.column_stack((minx + xy[:, 0] * unit, maxy - xy[:, 1] * unit))
    )


@pytest.mark.parametrize("z", [5, 7, 9, 10])
def test_cluster_tiles_count_every_area_in_the_tile_once(areas: list[BusinessArea], z: int) -> None:
    stored = _stored()
    busiest = Counter(_tile_of(a.centroid_lon, a.centroid_lat, z) for a in areas).most_common(1)
    x, y = busiest[0][0]
    minx, miny, maxx, maxy = tile_bounds(z, x, y)
    unit = (maxx - minx) / EXTENT
    expected: dict[tuple[int, int], list[BusinessArea]] = {}
    for area, geom in stored:
        p = shapely.point_on_surface(_merc(shapely.from_wkb(bytes(area.geometry_wkb))))
        del geom
        if minx <= p.x < maxx and miny < p.y <= maxy:
            cell = (int((p.x - minx) / unit // tiles.CELL), int((maxy - p.y) / unit // tiles.CELL))
            expected.setdefault(cell, []).append(area)
    features = _decode(z, x, y)
    assert features and all(f["geometry"]["type"] == "Point" for f in features)
    assert sum(f["properties"]["count"] for f in features) == sum(map(len, expected.values()))
    got = sorted((f["properties"]["count"], f["properties"]["available_ha"]) for f in features)
    want = sorted((len(m), sum(a.available_ha for a in m)) for m in expected.values())
    assert [c for c, _ in got] == [c for c, _ in want]
    assert [ha for _, ha in got] == pytest.approx([ha for _, ha in want], abs=0.006)
    for f in features:
        px, py = f["geometry"]["coordinates"]
        assert 0 <= px <= EXTENT and 0 <= py <= EXTENT
        if f["properties"]["count"] == 1:  # a lone area keeps its identity and attributes
            area = next(m[0] for m in expected.values() if len(m) == 1 and m[0].pk == f["id"])
            assert f["properties"]["id"] == area.pk
            assert f["properties"]["status"] == area.status
            assert f["properties"]["anvspec"] == (area.anvspec or 0)
            assert f["properties"]["synthetic"] in (True, 1)
        else:
            assert "id" not in f["properties"] and "status" not in f["properties"]


@pytest.mark.parametrize("z", [11, 12, 14])
def test_polygon_tiles_hold_the_areas_meeting_the_tile(areas: list[BusinessArea], z: int) -> None:
    stored = _stored()
    busiest = Counter(_tile_of(a.centroid_lon, a.centroid_lat, z) for a in areas).most_common(1)
    x, y = busiest[0][0]
    minx, miny, maxx, maxy = tile_bounds(z, x, y)
    pad = (maxx - minx) * BUFFER_PX / EXTENT
    tile_box = box(minx, miny, maxx, maxy)
    buffered = box(minx - pad, miny - pad, maxx + pad, maxy + pad)
    features = _decode(z, x, y)
    by_id = {f["id"]: f for f in features}
    assert len(by_id) == len(features)
    must = {a.pk for a, g in stored if g.intersects(tile_box) and g.area > (maxx - minx) ** 2 / 1e5}
    may = {a.pk for a, g in stored if g.intersects(buffered)}
    assert must <= set(by_id) <= may
    lo, hi = -BUFFER_PX - 1, EXTENT + BUFFER_PX + 1
    for area, geom in stored:
        f = by_id.get(area.pk)
        if f is None:
            continue
        props = f["properties"]
        assert props["id"] == area.pk and props["status"] == area.status
        assert props["available_ha"] == pytest.approx(area.available_ha)
        assert props["anvspec"] == (area.anvspec or 0)
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")
        coords = shapely.get_coordinates(shape(f["geometry"]))
        assert (coords >= lo).all() and (coords <= hi).all()
        decoded = _to_3857(shapely.make_valid(shape(f["geometry"])), z, x, y)
        truth = geom.intersection(buffered)
        unit = (maxx - minx) / EXTENT
        # snapping moves every vertex by at most half a unit: the outline differs by a thin band
        tolerance = truth.length * unit + 4 * unit**2
        assert decoded.symmetric_difference(truth).area <= tolerance, area.pk


def _make_area(geom: Any, **extra: Any) -> BusinessArea:
    return BusinessArea.objects.create(
        plannavn="Testområde",
        komnr="0101",
        available_ha=extra.pop("available_ha", 5.0),
        status="ledig",
        anvspec=3120,
        source_updated=dt.date(2026, 1, 1),
        **geometry_fields(geom),
        **extra,
    )


def test_hole_and_multipolygon_and_tile_edge(db: Any) -> None:
    tiles.reset_land_tiles()
    # Copenhagen: a square with a hole and a two-part area, near the middle of a z14 tile
    z, (x, y) = 14, _tile_of(12.5, 55.68, 14)
    minx, miny, maxx, maxy = tile_bounds(z, x, y)
    back = Transformer.from_crs("EPSG:3857", "EPSG:25832", always_xy=True)
    cx, cy = back.transform(minx + (maxx - minx) * 0.2, miny + (maxy - miny) * 0.3)
    holed = Polygon(
        [(cx, cy), (cx + 600, cy), (cx + 600, cy + 600), (cx, cy + 600)],
        [[(cx + 200, cy + 200), (cx + 400, cy + 200), (cx + 400, cy + 400), (cx + 200, cy + 400)]],
    )
    two = shapely.MultiPolygon(
        [box(cx + 650, cy, cx + 750, cy + 100), box(cx + 800, cy, cx + 900, cy + 100)]
    )
    a1, a2 = _make_area(holed), _make_area(two)
    features = {f["id"]: f for f in _decode(z, x, y)}
    f1 = features[a1.pk]
    g1 = _to_3857(shape(f1["geometry"]), z, x, y)
    assert g1.geom_type == "Polygon" and len(g1.interiors) == 1
    assert g1.area == pytest.approx(_merc(holed).area, rel=0.02)
    g2 = _to_3857(shape(features[a2.pk]["geometry"]), z, x, y)
    assert g2.geom_type == "MultiPolygon" and len(g2.geoms) == 2
    assert g2.area == pytest.approx(_merc(two).area, rel=0.02)
    # a huge area crosses many tiles: every tile holds it clipped to the buffered tile
    big = _make_area(box(cx - 20_000, cy - 20_000, cx + 20_000, cy + 20_000))
    f = {f["id"]: f for f in _decode(z, x, y)}[big.pk]
    coords = shapely.get_coordinates(shape(f["geometry"]))
    assert coords.min() >= -BUFFER_PX and coords.max() <= EXTENT + BUFFER_PX


def test_tiles_follow_edits(db: Any) -> None:
    tiles.reset_land_tiles()
    area = _make_area(box(724_000, 6_176_000, 724_500, 6_176_500), available_ha=3.0)
    z, (x, y) = 13, _tile_of(area.centroid_lon, area.centroid_lat, 13)
    before = {f["id"]: f for f in _decode(z, x, y)}[area.pk]["properties"]["available_ha"]
    assert before == pytest.approx(3.0)
    area.available_ha = 7.5
    area.updated_at = area.updated_at + dt.timedelta(seconds=1)
    area.save()  # the post_save signal drops the data version; the next tile is rebuilt
    after = {f["id"]: f for f in _decode(z, x, y)}[area.pk]["properties"]["available_ha"]
    assert after == pytest.approx(7.5)
    area.delete()
    assert area.pk not in {f["id"] for f in _decode(z, x, y)}


def test_encoder_matches_protobuf_reference() -> None:
    """The whole-layer varint writer parses with the protobuf definitions."""
    from mapbox_vector_tile.Mapbox import vector_tile_pb2

    from rodloeber.landmap.mvt import Column, encode_tile, point_commands, varints

    values = np.array([0, 1, 127, 128, 300, 2**31, 2**40], dtype=np.int64)
    expected = b""
    for v in values.tolist():
        while True:
            byte, v = v & 0x7F, v >> 7
            expected += bytes([byte | (0x80 if v else 0)])
            if not v:
                break
    assert varints(values) == expected
    pts = np.array([[1, 2], [4000, 4095], [-10, 5]], dtype=np.int64)
    stream, per_feature = point_commands(pts)
    data = encode_tile(
        "probe",
        1,
        np.array([7, 0, 300], dtype=np.int64),
        [
            Column("name", np.array(["a", "b", "a"])),
            Column("n", np.array([1, -5, 1000], dtype=np.int64), np.array([True, False, True])),
            Column("x", np.array([0.5, 1.25, 3.0])),
            Column("ok", np.array([True, False, True])),
        ],
        stream,
        per_feature,
    )
    tile = vector_tile_pb2.tile()
    tile.ParseFromString(data)
    layer = tile.layers[0]
    assert (layer.name, layer.version, layer.extent) == ("probe", 2, 4096)
    assert [f.id for f in layer.features] == [7, 0, 300]
    decoded = mapbox_vector_tile.decode(data, default_options={"y_coord_down": True})["probe"]
    props = [f["properties"] for f in decoded["features"]]
    assert props == [
        {"name": "a", "n": 1, "x": 0.5, "ok": True},
        {"name": "b", "x": 1.25, "ok": False},
        {"name": "a", "n": 1000, "x": 3.0, "ok": True},
    ]
    assert [f["geometry"]["coordinates"] for f in decoded["features"]] == [
        [1, 2],
        [4000, 4095],
        [-10, 5],
    ]


@pytest.mark.parametrize("z", [11, 12, 13, 14])
def test_detailed_outline_is_simplified_but_keeps_its_shape(db: Any, z: int) -> None:
    tiles.reset_land_tiles()
    zt, (x, y) = 11, _tile_of(12.45, 55.70, 11)
    minx, miny, maxx, maxy = tile_bounds(zt, x, y)
    back = Transformer.from_crs("EPSG:3857", "EPSG:25832", always_xy=True)
    cx, cy = back.transform((minx + maxx) / 2, (miny + maxy) / 2)
    disc = shapely.Point(cx, cy).buffer(400, quad_segs=64)  # 257 vertices
    assert shapely.get_num_coordinates(disc) > SIMPLIFY_ABOVE
    area = _make_area(disc)
    tx, ty = _tile_of(area.centroid_lon, area.centroid_lat, z)
    f = {f["id"]: f for f in _decode(z, tx, ty)}[area.pk]
    decoded = _to_3857(shape(f["geometry"]), z, tx, ty)
    bx0, by0, bx1, by1 = tile_bounds(z, tx, ty)
    pad = (bx1 - bx0) * BUFFER_PX / EXTENT
    truth = _merc(disc).intersection(box(bx0 - pad, by0 - pad, bx1 + pad, by1 + pad))
    if z < 14:  # fewer vertices than the original outline
        assert len(shapely.get_coordinates(decoded)) < len(shapely.get_coordinates(truth))
    assert decoded.symmetric_difference(truth).area < 0.03 * truth.area


def test_every_land_polygon_is_valid_and_wound_for_mvt_at_z11_to_14(
    areas: list[BusinessArea],
) -> None:
    """Decoded with mapbox_vector_tile: 0 invalid polygons and 0 wrongly wound rings."""
    from tests.layers.test_tile_validity import _problems

    checked, failures = 0, []
    for z in (11, 12, 13, 14):
        for x, y in sorted({_tile_of(a.centroid_lon, a.centroid_lat, z) for a in areas[::3]}):
            data, _etag = tiles.land_tile(z, x, y)
            n, invalid, wound = _problems(data)
            checked += n
            failures += [f"z{z}/{x}/{y} {f}" for f in invalid + wound]
    assert checked > 100
    assert failures == []
