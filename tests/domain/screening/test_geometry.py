"""Parsing and checking submitted GeoJSON areas (every rejection has a code and da/en text)."""

from __future__ import annotations

from typing import Any

import pytest
import shapely

from rodloeber.domain.screening import GeometryError, GeometryLimits, parse_area, to_exchange
from rodloeber.domain.screening.testing import square

ESBJERG = (8.68, 55.50)


def polygon(cx: float = ESBJERG[0], cy: float = ESBJERG[1], d: float = 0.01) -> dict[str, Any]:
    ring = [[cx, cy], [cx + d, cy], [cx + d, cy + d], [cx, cy + d], [cx, cy]]
    return {"type": "Polygon", "coordinates": [ring]}


def code_of(data: object, limits: GeometryLimits | None = None) -> str:
    with pytest.raises(GeometryError) as info:
        parse_area(data, limits)
    err = info.value
    assert err.message_da and err.message_en and err.message_da != err.message_en
    assert err.to_dict()["code"] == err.code
    return err.code


def test_valid_polygon_is_projected_to_25832() -> None:
    area = parse_area(polygon())
    x0, y0, _x1, _y1 = area.geometry.bounds
    assert 470_000 < x0 < 490_000 and 6_140_000 < y0 < 6_160_000
    # ~0.01° x 0.01° at 55.5° N: 631 m x 1113 m ≈ 70 ha.
    assert 60 < area.area_ha < 80
    assert area.vertex_count == 5


def test_round_trip_with_exchange_crs() -> None:
    geom = square(0, 0, 1000)
    back = parse_area(shapely.geometry.mapping(to_exchange(geom)))
    assert back.area_ha == pytest.approx(100.0, rel=1e-6)


def test_multipolygon_and_3d_coordinates_accepted() -> None:
    a, b = polygon()["coordinates"], polygon(cx=8.8)["coordinates"]
    assert parse_area({"type": "MultiPolygon", "coordinates": [a, b]}).vertex_count == 10
    ring3d = [[*p, 12.0] for p in a[0]]
    assert parse_area({"type": "Polygon", "coordinates": [ring3d]}).area_ha > 0


def test_explicit_wgs84_crs_member_accepted() -> None:
    data = polygon() | {"crs": {"type": "name", "properties": {"name": "EPSG:4326"}}}
    assert parse_area(data).area_ha > 0


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (None, "missing_geometry"),
        ("POLYGON((...))", "missing_geometry"),
        ({"coordinates": []}, "missing_geometry"),
        ({"type": "Point", "coordinates": [8.6, 55.5]}, "not_polygon"),
        ({"type": "LineString", "coordinates": [[8.6, 55.5], [8.7, 55.5]]}, "not_polygon"),
        ({"type": "Polygon"}, "malformed"),
        ({"type": "Polygon", "coordinates": [[["a", 1]]]}, "malformed"),
        (
            {"type": "Polygon", "coordinates": [[[8.6, 55.5], [8.7, 55.5], [8.6, 55.6]]]},
            "malformed",
        ),
        ({"type": "Polygon", "coordinates": []}, "malformed"),
        ({"type": "Polygon", "coordinates": [[1, 2, 3, 4]]}, "malformed"),
        (
            {"type": "Polygon", "coordinates": [[[8.6, 55.5], [8.7, 55.5], 7, [8.6, 55.5]]]},
            "malformed",
        ),
        (
            {"type": "Polygon", "coordinates": [[[8.6, 55.5], [8.7, 55.5], [8.6], [8.6, 55.5]]]},
            "malformed",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[8.6, 55.5], [8.7, float("nan")], [8.6, 55.6], [8.6, 55.5]]],
            },
            "malformed",
        ),
        ({"type": "Polygon", "coordinates": [[[8.6, 55.5, True]]]}, "malformed"),
    ],
)
def test_structural_errors(data: object, code: str) -> None:
    assert code_of(data) == code


def test_self_intersection_is_rejected_with_location() -> None:
    bowtie = [[8.6, 55.5], [8.7, 55.6], [8.7, 55.5], [8.6, 55.6], [8.6, 55.5]]
    with pytest.raises(GeometryError) as info:
        parse_area({"type": "Polygon", "coordinates": [bowtie]})
    assert info.value.code == "invalid_geometry"
    assert "Self-intersection" in info.value.message_en


def test_projected_coordinates_are_wrong_crs() -> None:
    ring = [[480000, 6150000], [481000, 6150000], [481000, 6151000], [480000, 6150000]]
    assert code_of({"type": "Polygon", "coordinates": [ring]}) == "wrong_crs"


def test_declared_other_crs_is_wrong_crs() -> None:
    data = polygon() | {"crs": {"type": "name", "properties": {"name": "EPSG:25832"}}}
    assert code_of(data) == "wrong_crs"


def test_swapped_axes_detected() -> None:
    assert code_of(polygon(cx=55.5, cy=8.68)) == "swapped_axes"


def test_outside_denmark() -> None:
    assert code_of(polygon(cx=10.0, cy=53.55)) == "outside_denmark"  # Hamburg
    assert code_of(polygon(cx=-0.12, cy=51.5)) == "outside_denmark"  # London


def test_absurd_sizes() -> None:
    assert code_of(polygon(cx=8.5, cy=55.5, d=1.0)) == "too_large"
    assert code_of(polygon(d=0.000001)) == "too_small"


def test_too_many_vertices() -> None:
    limits = GeometryLimits(max_vertices=100)
    circle = shapely.Point(*ESBJERG).buffer(0.01, quad_segs=50)
    assert code_of(shapely.geometry.mapping(circle), limits) == "too_many_vertices"


def _holed(n_holes: int) -> dict[str, Any]:
    x0, y0 = ESBJERG
    outer = [[x0, y0], [x0 + 0.1, y0], [x0 + 0.1, y0 + 0.05], [x0, y0 + 0.05], [x0, y0]]
    rings = [outer]
    for k in range(n_holes):
        cx, cy = x0 + 0.001 + 0.002 * (k % 40), y0 + 0.001 + 0.002 * (k // 40)
        rings.append([[cx, cy], [cx, cy + 5e-4], [cx + 5e-4, cy + 5e-4], [cx + 5e-4, cy], [cx, cy]])
    return {"type": "Polygon", "coordinates": rings}


def test_holes_are_counted_before_any_geometry_work() -> None:
    limits = GeometryLimits(max_holes=10)
    assert parse_area(_holed(10), limits).area_ha > 0
    assert code_of(_holed(11), limits) == "too_many_holes"
    # holes count across the parts of a MultiPolygon
    multi = {"type": "MultiPolygon", "coordinates": [_holed(6)["coordinates"]] * 2}
    assert code_of(multi, limits) == "too_many_holes"


def test_too_many_parts() -> None:
    limits = GeometryLimits(max_parts=3)
    parts = [polygon(cx=8.6 + 0.02 * i)["coordinates"] for i in range(4)]
    assert code_of({"type": "MultiPolygon", "coordinates": parts}, limits) == "too_many_parts"
    assert parse_area({"type": "MultiPolygon", "coordinates": parts[:3]}, limits).area_ha > 0


def test_default_limits_refuse_thousands_of_holes_quickly() -> None:
    import time

    started = time.process_time()
    assert code_of(_holed(1_000)) == "too_many_holes"
    assert time.process_time() - started < 0.5
