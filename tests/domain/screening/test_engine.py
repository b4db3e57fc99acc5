"""Screening results checked against independent shapely computations."""

from __future__ import annotations

import pytest
import shapely
from shapely.geometry import Polygon

from rodloeber.domain.geo import ReferenceLayer
from rodloeber.domain.screening import (
    CriterionItem,
    GeometryError,
    ScreeningIndex,
    ScreeningReport,
    ScreeningSettings,
    build_index,
    screen,
)
from rodloeber.domain.screening.testing import make_layer, square

from .conftest import X0, Y0, at, small_world


def criterion(report: ScreeningReport, variant: str) -> CriterionItem:
    return next(c for c in report.criteria if c.variant == variant)


def exclusion(report: ScreeningReport, criterion: str):  # type: ignore[no-untyped-def]
    return next(e for e in report.exclusions if e.criterion == criterion)


def test_section3_overlap_equals_shapely(
    area: Polygon, index: ScreeningIndex, world: dict[str, ReferenceLayer]
) -> None:
    report = screen(area, index)
    s3 = exclusion(report, "section3")
    union = shapely.union_all(list(world["section3_nature"].geometries))
    expected_m2 = area.intersection(union).area  # the two squares overlap each other
    assert s3.overlap_ha == pytest.approx(expected_m2 / 10_000, abs=0.005)
    assert s3.share == pytest.approx(expected_m2 / area.area, abs=1e-4)
    assert s3.status == "overlaps"
    assert s3.objects_count == 2
    # Largest overlap first: "Eng" 400x400 = 16 ha; "Mose" 500x500 = 25 ha.
    assert [o.name for o in s3.objects] == ["Mose", "Eng"]
    assert s3.objects[0].overlap_ha == pytest.approx(25.0)
    assert s3.legal_basis.startswith("§ 13 stk. 2 nr. 1")
    assert s3.indicative is True
    assert report.excluded is True


def test_honest_wording_for_section3(area: Polygon, index: ScreeningIndex) -> None:
    s3 = exclusion(screen(area, index), "section3")
    assert s3.summary_en.startswith("Overlaps registered § 3 nature (")
    assert "ha, " in s3.summary_en and "%" in s3.summary_en
    assert "vejledende" in s3.summary_da
    assert "is protected" not in s3.summary_en
    assert "er beskyttet" not in s3.summary_da


def test_large_polygon_is_subdivided_and_overlap_still_exact(
    area: Polygon, index: ScreeningIndex, world: dict[str, ReferenceLayer]
) -> None:
    habitat = world["natura2000_habitat"].geometries[0]
    assert shapely.get_num_coordinates(habitat) > 1000
    assert len(index.indexes["natura2000_habitat"]) > 1  # subdivided into parts
    item = exclusion(screen(area, index), "natura2000_habitat")
    expected = area.intersection(habitat).area / 10_000
    assert item.overlap_ha == pytest.approx(expected, abs=0.005)
    assert item.objects[0].name == "Habitat H1"
    assert item.objects[0].identifier == "DK00AA001"
    assert item.legal_basis.startswith("§ 13 stk. 2 nr. 4")


def test_fredning_needs_assessment_and_alone_does_not_exclude(area: Polygon) -> None:
    world = small_world()
    world["section3_nature"] = make_layer("section3_nature", [], [])
    world["natura2000_habitat"] = make_layer("natura2000_habitat", [], [])
    report = screen(area, build_index(world.values()))
    fred = exclusion(report, "fredning")
    assert fred.status == "needs_assessment"
    assert fred.overlap_ha == pytest.approx(area.intersection(square(1500, 2000, 1000)).area / 1e4)
    assert fred.objects[0].identifier == "01234.00"
    assert "kriterierne for beskyttet natur" in fred.summary_da
    assert report.excluded is False


def test_clear_layers_and_empty_layers(area: Polygon, index: ScreeningIndex) -> None:
    report = screen(area, index)
    nnp = exclusion(report, "nature_national_park")
    assert (nnp.status, nnp.overlap_ha, nnp.share, nnp.objects) == ("clear", 0.0, 0.0, ())
    birds = exclusion(report, "natura2000_birds")
    assert birds.status == "clear"


def test_sliver_overlap_does_not_set_excluded(area: Polygon) -> None:
    world = small_world()
    world["section3_nature"] = make_layer("section3_nature", [square(1999.9, 0, 5)], [{}])
    world["natura2000_habitat"] = make_layer("natura2000_habitat", [], [])
    report = screen(area, build_index(world.values()))
    s3 = exclusion(report, "section3")
    assert s3.status == "overlaps"
    assert s3.overlap_ha < ScreeningSettings().sliver_ha
    assert s3.objects[0].name == "section3_nature #1"
    assert report.excluded is False


def test_nearest_substation_per_voltage_class(area: Polygon, index: ScreeningIndex) -> None:
    report = screen(area, index)
    s400 = criterion(report, "substation_400kv")
    assert s400.nearest == "Station 400"
    assert s400.distance_km == pytest.approx(area.distance(at(-3000, 0)) / 1000, abs=0.005)
    s150 = criterion(report, "substation_132_150kv")
    assert s150.nearest == "Station 150"  # "150;60" counts as its highest voltage
    assert s150.distance_km == pytest.approx(3.0)
    s60 = criterion(report, "substation_50_60kv")
    assert s60.distance_km == pytest.approx(area.distance(at(2100, 2600)) / 1000, abs=0.005)
    assert {c.legal_basis for c in report.criteria if c.criterion == "electricity"} == {
        "§ 13 stk. 1 nr. 3"
    }
    variants = [c.variant for c in report.criteria if c.criterion == "electricity"]
    assert "substation_220kv" not in variants  # no station of that class in the layer
    assert criterion(report, "grid_line").distance_km == pytest.approx(0.5)


def test_transport_distances(area: Polygon, index: ScreeningIndex) -> None:
    report = screen(area, index)
    assert criterion(report, "motorway").distance_km == pytest.approx(4.0)
    assert criterion(report, "railway").distance_km == pytest.approx(1.0)
    port = criterion(report, "port")
    assert port.distance_km == pytest.approx(12.5)
    assert port.nearest == "Havnen"
    assert port.legal_basis == "§ 13 stk. 1 nr. 4"


def test_population_within_radii(area: Polygon, index: ScreeningIndex) -> None:
    report = screen(area, index)
    p20 = criterion(report, "population_20km")
    assert (p20.count, p20.value, p20.nearest) == (1, 1000.0, "Nærby")
    p40 = criterion(report, "population_40km")
    # Mellemby is 23 km from the area's east edge: inside 40 km; Fjernby 58 km: outside.
    assert (p40.count, p40.value) == (2, 21_000.0)
    assert p40.legal_basis == "§ 13 stk. 1 nr. 5"


def test_education_schools_clusters(area: Polygon, index: ScreeningIndex) -> None:
    report = screen(area, index)
    uni = criterion(report, "universities")
    assert (uni.count, uni.names) == (1, ("Testuniversitetet",))
    assert uni.distance_km == pytest.approx(27.5)
    school = criterion(report, "international_schools")
    assert school.count == 0
    assert school.nearest == "Fjern skole"  # reported even beyond the radius
    assert school.distance_km == pytest.approx(47.5)
    cluster = criterion(report, "business_clusters")
    assert cluster.count == 1 and cluster.distance_km == pytest.approx(1.0)


def test_energy_park_adjacency(area: Polygon, index: ScreeningIndex) -> None:
    park = criterion(screen(area, index), "energy_park")
    assert park.distance_km == pytest.approx(1.0)
    assert park.adjacent is True
    assert park.legal_basis == "§ 13 stk. 3"
    far = criterion(
        screen(area, index, ScreeningSettings(energy_park_adjacency_km=0.5)), "energy_park"
    )
    assert far.adjacent is False


def test_kommune_and_region_with_shares(area: Polygon, index: ScreeningIndex) -> None:
    report = screen(area, index)
    assert report.kommune_kode == "0561"  # 1000 m of 2000 m wide each; tie → first largest
    assert {k.code for k in report.kommuner} == {"0561", "0573"}
    assert sum(k.share for k in report.kommuner) == pytest.approx(1.0)
    assert report.land_share == pytest.approx(1.0)
    assert (report.region_kode, report.region_navn) == ("1083", "Region Syddanmark")
    assert report.area_ha == pytest.approx(500.0)


def test_region_falls_back_to_kommune_attributes(area: Polygon) -> None:
    world = small_world()
    del world["regioner"]
    report = screen(area, build_index(world.values()))
    assert (report.region_kode, report.region_navn) == ("1083", "Syd")
    assert "regioner" in report.missing_layers


def test_area_at_sea_is_rejected(index: ScreeningIndex) -> None:
    with pytest.raises(GeometryError) as info:
        screen(square(100_000, 100_000, 1000), index)
    assert info.value.code == "outside_denmark"


def test_missing_layers_are_reported_not_guessed(area: Polygon) -> None:
    report = screen(area, build_index([]))
    assert report.kommune_kode is None and report.land_share is None
    assert {e.status for e in report.exclusions} == {"no_data"}
    assert {c.status for c in report.criteria} == {"no_data"}
    assert "section3_nature" in report.missing_layers
    assert report.excluded is False
    assert any("ikke er indlæst" in n for n in report.notes_da)


def test_report_dict_has_contract_fields(area: Polygon, index: ScreeningIndex) -> None:
    data = screen(area, index).to_dict()
    assert {"area_ha", "kommune_kode", "excluded", "exclusions", "criteria", "layers"} <= set(data)
    assert {"criterion", "overlap_ha", "share", "legal_basis"} <= set(data["exclusions"][0])  # type: ignore[index]
    assert {"criterion", "nearest", "distance_km", "legal_basis"} <= set(data["criteria"][0])  # type: ignore[index]
    layers = data["layers"]
    assert isinstance(layers, list)
    assert {"name", "source", "version", "synthetic"} <= set(layers[0])
    assert data["synthetic_data_used"] is True
    assert any("syntetiske demodata" in n for n in data["notes_en"])  # type: ignore[union-attr]


def test_multipolygon_area(index: ScreeningIndex, world: dict[str, ReferenceLayer]) -> None:
    multi = shapely.MultiPolygon([square(0, 0, 500), square(1000, 1000, 500)])
    report = screen(multi, index)
    union = shapely.union_all(list(world["section3_nature"].geometries))
    s3 = exclusion(report, "section3")
    assert s3.overlap_ha == pytest.approx(multi.intersection(union).area / 1e4, abs=0.005)
    assert report.area_ha == pytest.approx(50.0)


def test_index_is_reused_and_not_mutated(area: Polygon, index: ScreeningIndex) -> None:
    trees = {name: id(ix.tree) for name, ix in index.indexes.items()}
    first = screen(area, index)
    second = screen(area, index)
    assert first == second
    assert trees == {name: id(ix.tree) for name, ix in index.indexes.items()}
    assert X0 and Y0
