"""Repair and snapping keep tile polygons valid and on whole tile units."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon, box

from rodloeber.layers.tile_geometry import (
    polygonal_part,
    snap_level,
    snap_to_grid,
    valid_geometries,
)


def _arr(*geoms: object) -> np.ndarray:
    out = np.empty(len(geoms), dtype=object)
    out[:] = geoms
    return out


def test_a_bow_tie_is_repaired_to_its_two_triangles() -> None:
    bow = Polygon([(0, 0), (10, 10), (10, 0), (0, 10)])
    assert not bow.is_valid
    (fixed,) = valid_geometries(_arr(bow))
    assert fixed.is_valid and fixed.geom_type == "MultiPolygon"
    assert abs(fixed.area - 50) < 1e-9


def test_polygonal_part_drops_lines_and_points_of_a_collection() -> None:
    mixed = shapely.GeometryCollection([box(0, 0, 1, 1), LineString([(2, 2), (3, 3)]), Point(5, 5)])
    (only,) = polygonal_part(_arr(mixed))
    assert only.geom_type == "Polygon" and only.area == 1


def test_snapping_rounds_to_units_and_drops_what_collapses() -> None:
    # Two rings 0.2 units apart would touch after naive rounding; a sliver collapses.
    near = shapely.union_all([box(0.1, 0.1, 10.4, 10.2), box(10.6, 0.1, 20.2, 10.3)])
    sliver = box(0.1, 30.1, 50.2, 30.3)
    out = snap_to_grid(_arr(near, sliver, Point(1.4, 2.6)))
    assert all(shapely.is_valid(out))
    coords = shapely.get_coordinates(out[0])
    assert np.array_equal(coords, np.rint(coords))
    assert out[1].is_empty
    assert out[2].equals(Point(1, 3))


def test_snap_level_puts_a_level_on_its_grid_valid_and_drops_what_collapses() -> None:
    unit = 38.2  # about one tile unit at z10 (metres, EPSG:3857)
    # a valid polygon whose vertices are off the grid, and a sliver thinner than a unit
    poly = Polygon([(3.3, 1.1), (1000.7, 12.9), (990.2, 760.4), (30.1, 800.8)])
    sliver = box(0, 0, 1000, unit / 4)
    line = LineString([(1.2, 1.9), (500.4, 77.7)])
    out = snap_level(np.array([poly, sliver, line], dtype=object), unit)
    assert out[0].is_valid and not out[0].is_empty
    coords = shapely.get_coordinates(out[0]) / unit
    assert np.allclose(coords, np.rint(coords))  # whole units: nothing left to round
    assert out[1].is_empty  # collapsed below one unit
    assert out[2].geom_type == "LineString"
    # no fixed precision model attached (it would change later clipping)
    assert shapely.get_precision(out[0]) == 0
