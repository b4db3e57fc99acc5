"""The framework-free land search: filter parsing, matching and distances."""

from __future__ import annotations

import numpy as np
import pytest
from shapely.geometry import LineString, Point, box

from rodloeber.domain.landsearch import (
    AreaFacts,
    InfrastructureIndex,
    LandFilter,
    LandFilterError,
    matches,
    naive_distances,
    parse_filter,
)


def test_parse_filter_reads_lists_and_commas() -> None:
    flt = parse_filter(
        {
            "min_available_ha": ["5,5"],
            "use": ["3120,3130"],
            "zone": ["1"],
            "kommune": ["0561"],
            "max_km_motorway": ["3"],
            "max_km_substation": ["10"],
            "substation_kv": ["400"],
            "in_industrial_park": ["true"],
            "bbox": ["8,55,9,56"],
            "miljoklasse": ["4"],
        }
    )
    assert flt.min_available_ha == 5.5
    assert flt.uses == (3120, 3130)
    assert flt.substation_key() == "km_substation_400"
    assert flt.in_industrial_park is True
    assert flt.bbox == (8.0, 55.0, 9.0, 56.0)
    assert parse_filter(flt.to_params()) == flt


def test_empty_values_mean_no_limit() -> None:
    assert parse_filter({"min_available_ha": [""], "use": [""], "kommune": []}).is_empty()


def test_errors_are_bilingual_and_list_every_parameter() -> None:
    with pytest.raises(LandFilterError) as exc:
        parse_filter(
            {"min_available_ha": ["lots"], "use": ["9999"], "bbox": ["1,2,3"], "kommune": ["x"]}
        )
    fields = [e[0] for e in exc.value.errors]
    assert fields == ["kommune", "min_available_ha", "use", "bbox"]
    assert "skal være et tal" in exc.value.message_da
    assert "must be a number" in exc.value.message_en


def test_negative_and_huge_distances_are_refused() -> None:
    with pytest.raises(LandFilterError):
        parse_filter({"max_km_port": ["-1"]})
    with pytest.raises(LandFilterError):
        parse_filter({"max_km_port": ["5000"]})


def test_matches_applies_every_filter_and_unknown_never_passes() -> None:
    area = AreaFacts(
        available_ha=10,
        anvspec=3130,
        maxmiljo=5,
        maxbygnhjd=20,
        zone=1,
        komnr="0561",
        region_code="1083",
        km_motorway=2.0,
        km_substation_132=4.0,
        km_substation_400=None,
        bbox=(8.4, 55.4, 8.5, 55.5),
    )
    assert matches(area, LandFilter())
    assert matches(
        area, LandFilter(min_available_ha=10, uses=(3130,), min_env_class=5, min_height_m=20)
    )
    assert not matches(area, LandFilter(min_available_ha=10.01))
    assert not matches(area, LandFilter(min_env_class=6))
    assert matches(area, LandFilter(max_km_motorway=2.0, max_km_substation=4.0))
    assert not matches(area, LandFilter(max_km_substation=100, substation_kv=400))  # unknown
    assert not matches(area, LandFilter(max_km_port=100))  # unknown port distance
    assert matches(area, LandFilter(bbox=(8.45, 55.45, 9, 56)))
    assert not matches(area, LandFilter(bbox=(9, 55, 10, 56)))
    assert not matches(area, LandFilter(in_industrial_park=True))


def test_distances_equal_a_brute_force_computation() -> None:
    rng = np.random.default_rng(1)
    roads = [LineString([(x, 0), (x + 500, 20_000)]) for x in rng.uniform(0, 50_000, 30)]
    subs = [
        (Point(x, y), kv)
        for x, y, kv in zip(
            rng.uniform(0, 50_000, 40),
            rng.uniform(0, 50_000, 40),
            rng.choice([60, 132, 150, 400], 40),
            strict=True,
        )
    ]
    index = InfrastructureIndex(
        motorways=roads,
        substations=[(p, float(kv)) for p, kv in subs],
        kommuner=[(box(0, 0, 25_000, 60_000), "0561"), (box(25_000, 0, 60_000, 60_000), "0573")],
        parks=[(Point(10_000, 10_000), "Industripark Test")],
    )
    areas = [
        box(x, y, x + 300, y + 200)
        for x, y in zip(rng.uniform(0, 49_000, 50), rng.uniform(0, 49_000, 50), strict=True)
    ]
    result = index.compute(areas)
    for geom, dist in zip(areas, result, strict=True):
        assert dist.km_motorway == naive_distances(geom, roads)
        assert dist.km_substation_132 == naive_distances(geom, [p for p, kv in subs if kv >= 132])
        assert dist.km_substation_400 == naive_distances(geom, [p for p, kv in subs if kv >= 400])
        assert dist.km_port is None and dist.km_rail is None  # no data is unknown, not zero
        assert dist.komnr == ("0561" if geom.centroid.x < 25_000 else "0573")
        assert dist.in_industrial_park == (geom.distance(Point(10_000, 10_000)) <= 3000)
