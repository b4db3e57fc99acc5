"""Vector tiles decode to the expected features; HTTP caching; the basemap."""

from __future__ import annotations

import math
from collections.abc import Iterator

import mapbox_vector_tile
import pytest
from django.test import Client
from shapely.geometry import Point, box

from rodloeber.domain.geo import ReferenceLayer
from rodloeber.domain.screening import to_exchange
from rodloeber.domain.screening.testing import ORIGIN, make_layer, square
from rodloeber.layers import tiles
from tests.domain.screening.conftest import small_world


def lonlat_to_tile(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 1 << z
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return x, y


@pytest.fixture(autouse=True)
def hand_made_layers() -> Iterator[dict[str, ReferenceLayer]]:
    world = small_world()
    world["kommuner"] = make_layer(
        "kommuner",
        [square(-20_000, -20_000, 20_000), square(0, -20_000, 20_000)],
        [{"kode": "0561", "navn": "Esbjerg"}, {"kode": "0573", "navn": "Varde"}],
        synthetic=False,
    )
    tiles.set_tile_layer_loader(lambda name: world[name])
    yield world
    tiles.set_tile_layer_loader(None)


def tile_of(x: float, y: float, z: int) -> tuple[int, int]:
    pt = to_exchange(Point(ORIGIN[0] + x, ORIGIN[1] + y))
    return lonlat_to_tile(pt.x, pt.y, z)


def decode(data: bytes) -> dict[str, dict[str, object]]:
    return mapbox_vector_tile.decode(data, default_options={"y_coord_down": True})  # type: ignore[no-any-return]


def test_polygon_layer_tile_has_the_objects_with_attributes() -> None:
    x, y = tile_of(200, 200, 12)
    data, etag = tiles.get_tile("section3_nature", 12, x, y)
    layer = decode(data)["section3_nature"]
    features = layer["features"]
    assert isinstance(features, list)
    names = {f["properties"]["Natyp_navn"] for f in features}
    assert {"Mose", "Eng"} <= names
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in features)
    assert layer["extent"] == tiles.EXTENT
    assert etag.startswith('"') and etag.endswith('"')


def test_polygon_geometry_lands_at_the_expected_pixels() -> None:
    z = 14
    x, y = tile_of(-100, -100, z)
    minx, _miny, maxx, _maxy = tiles.tile_bounds(z, x, y)
    data, _ = tiles.get_tile("section3_nature", z, x, y)
    feature = next(
        f
        for f in decode(data)["section3_nature"]["features"]
        if f["properties"]["Natyp_navn"] == "Mose"  # type: ignore[index]
    )
    coords = [pt for ring in _rings(feature["geometry"]) for pt in ring]
    xs = [c[0] for c in coords]
    # The square's west edge, projected to EPSG:3857 and then to tile pixels.
    import numpy as np

    from rodloeber.layers.tiles import _project

    west = _project(
        np.array(
            [box(ORIGIN[0] - 100, ORIGIN[1] - 100, ORIGIN[0] + 500, ORIGIN[1] + 500)], dtype=object
        )
    )[0]
    expected_px = (west.bounds[0] - minx) / (maxx - minx) * tiles.EXTENT
    assert min(xs) == pytest.approx(expected_px, abs=1.5)


def _rings(geometry: dict[str, object]) -> list[list[list[float]]]:
    coords = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        return coords  # type: ignore[return-value]
    return [ring for poly in coords for ring in poly]  # type: ignore[union-attr]


def test_point_and_line_layers() -> None:
    x, y = tile_of(5000, 1000, 10)
    data, _ = tiles.get_tile("grid_substations", 10, x, y)
    feats = decode(data)["grid_substations"]["features"]
    assert {f["properties"]["navn"] for f in feats} >= {"Station 150"}  # type: ignore[index]
    assert {f["geometry"]["type"] for f in feats} == {"Point"}  # type: ignore[index]
    data, _ = tiles.get_tile("motorways", 10, *tile_of(0, -4000, 10))
    assert decode(data)["motorways"]["features"][0]["geometry"]["type"] == "LineString"  # type: ignore[index]


def test_empty_tile_far_away_is_empty_bytes() -> None:
    data, _ = tiles.get_tile("section3_nature", 14, 0, 0)
    assert data == b""


def test_tiles_are_cached_per_process() -> None:
    x, y = tile_of(200, 200, 12)
    first = tiles.get_tile("section3_nature", 12, x, y)
    hits = tiles.CACHE.hits
    assert tiles.get_tile("section3_nature", 12, x, y) is first
    assert tiles.CACHE.hits == hits + 1


def test_lru_is_bounded_by_bytes() -> None:
    cache = tiles.TileCache(max_bytes=1000)
    for i in range(10):
        cache.put(("l", 0, i, 0), (b"x" * 200, f'"{i}"'))
    assert len(cache) == 3  # 3 x (200 + 64) <= 1000
    assert cache.get(("l", 0, 0, 0)) is None and cache.get(("l", 0, 9, 0)) is not None


def test_basemap_has_land_coast_and_kommuner() -> None:
    x, y = tile_of(0, 0, 8)
    layers = decode(tiles.get_tile(tiles.BASEMAP, 8, x, y)[0])
    assert set(layers) == {"land", "coast", "kommuner"}
    assert {f["properties"]["navn"] for f in layers["kommuner"]["features"]} == {"Esbjerg", "Varde"}  # type: ignore[index,union-attr]
    assert layers["coast"]["features"][0]["geometry"]["type"] in ("LineString", "MultiLineString")  # type: ignore[index]


def test_http_tile_with_etag_and_304(client: Client) -> None:
    x, y = tile_of(200, 200, 12)
    url = f"/tiles/section3_nature/12/{x}/{y}.mvt"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
    assert "max-age" in response["Cache-Control"]
    assert "section3_nature" in decode(response.content)
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again.content == b""


def test_http_empty_tile_is_204_with_etag_and_head_works(client: Client) -> None:
    """GDAL refuses a 0-byte 200; an empty tile is 204 No Content, cacheable like others."""
    empty = client.get("/tiles/section3_nature/14/0/0.mvt")
    assert empty.status_code == 204 and empty.content == b""
    assert empty["ETag"] and "max-age" in empty["Cache-Control"]
    assert "Content-Type" not in empty
    assert (
        client.get(
            "/tiles/section3_nature/14/0/0.mvt", HTTP_IF_NONE_MATCH=empty["ETag"]
        ).status_code
        == 304
    )
    x, y = tile_of(200, 200, 12)
    url = f"/tiles/section3_nature/12/{x}/{y}.mvt"
    full = client.get(url)
    head = client.head(url)
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == full["ETag"]
    assert head["Content-Type"] == "application/vnd.mapbox-vector-tile"
    assert client.head("/tiles/section3_nature/14/0/0.mvt").status_code == 204
    assert client.post(url).status_code == 405


def test_http_unknown_layer_and_out_of_range(client: Client) -> None:
    assert client.get("/tiles/nope/1/0/0.mvt").status_code == 404
    assert client.get("/tiles/section3_nature/3/8/0.mvt").status_code == 404
    assert client.get("/tiles/section3_nature/17/0/0.mvt").status_code == 404


def test_layers_json_labels_synthetic_layers(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rodloeber.layers import tile_urls

    monkeypatch.setattr(tile_urls, "_layer_names", lambda: ["basemap", "section3_nature", "towns"])
    data = client.get("/tiles/layers.json").json()["layers"]
    by_name = {d["name"]: d for d in data}
    assert by_name["basemap"]["synthetic"] is False
    assert "DAGI" in by_name["basemap"]["attribution"]
    assert by_name["section3_nature"]["synthetic"] is True
    assert "syntetiske demodata" in by_name["section3_nature"]["attribution"]
    assert by_name["towns"]["kind"] == "point"
    assert by_name["section3_nature"]["tiles"].endswith("/tiles/section3_nature/{z}/{x}/{y}.mvt")


def test_map_component_renders_accessible_toggles_container() -> None:
    from django.template import Context, Template

    html = Template(
        '{% include "web/components/map.html" with map_id="m1" map_layers="section3_nature" %}'
    ).render(Context({}))
    assert 'data-layers-url="/tiles/layers.json"' in html
    assert 'data-layers="section3_nature"' in html
    assert "<fieldset" in html and "<legend" in html and "syntetiske demodata" in html
    assert 'id="m1"' in html and 'role="region"' in html
    assert "rodloeber/map.js" in html and "vendor/maplibre-gl/maplibre-gl.js" in html


def test_own_encoder_matches_the_reference_encoder() -> None:
    """Decoding our tile gives the same shapes as mapbox_vector_tile.encode of the same input."""
    from shapely.geometry import shape

    holed = square(0, 0, 3000).difference(square(1000, 1000, 1000))
    two = square(5000, 0, 500).union(square(6000, 0, 500))
    layer = make_layer("holes", [holed, two], [{"navn": "hul", "n": 1}, {"navn": "to", "x": 1.5}])
    tiles.set_tile_layer_loader(lambda name: layer)
    src = tiles.tile_source("holes")[0]
    for z in range(14, 5, -1):  # the finest zoom whose tile holds the whole hole
        x, y = tile_of(1500, 1500, z)
        geoms, rows = src.features(z, x, y)
        if len(geoms) == 2 and len(geoms[0].interiors) == 1:
            break
    data, _ = tiles.get_tile("holes", z, x, y)
    ours = decode(data)["holes"]["features"]
    reference = decode(
        mapbox_vector_tile.encode(
            [{"name": "holes", "features": [
                {"geometry": g, "properties": src.props[int(r)], "id": int(r) + 1}
                for g, r in zip(geoms, rows, strict=True)
            ]}],
            default_options={"extents": tiles.EXTENT, "y_coord_down": True},
        )
    )["holes"]["features"]  # fmt: skip
    assert len(ours) == len(reference) == 2
    for a, b in zip(ours, reference, strict=True):
        assert a["properties"] == b["properties"] and a["id"] == b["id"]  # type: ignore[index]
        ga, gb = shape(a["geometry"]), shape(b["geometry"])  # type: ignore[index]
        assert ga.geom_type == gb.geom_type and ga.symmetric_difference(gb).area == 0
    hole = shape(ours[0]["geometry"])  # type: ignore[index]
    assert hole.geom_type == "Polygon" and len(hole.interiors) == 1
    assert shape(ours[1]["geometry"]).geom_type == "MultiPolygon"  # type: ignore[index]


def test_rings_collapsing_at_low_zoom_do_not_break_the_tile() -> None:
    big = square(0, 0, 20_000).difference(square(500, 500, 3))  # a 3 m hole
    sliver = square(0, 30_000, 5_000).union(square(5_000, 30_000, 1))
    layer = make_layer("collapse", [big, sliver], [{}, {}])
    tiles.set_tile_layer_loader(lambda name: layer)
    for z in (6, 9, 12, 14):
        x, y = tile_of(500, 500, z)
        data, _ = tiles.get_tile("collapse", z, x, y)
        features = decode(data)["collapse"]["features"]
        assert features and features[0]["geometry"]["type"] in ("Polygon", "MultiPolygon")  # type: ignore[index]


def test_reimported_layer_rebuilds_sources_and_drops_cached_tiles(
    hand_made_layers: dict[str, ReferenceLayer],
) -> None:
    x, y = tile_of(200, 200, 12)
    before, _ = tiles.get_tile("section3_nature", 12, x, y)
    hand_made_layers["section3_nature"] = make_layer(
        "section3_nature", [square(0, 0, 300)], [{"Natyp_navn": "Ny"}]
    )
    after, _ = tiles.get_tile("section3_nature", 12, x, y)
    assert after != before
    names = {f["properties"]["Natyp_navn"] for f in decode(after)["section3_nature"]["features"]}  # type: ignore[index]
    assert names == {"Ny"}
