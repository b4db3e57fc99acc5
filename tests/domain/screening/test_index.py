"""Subdivision and the per-layer STRtree queries; voltage parsing."""

from __future__ import annotations

import pytest
import shapely
from shapely.geometry import LineString, Point

from rodloeber.domain.screening import LayerIndex, subdivide, voltage_class, voltage_kv
from rodloeber.domain.screening.testing import make_layer, square


def test_subdivide_keeps_area_and_limits_vertices() -> None:
    blob = Point(0, 0).buffer(10_000, quad_segs=2000).difference(Point(0, 0).buffer(2000))
    parts = subdivide(blob, max_vertices=128)
    assert len(parts) > 10
    assert all(shapely.get_num_coordinates(p) <= 128 for p in parts)
    assert sum(p.area for p in parts) == pytest.approx(blob.area, rel=1e-9)
    assert shapely.union_all(parts).symmetric_difference(blob).area < 1e-3


def test_subdivide_small_and_point_unchanged() -> None:
    sq = square(0, 0, 10)
    assert subdivide(sq) == [sq]
    assert subdivide(Point(1, 1)) == [Point(1, 1)]
    line = LineString([(i, (i % 2) * 10) for i in range(1000)])
    parts = subdivide(line, 64)
    assert sum(p.length for p in parts) == pytest.approx(line.length)


def test_layer_index_nearest_and_within_map_parts_back() -> None:
    big = Point(0, 0).buffer(1000, quad_segs=500)
    layer = make_layer("x", [big, Point(5000, 0)], [{"navn": "big"}, {"navn": "pt"}])
    ix = LayerIndex(layer, max_vertices=64)
    assert len(ix) > 2
    hit = ix.nearest(Point(1500, 0))
    assert hit is not None and hit.index == 0 and hit.distance_m == pytest.approx(500, abs=1)
    within = ix.within(Point(1500, 0), 4000)
    assert [h.index for h in within] == [0, 1]  # big counted once despite many parts
    hits, total = ix.overlaps(square(-100, -100, 200, origin=(0.0, 0.0)))
    assert [h.index for h in hits] == [0] and total == pytest.approx(40_000)


def test_empty_layer_index() -> None:
    ix = LayerIndex(make_layer("empty", [], []))
    assert ix.nearest(Point(0, 0)) is None
    assert ix.within(Point(0, 0), 10) == []
    assert ix.overlaps(square(0, 0, 1)) == ([], 0.0)


@pytest.mark.parametrize(
    ("value", "kv", "label"),
    [
        (400, 400.0, "400 kV"),
        ("150;60", 150.0, "132–150 kV"),
        ("132000", 132.0, "132–150 kV"),
        ("220", 220.0, "220 kV"),
        (60.0, 60.0, "50–60 kV"),
        ("10,5", 10.5, "< 50 kV"),
        (None, None, None),
        ("", None, None),
        (True, None, None),
        ("ukendt", None, None),
    ],
)
def test_voltage_parsing(value: object, kv: float | None, label: str | None) -> None:
    assert voltage_kv(value) == kv
    assert voltage_class(value) == label
