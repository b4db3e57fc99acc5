"""The process-wide screening index and the ``rodloeber screen`` command."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from shapely.geometry import mapping

from rodloeber.domain.geo import ReferenceLayer
from rodloeber.domain.screening import GeometryError, to_exchange
from rodloeber.domain.screening.testing import square
from rodloeber.layers import screening_service
from rodloeber.layers.management.commands.screen import Command
from tests.domain.screening.conftest import small_world


@pytest.fixture
def loads() -> Iterator[list[str]]:
    world = small_world()
    calls: list[str] = []

    def loader(name: str) -> ReferenceLayer:
        calls.append(name)
        if name not in world:
            raise LookupError(name)
        return world[name]

    del world["energy_parks"]
    screening_service.set_layer_loader(loader)
    yield calls
    screening_service.set_layer_loader(None)


def geojson(x: float = 0, y: float = 0, side: float = 1000) -> dict[str, Any]:
    return dict(mapping(to_exchange(square(x, y, side))))


def test_index_built_once_and_reused(loads: list[str]) -> None:
    first = screening_service.screening_index()
    assert set(loads) == set(screening_service.SCREENING_LAYERS)
    screening_service.screen_geojson(geojson())
    screening_service.screen_geojson(geojson(100, 100))
    # Later calls only check that the registry returns the same layer objects.
    assert screening_service.screening_index() is first


def test_missing_layer_reported_not_fatal(loads: list[str]) -> None:
    report = screening_service.screen_geojson(geojson())
    assert "energy_parks" in report.missing_layers
    park = next(c for c in report.criteria if c.criterion == "energy_park")
    assert park.status == "no_data"


def test_extract_geometry_variants() -> None:
    geom = geojson()
    assert screening_service.extract_geometry({"geometry": geom}) is geom
    assert screening_service.extract_geometry({"type": "Feature", "geometry": geom}) is geom
    assert screening_service.extract_geometry(geom) is geom
    with pytest.raises(GeometryError):
        screening_service.extract_geometry({"type": "FeatureCollection", "features": []})


def test_parse_json_errors() -> None:
    with pytest.raises(GeometryError) as info:
        screening_service.parse_json(b"\xff\xfe")
    assert info.value.code == "invalid_json"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(Command(), *args, stdout=out)
    return out.getvalue()


def test_cli_prints_the_report(tmp_path: Path, loads: list[str]) -> None:
    path = tmp_path / "area.geojson"
    path.write_text(json.dumps({"type": "Feature", "properties": {}, "geometry": geojson()}))
    report = json.loads(run(str(path)))
    assert report["kommune_kode"] == "0561"
    assert {"area_ha", "excluded", "exclusions", "criteria", "layers"} <= set(report)


def test_cli_batch(tmp_path: Path, loads: list[str]) -> None:
    bad = {"type": "Point", "coordinates": [8.6, 55.5]}
    fc = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"id": "a"}, "geometry": geojson()},
            {"type": "Feature", "properties": {"id": "b"}, "geometry": bad},
        ],
    }
    path = tmp_path / "fc.geojson"
    path.write_text(json.dumps(fc))
    result = json.loads(run(str(path), "--batch", "--compact"))
    assert result[0]["properties"] == {"id": "a"} and "report" in result[0]
    assert result[1]["error"]["code"] == "not_polygon"


def test_cli_geometry_error_exits_2(tmp_path: Path, loads: list[str]) -> None:
    path = tmp_path / "bad.geojson"
    path.write_text("{nope")
    with pytest.raises(CommandError) as info:
        run(str(path), "--lang", "en")
    assert info.value.returncode == 2
    assert str(info.value).startswith("invalid_json: The body is not valid JSON")
    with pytest.raises(CommandError) as missing:
        run(str(tmp_path / "missing.geojson"))
    assert missing.value.returncode == 2


def test_index_rebuilt_when_a_layer_is_reimported() -> None:
    world = small_world()
    screening_service.set_layer_loader(lambda name: world[name])
    try:
        first = screening_service.screening_index()
        assert screening_service.screening_index() is first
        world["section3_nature"] = small_world()["section3_nature"]  # a new object
        second = screening_service.screening_index()
        assert second is not first
        assert second.layers["section3_nature"] is world["section3_nature"]
    finally:
        screening_service.set_layer_loader(None)
