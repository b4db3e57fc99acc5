"""``/tiles/{layer}/{z}/{x}/{y}.mvt`` for registered tile sources (land map: ``land_areas``)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import mapbox_vector_tile
import pytest
from django.test import Client

from rodloeber.landmap.models import BusinessArea
from rodloeber.landmap.tiles import reset_land_tiles
from rodloeber.layers.tile_urls import register_tile_source, tile_sources, unregister_tile_source


@pytest.fixture
def areas(db: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[BusinessArea]]:
    from tests.landmap.demo_cache import demo_load

    reset_land_tiles()
    demo_load(monkeypatch, count=200, seed=7)
    yield list(BusinessArea.objects.all())
    reset_land_tiles()


def _tile_of(area: BusinessArea, z: int) -> tuple[int, int]:
    n = 1 << z
    x = int((area.centroid_lon + 180) / 360 * n)
    lat = math.radians(area.centroid_lat)
    return x, int((1 - math.asinh(math.tan(lat)) / math.pi) / 2 * n)


def test_land_areas_registered_by_landmap_app() -> None:
    assert "land_areas" in tile_sources()


@pytest.mark.parametrize("z", [8, 12, 14])
def test_land_areas_tile_decodes_to_the_areas(areas: list[BusinessArea], z: int) -> None:
    from rodloeber.landmap.tiles import CLUSTER_MAX_ZOOM

    area = areas[0]
    x, y = _tile_of(area, z)
    response = Client().get(f"/tiles/land_areas/{z}/{x}/{y}.mvt")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Access-Control-Allow-Origin"] == "*"
    layer = mapbox_vector_tile.decode(response.content)["land_areas"]
    if z <= CLUSTER_MAX_ZOOM:  # aggregated per grid cell: counts, every area once
        assert all(f["geometry"]["type"] == "Point" for f in layer["features"])
        in_tile = sum(1 for a in areas if _tile_of(a, z) == (x, y))
        assert sum(f["properties"]["count"] for f in layer["features"]) == in_tile
        return
    ids = {f["properties"]["id"] for f in layer["features"]}
    assert area.pk in ids
    feature = next(f for f in layer["features"] if f["properties"]["id"] == area.pk)
    assert feature["properties"]["status"] == area.status
    assert feature["properties"]["available_ha"] == pytest.approx(area.available_ha)
    assert feature["properties"]["synthetic"] in (True, 1)
    assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_same_tile_and_etag_as_the_landmap_url(areas: list[BusinessArea]) -> None:
    x, y = _tile_of(areas[0], 12)
    client = Client()
    contract = client.get(f"/tiles/land_areas/12/{x}/{y}.mvt")
    legacy = client.get(f"/kort/fliser/12/{x}/{y}.mvt")
    assert legacy.status_code == 200
    assert contract.content == legacy.content
    assert contract["ETag"] == legacy["ETag"]
    again = client.get(f"/tiles/land_areas/12/{x}/{y}.mvt", HTTP_IF_NONE_MATCH=contract["ETag"])
    assert again.status_code == 304 and again["ETag"] == contract["ETag"]


def test_empty_tile_is_204_with_etag(areas: list[BusinessArea]) -> None:
    """An empty tile is 204 No Content (GDAL refuses a 0-byte 200), still with an ETag."""
    response = Client().get("/tiles/land_areas/10/0/0.mvt")  # the Pacific
    assert response.status_code == 204
    assert response.content == b""
    assert response["ETag"]


def test_unknown_layer_and_bad_tile_are_404(db: Any) -> None:
    client = Client()
    assert client.get("/tiles/no_such_layer/8/136/79.mvt").status_code == 404
    assert client.get("/tiles/land_areas/3/99/0.mvt").status_code == 404
    assert client.get("/tiles/land_areas/17/0/0.mvt").status_code == 404


def test_registered_function_bytes_none_and_replacement(db: Any) -> None:
    tile = mapbox_vector_tile.encode(
        [{"name": "probe", "features": [{"geometry": "POINT(10 10)", "properties": {"k": 1}}]}]
    )
    register_tile_source("probe", lambda z, x, y: tile if z == 5 else None)
    try:
        client = Client()
        response = client.get("/tiles/probe/5/1/1.mvt")
        assert response.status_code == 200
        features = mapbox_vector_tile.decode(response.content)["probe"]["features"]
        assert features[0]["properties"] == {"k": 1}
        etag = response["ETag"]
        assert etag.startswith('"') and response["Cache-Control"].startswith("public")
        assert client.get("/tiles/probe/5/1/1.mvt", HTTP_IF_NONE_MATCH=etag).status_code == 304
        assert client.get("/tiles/probe/6/1/1.mvt").status_code == 404
        register_tile_source("probe", lambda z, x, y: (b"", '"x"'))
        assert client.get("/tiles/probe/5/1/1.mvt")["ETag"] == '"x"'
    finally:
        unregister_tile_source("probe")
    assert Client().get("/tiles/probe/5/1/1.mvt").status_code == 404


def test_reserved_names_are_rejected() -> None:
    with pytest.raises(ValueError):
        register_tile_source("basemap", lambda z, x, y: None)
    with pytest.raises(ValueError):
        register_tile_source("", lambda z, x, y: None)
