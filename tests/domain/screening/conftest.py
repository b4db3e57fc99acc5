"""Hand-made layers around a point near Esbjerg (EPSG:25832), for the screening tests."""

from __future__ import annotations

import pytest
from shapely.geometry import LineString, Point, Polygon, box
from shapely.geometry.base import BaseGeometry

from rodloeber.domain.geo import ReferenceLayer
from rodloeber.domain.screening import ScreeningIndex, build_index
from rodloeber.domain.screening.testing import ORIGIN, make_layer, square

X0, Y0 = ORIGIN


def at(x: float, y: float) -> Point:
    return Point(X0 + x, Y0 + y)


@pytest.fixture
def area() -> Polygon:
    """2 km x 2.5 km = 500 ha."""
    return Polygon([(X0, Y0), (X0 + 2000, Y0), (X0 + 2000, Y0 + 2500), (X0, Y0 + 2500), (X0, Y0)])


def small_world() -> dict[str, ReferenceLayer]:
    kommune_a = box(X0 - 20_000, Y0 - 20_000, X0 + 1_000, Y0 + 30_000)  # western half
    kommune_b = box(X0 + 1_000, Y0 - 20_000, X0 + 22_000, Y0 + 30_000)  # eastern half
    layers: list[ReferenceLayer] = [
        make_layer(
            "kommuner",
            [kommune_a, kommune_b],
            [
                {"kode": "0561", "navn": "Esbjerg", "regionskode": "1083", "regionsnavn": "Syd"},
                {"kode": "0573", "navn": "Varde", "regionskode": "1083", "regionsnavn": "Syd"},
            ],
            synthetic=False,
        ),
        make_layer(
            "regioner",
            [square(-50_000, -50_000, 100_000)],
            [{"kode": "1083", "navn": "Region Syddanmark"}],
            synthetic=False,
        ),
        make_layer(
            "section3_nature",
            [square(-100, -100, 600), square(300, 300, 400), square(5000, 5000, 100)],
            [{"Natyp_navn": "Mose"}, {"Natyp_navn": "Eng"}, {"Natyp_navn": "Sø"}],
        ),
        make_layer(
            "fredninger",
            [square(1500, 2000, 1000)],
            [{"Fred_navn": "Testfredningen", "Reg_nr": "01234.00"}],
        ),
        make_layer("nature_national_parks", [square(30_000, 30_000, 1000)], [{"navn": "NNP"}]),
        make_layer(
            "natura2000_habitat",
            [circle(2000, 1250, 300, 4000)],
            [{"Objektnavn": "Habitat H1", "Site_ident": "DK00AA001"}],
        ),
        make_layer("natura2000_birds", [], []),
        make_layer(
            "grid_substations",
            [at(5000, 1000), at(-3000, 0), at(12_000, 0), at(2100, 2600)],
            [
                {"navn": "Station 150", "voltage_kv": "150;60"},
                {"navn": "Station 400", "voltage_kv": 400},
                {"navn": "Station 400 far", "voltage_kv": 400},
                {"navn": "Station 60", "voltage_kv": "60"},
            ],
        ),
        make_layer("grid_lines", [line(-500, -500, -500, 5000)], [{"voltage_kv": 150}]),
        make_layer("motorways", [line(-10_000, -4000, 10_000, -4000)], [{"navn": "E20"}]),
        make_layer("railways", [line(3000, -10_000, 3000, 10_000)], [{"navn": "Banen"}]),
        make_layer("ports", [at(0, 15_000)], [{"navn": "Havnen"}]),
        make_layer(
            "towns",
            [at(10_000, 0), at(25_000, 0), at(60_000, 0)],
            [
                {"navn": "Nærby", "population": 1000},
                {"navn": "Mellemby", "population": 20_000},
                {"navn": "Fjernby", "population": 300_000},
            ],
        ),
        make_layer("universities", [at(0, 30_000)], [{"navn": "Testuniversitetet"}]),
        make_layer("international_schools", [at(0, 50_000)], [{"navn": "Fjern skole"}]),
        make_layer("business_clusters", [at(1000, -1000)], [{"navn": "Energiklyngen"}]),
        make_layer("energy_parks", [square(3000, 0, 1000)], [{"navn": "Energipark Vest"}]),
    ]
    return {layer.name: layer for layer in layers}


def circle(x: float, y: float, radius: float, vertices: int) -> BaseGeometry:
    return at(x, y).buffer(radius, quad_segs=max(vertices // 4, 1))


def line(x1: float, y1: float, x2: float, y2: float) -> LineString:
    return LineString([(X0 + x1, Y0 + y1), (X0 + x2, Y0 + y2)])


@pytest.fixture(scope="module")
def world() -> dict[str, ReferenceLayer]:
    return small_world()


@pytest.fixture(scope="module")
def index(world: dict[str, ReferenceLayer]) -> ScreeningIndex:
    return build_index(world.values())
