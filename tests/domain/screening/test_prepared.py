"""Prepared screening indexes on disk: same answers as built ones, never used when stale."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from shapely.geometry.base import BaseGeometry

from rodloeber.domain.geo import ReferenceLayer
from rodloeber.domain.screening import build_index, screen
from rodloeber.domain.screening.index import LayerIndex
from rodloeber.domain.screening.prepared import (
    MANIFEST,
    StaleIndex,
    read_prepared,
    stamp_of,
    write_prepared,
)
from rodloeber.domain.screening.testing import square
from tests.domain.screening.conftest import circle, small_world


def _prepare(tmp_path: Path, world: dict[str, ReferenceLayer]) -> dict[str, LayerIndex]:
    """Write every layer's index next to a stand-in layer file, read them back."""
    out: dict[str, LayerIndex] = {}
    for name, layer in world.items():
        source = tmp_path / f"{name}.gpkg"
        source.write_bytes(f"layer file of {name}".encode())
        write_prepared(tmp_path / "index" / name, layer, stamp_of(source))
        out[name] = read_prepared(tmp_path / "index" / name, source)
    return out


@pytest.mark.parametrize(
    "area",
    [
        square(0, 0, 2000),
        square(-400, -400, 900),
        square(2500, 500, 3000),
        circle(1500, 1500, 900, 200),
    ],
)
def test_prepared_index_answers_like_a_built_one(tmp_path: Path, area: BaseGeometry) -> None:
    world = small_world()
    built = build_index(world.values())
    prepared = _prepare(tmp_path, world)
    from_disk = build_index([p.layer for p in prepared.values()], prepared=prepared)
    assert screen(area, from_disk).to_dict() == screen(area, built).to_dict()
    assert from_disk.substation_classes.keys() == built.substation_classes.keys()


def test_prepared_layer_keeps_features_attributes_and_provenance(tmp_path: Path) -> None:
    world = small_world()
    prepared = _prepare(tmp_path, world)
    for name, layer in world.items():
        again = prepared[name].layer
        assert again.provenance == layer.provenance
        assert len(again) == len(layer)
        assert [dict(r) for r in again.attributes] == [dict(r) for r in layer.attributes]
        for original, decoded in zip(layer.geometries, again.geometries, strict=True):
            assert decoded.equals_exact(original, 0)
        index = LayerIndex(layer)
        assert np.array_equal(prepared[name].source, index.source)
        assert prepared[name].self_overlapping == index.self_overlapping


def _one(tmp_path: Path) -> tuple[Path, Path, ReferenceLayer]:
    layer = small_world()["section3_nature"]
    source = tmp_path / "section3_nature.gpkg"
    source.write_bytes(b"version one")
    directory = tmp_path / "index" / "section3_nature"
    write_prepared(directory, layer, stamp_of(source))
    return source, directory, layer


def test_changed_layer_file_makes_the_index_stale(tmp_path: Path) -> None:
    source, directory, _layer = _one(tmp_path)
    before = source.stat().st_mtime_ns
    source.write_bytes(b"version two")  # same size, other content
    os.utime(source, ns=(before + 1_000_000_000, before + 1_000_000_000))  # coarse clocks
    with pytest.raises(StaleIndex, match="changed since"):
        read_prepared(directory, source)
    source.write_bytes(b"a longer version three")
    with pytest.raises(StaleIndex, match="changed size"):
        read_prepared(directory, source)


def test_touched_but_unchanged_layer_file_is_still_current(tmp_path: Path) -> None:
    """A restore may not keep mtimes: the SHA-256 decides then."""
    source, directory, layer = _one(tmp_path)
    st = source.stat()
    os.utime(source, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert len(read_prepared(directory, source)) == len(LayerIndex(layer))


def test_missing_or_resized_files_and_other_formats_are_stale(tmp_path: Path) -> None:
    source, directory, _layer = _one(tmp_path)
    with pytest.raises(StaleIndex, match="subdivision"):
        read_prepared(directory, source, max_vertices=64)
    with (directory / "parts_wkb.npy").open("ab") as fh:
        fh.write(b"\0")
    with pytest.raises(StaleIndex, match="does not match"):
        read_prepared(directory, source)
    (directory / "parts_wkb.npy").unlink()
    with pytest.raises(StaleIndex, match="missing"):
        read_prepared(directory, source)
    manifest = json.loads((directory / MANIFEST).read_text())
    manifest["format"] = "rodloeber-screening-index/0"
    (directory / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(StaleIndex, match="format"):
        read_prepared(directory, source)
    with pytest.raises(StaleIndex, match="no prepared index"):
        read_prepared(tmp_path / "nowhere", source)


def test_rewrite_swaps_the_whole_folder(tmp_path: Path) -> None:
    source, directory, layer = _one(tmp_path)
    source.write_bytes(b"version two")
    write_prepared(directory, layer, stamp_of(source))
    assert len(read_prepared(directory, source)) == len(LayerIndex(layer))
    leftovers = [p.name for p in directory.parent.iterdir() if p.name != directory.name]
    assert leftovers == []


def test_empty_layer_round_trips(tmp_path: Path) -> None:
    layer = small_world()["natura2000_birds"]
    assert len(layer) == 0
    source = tmp_path / "natura2000_birds.gpkg"
    source.write_bytes(b"empty")
    write_prepared(tmp_path / "birds", layer, stamp_of(source))
    index = read_prepared(tmp_path / "birds", source)
    assert len(index) == 0 and len(index.layer) == 0
    assert index.overlaps(square(0, 0, 100)) == ([], 0.0)
