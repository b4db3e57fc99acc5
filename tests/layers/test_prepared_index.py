"""Prepared screening indexes next to the layer files (ADR 0030): written by the
layer build, used by a new process without reading or subdividing a layer, and
rebuilt in memory (never used) once a layer file changes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command
from shapely.geometry import mapping

from rodloeber.domain.geo import ReferenceLayer
from rodloeber.domain.geodata.table import FeatureTable
from rodloeber.domain.screening import build_index, screen, to_exchange
from rodloeber.domain.screening.testing import square
from rodloeber.layers import prepared_index, screening_service
from rodloeber.layers.loading import clear_cache
from rodloeber.layers.paths import layer_path
from rodloeber.layers.storage import write_gpkg
from tests.domain.screening.conftest import small_world

AREA = square(0, 0, 2000)


def _write_layer(layer: ReferenceLayer) -> None:
    keys = sorted({k for row in layer.attributes for k in row})
    table = FeatureTable(
        geometries=np.array(layer.geometries, dtype=object),
        columns={k: [row.get(k) for row in layer.attributes] for k in keys},
    )
    prov = layer.provenance
    layer_path(layer.name).parent.mkdir(parents=True, exist_ok=True)
    write_gpkg(table, layer_path(layer.name), layer=layer.name, provenance=prov.to_dict())


@pytest.fixture
def registry(layers_dir: Path) -> Iterator[dict[str, ReferenceLayer]]:
    """The small world as layer files (the empty bird layer stays unbuilt)."""
    world = {name: layer for name, layer in small_world().items() if len(layer)}
    for layer in world.values():
        _write_layer(layer)
    screening_service.reset_index()
    yield world
    screening_service.reset_index()
    clear_cache()


def test_index_command_writes_then_new_process_reads_without_building(
    registry: dict[str, ReferenceLayer], layers_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = screen(AREA, build_index(registry.values())).to_dict()
    out = StringIO()
    call_command("layers", "index", stdout=out)
    assert f"{len(registry)} written" in out.getvalue()
    assert {p.name for p in (layers_dir / prepared_index.INDEX_DIR).iterdir()} == set(registry)
    call_command("layers", "index", stdout=(again := StringIO()))
    assert "0 written" in again.getvalue()  # idempotent: current indexes are kept

    def no_reading(name: str) -> ReferenceLayer:
        raise AssertionError(f"layer {name} read from its file")

    monkeypatch.setattr(screening_service, "get_layer", no_reading)
    index = screening_service.screening_index()
    assert set(index.layers) == set(registry)
    assert screen(AREA, index).to_dict() == expected
    assert screening_service.screening_index() is index  # unchanged files: reused


def test_changed_layer_file_is_rebuilt_in_memory_not_read_stale(
    registry: dict[str, ReferenceLayer], caplog: pytest.LogCaptureFixture
) -> None:
    prepared_index.ensure_indexes(screening_service.SCREENING_LAYERS)
    first = screening_service.screening_index()
    before = screen(AREA, first).to_dict()
    section3 = registry["section3_nature"]
    smaller = ReferenceLayer(
        section3.provenance, section3.geometries[1:], section3.attributes[1:]
    )  # the Mose polygon is gone from the new file
    _write_layer(smaller)
    second = screening_service.screening_index()
    assert second is not first
    assert "building section3_nature in memory" in caplog.text
    after = screen(AREA, second).to_dict()
    s3 = next(e for e in after["exclusions"] if e["layer"] == "section3_nature")
    assert [o["name"] for o in s3["objects"]] == ["Eng"]
    assert after != before
    prepared_index.ensure_indexes(screening_service.SCREENING_LAYERS)
    assert prepared_index.is_current("section3_nature")


def test_removed_layer_file_is_reported_missing(registry: dict[str, ReferenceLayer]) -> None:
    prepared_index.ensure_indexes(screening_service.SCREENING_LAYERS)
    screening_service.screening_index()
    layer_path("energy_parks").unlink()
    report = screen(AREA, screening_service.screening_index())
    assert "energy_parks" in report.missing_layers


def test_geojson_area_through_the_service(registry: dict[str, ReferenceLayer]) -> None:
    prepared_index.ensure_indexes(screening_service.SCREENING_LAYERS)
    report = screening_service.screen_geojson(json.loads(json.dumps(mapping(to_exchange(AREA)))))
    assert report.kommune_kode == "0561"


def test_gunicorn_preloads_and_warms_before_fork(registry: dict[str, ReferenceLayer]) -> None:
    """gunicorn.conf.py: preload_app, and when_ready loads the index in the master."""
    import gc
    import runpy

    from rodloeber.config import warm

    prepared_index.ensure_indexes(screening_service.SCREENING_LAYERS)
    conf = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
    assert conf["preload_app"] is True and conf["wsgi_app"] == "rodloeber.config.wsgi:application"
    screening_service.reset_index()
    try:
        seconds = warm.warm()
    finally:
        gc.unfreeze()
    assert seconds >= 0
    assert screening_service._index is not None
    assert set(screening_service._index.layers) == set(registry)
