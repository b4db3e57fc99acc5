"""The database search equals the framework-free filter; stored distances equal brute force."""

from __future__ import annotations

import pytest

from rodloeber.domain.landsearch import LandFilter, matches, naive_distances
from rodloeber.landmap.geometry import area_geometry
from rodloeber.landmap.infrastructure import layer_or_bundled
from rodloeber.landmap.models import BusinessArea
from rodloeber.landmap.selectors import area_facts, search

FILTERS = [
    LandFilter(),
    LandFilter(min_available_ha=5),
    LandFilter(uses=(3120, 3130), min_env_class=4),
    LandFilter(max_km_motorway=3, max_km_rail=5, max_km_substation=10),
    LandFilter(max_km_port=15, max_km_substation=20, substation_kv=400, min_height_m=15),
    LandFilter(regions=("1082",), zones=(1,), statuses=("ledig",)),
    LandFilter(kommuner=("0751", "0101", "0461")),
    LandFilter(in_industrial_park=True),
    LandFilter(bbox=(9.0, 55.5, 10.5, 56.5), max_available_ha=20),
]


@pytest.mark.parametrize("flt", FILTERS)
def test_search_equals_python_filter(areas: list[BusinessArea], flt: LandFilter) -> None:
    expected = {a.pk for a in areas if matches(area_facts(a), flt)}
    page = search(flt, limit=1000)
    assert {a.pk for a in page.areas} == expected
    assert page.total == len(expected)


def test_paging_is_stable_and_complete(areas: list[BusinessArea]) -> None:
    flt = LandFilter(min_available_ha=1)
    seen: list[int] = []
    for offset in range(0, 400, 50):
        seen += [a.pk for a in search(flt, limit=50, offset=offset).areas]
    assert len(seen) == len(set(seen)) == search(flt, limit=1).total


def test_stored_distances_equal_brute_force(areas: list[BusinessArea]) -> None:
    motorways, _ = layer_or_bundled("motorways")
    ports, _ = layer_or_bundled("ports")
    for area in BusinessArea.objects.order_by("id")[:25]:
        geom = area_geometry(area.geometry_wkb)
        assert area.km_motorway == naive_distances(geom, motorways)
        assert area.km_port == naive_distances(geom, ports)


def test_demo_is_synthetic_labelled_sized_and_idempotent(areas: list[BusinessArea]) -> None:
    from rodloeber.landmap.demo import landmap_demo_load

    assert all(a.synthetic and "Syntetiske demodata" in a.source for a in areas)
    assert all(0.4 <= a.area_ha <= 160 for a in areas)
    assert all(a.available_ha <= a.net_planned_ha <= a.area_ha for a in areas)
    assert {a.anvspec for a in areas} <= {3110, 3120, 3130, 3140, 3150, 3160}
    assert all(len(a.komnr) == 4 and a.region_code for a in areas)
    assert landmap_demo_load(count=300, seed=7).created == 0
    assert BusinessArea.objects.count() == 300
