"""Validation, repair, CRS handling and subdivision (framework-free)."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from rodloeber.domain.geodata.crs import normalise_crs, outside_extent, to_internal
from rodloeber.domain.geodata.errors import GeodataError
from rodloeber.domain.geodata.subdivide import subdivide
from rodloeber.domain.geodata.table import FeatureTable
from rodloeber.domain.geodata.validate import ImportLimits, validate_and_repair

X0, Y0 = 530_000.0, 6_255_000.0


def table(*geoms: shapely.Geometry) -> FeatureTable:
    return FeatureTable(
        geometries=np.array(geoms, dtype=object), columns={"n": list(range(len(geoms)))}
    )


def test_valid_input_passes_unchanged() -> None:
    out, report = validate_and_repair(table(shapely.box(X0, Y0, X0 + 10, Y0 + 10)))
    assert len(out) == 1 and report.repaired == 0 and report.features_out == 1


def test_small_self_intersection_is_repaired_and_reported() -> None:
    # A 1 km square with a tiny 1 m loop at one corner (a digitising slip).
    coords = [
        (X0, Y0), (X0 + 1000, Y0), (X0 + 1000, Y0 + 1000), (X0 + 1, Y0 + 1000),
        (X0 - 1, Y0 + 999), (X0 + 1, Y0 + 999), (X0, Y0 + 1000.5), (X0, Y0),
    ]  # fmt: skip
    bad = shapely.Polygon(coords)
    assert not bad.is_valid
    out, report = validate_and_repair(table(bad))
    assert report.repaired == 1
    assert any("Self-intersection" in k or "Ring" in k for k in report.reasons)
    assert out.geometries[0].is_valid
    assert abs(out.geometries[0].area - 1_000_000) < 2_000
    assert report.to_dict()["examples"]


def test_bow_tie_is_refused_unless_forced() -> None:
    bowtie = shapely.Polygon([(X0, Y0), (X0 + 100, Y0 + 100), (X0 + 100, Y0), (X0, Y0 + 100)])
    with pytest.raises(GeodataError) as err:
        validate_and_repair(table(bowtie))
    assert err.value.code == "self_intersection"
    assert "skærer sig selv" in err.value.message_da and "intersect" in err.value.message_en
    out, report = validate_and_repair(table(bowtie), force_repair=True)
    assert report.repaired == 1 and out.geometries[0].area == pytest.approx(5_000)


def test_empty_and_null_geometries_are_dropped_and_counted() -> None:
    t = FeatureTable(
        geometries=np.array([None, shapely.Polygon(), shapely.Point(X0, Y0)], dtype=object),
        columns={"n": [0, 1, 2]},
    )
    out, report = validate_and_repair(t)
    assert len(out) == 1 and out.columns["n"] == [2] and report.dropped_empty == 2


def test_only_empty_is_an_error() -> None:
    with pytest.raises(GeodataError) as err:
        validate_and_repair(table(shapely.Polygon()))
    assert err.value.code == "empty"


def test_vertex_limits() -> None:
    circle = shapely.Point(X0, Y0).buffer(100, quad_segs=64)  # 257 vertices
    with pytest.raises(GeodataError) as err:
        validate_and_repair(table(circle), limits=ImportLimits(max_vertices_per_feature=100))
    assert err.value.code == "too_many_vertices"


def test_outside_denmark_is_refused_but_marine_sites_are_fine() -> None:
    north_sea = shapely.box(150_000, 6_200_000, 160_000, 6_210_000)  # Danish North Sea EEZ
    assert not outside_extent(np.array([north_sea], dtype=object))[0]
    with pytest.raises(GeodataError) as err:
        validate_and_repair(table(shapely.box(-500_000, 4_000_000, -499_000, 4_001_000)))
    assert err.value.code == "outside_denmark"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, "EPSG:4326"),
        ("urn:ogc:def:crs:EPSG::25832", "EPSG:25832"),
        ("EPSG:25832", "EPSG:25832"),
        ("http://www.opengis.net/def/crs/EPSG/0/25832", "EPSG:25832"),
        ("urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326"),
    ],
)
def test_crs_spellings(text: str | None, expected: str) -> None:
    assert normalise_crs(text) == expected


def test_unknown_crs_and_utm_as_lonlat_are_refused() -> None:
    with pytest.raises(GeodataError) as err:
        normalise_crs("EPSG:99999")
    assert err.value.code == "crs_unknown"
    with pytest.raises(GeodataError) as err:
        to_internal(np.array([shapely.Point(X0, Y0)], dtype=object), "EPSG:4326")
    assert err.value.code == "crs_mismatch"


def test_reprojection_to_25832() -> None:
    viborg = to_internal(np.array([shapely.Point(9.402, 56.4532)], dtype=object), "EPSG:4326")[0]
    assert viborg.x == pytest.approx(524_778, abs=5)
    assert viborg.y == pytest.approx(6_256_594, abs=5)


def test_subdivision_keeps_area_and_limits_vertices() -> None:
    big = shapely.Point(X0, Y0).buffer(20_000, quad_segs=512)  # 2049 vertices
    small = shapely.box(X0, Y0, X0 + 10, Y0 + 10)
    parts, source = subdivide(np.array([small, big], dtype=object), max_vertices=128)
    assert (shapely.get_num_coordinates(parts) <= 128 + 8).all()
    assert list(source[:1]) == [0] and (source[1:] == 1).all() and len(parts) > 8
    assert shapely.area(parts[source == 1]).sum() == pytest.approx(big.area, rel=1e-9)
    assert shapely.union_all(parts[source == 1]).symmetric_difference(big).area < 1.0
    assert shapely.is_valid(parts).all()


def test_feature_table_rows_and_take() -> None:
    t = table(shapely.Point(1, 1), shapely.Point(2, 2))
    assert t.rows() == [{"n": 0}, {"n": 1}]
    assert t.take(np.array([1])).columns == {"n": [1]}
    with pytest.raises(ValueError, match="values"):
        FeatureTable(geometries=np.array([shapely.Point(0, 0)], dtype=object), columns={"a": []})
