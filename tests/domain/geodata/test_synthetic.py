"""The synthetic generator: determinism (same seed, same hash) and plausibility."""

from __future__ import annotations

import time

import numpy as np
import pytest
import shapely

from rodloeber.domain.geodata.synthetic import generator, nature
from rodloeber.domain.geodata.synthetic.context import LandContext
from rodloeber.domain.geodata.table import FeatureTable
from rodloeber.layers.bundled import synthetic_context


@pytest.fixture(scope="module")
def ctx() -> LandContext:
    return synthetic_context()


@pytest.fixture(scope="module")
def section3(ctx: LandContext) -> tuple[FeatureTable, float]:
    start = time.monotonic()
    table = generator.generate("section3_nature", ctx, 7)
    return table, time.monotonic() - start


def on_land_share(ctx: LandContext, table: FeatureTable) -> float:
    c = shapely.get_coordinates(shapely.centroid(table.geometries))
    return float(shapely.contains_xy(ctx.land, c[:, 0], c[:, 1]).mean())


def test_same_seed_same_hash_other_seed_other_hash(ctx: LandContext) -> None:
    for name in ("natura2000_habitat", "fredninger", "energy_parks", "business_clusters"):
        a = generator.table_digest(generator.generate(name, ctx, 42))
        b = generator.table_digest(generator.generate(name, ctx, 42))
        c = generator.table_digest(generator.generate(name, ctx, 43))
        assert a == b, name
        assert a != c, name
    small_a = nature.section3_nature(ctx, 42, target=3_000)
    small_b = nature.section3_nature(ctx, 42, target=3_000)
    assert generator.table_digest(small_a) == generator.table_digest(small_b)


def test_section3_count_fields_land_and_speed(
    ctx: LandContext, section3: tuple[FeatureTable, float]
) -> None:
    table, seconds = section3
    assert len(table) >= 100_000
    assert {"Natyp_navn", "Natyp_kode", "Objekt_id", "Temanavn"} <= set(table.columns)
    assert set(table.columns["Natyp_navn"]) == {
        "Sø",
        "Mose",
        "Eng",
        "Overdrev",
        "Strandeng",
        "Hede",
    }
    assert shapely.is_valid(table.geometries).all()
    assert on_land_share(ctx, table) > 0.999
    assert seconds < 45, f"section 3 generation took {seconds:.1f} s"


def test_section3_sizes_from_ponds_to_heaths(section3: tuple[FeatureTable, float]) -> None:
    table, _ = section3
    ha = shapely.area(table.geometries) / 10_000
    assert np.percentile(ha, 10) < 0.2  # many small ponds
    assert 0.2 < np.median(ha) < 3.0
    assert ha.max() > 150  # a few large heaths
    names = np.array(table.columns["Natyp_navn"])
    assert np.median(ha[names == "Sø"]) < np.median(ha[names == "Hede"])


def test_section3_keeps_away_from_town_centres(
    ctx: LandContext, section3: tuple[FeatureTable, float]
) -> None:
    table, _ = section3
    c = shapely.get_coordinates(shapely.centroid(table.geometries))
    assert ctx.clear_of_towns(c[:, 0], c[:, 1], 500.0, 350.0).all()


def test_section3_polygons_do_not_overlap(section3: tuple[FeatureTable, float]) -> None:
    table, _ = section3
    tree = shapely.STRtree(table.geometries)
    a, b = tree.query(table.geometries[:5_000], predicate="overlaps")
    assert len(a[a != b]) == 0


def test_natura2000_sites_partly_marine(ctx: LandContext) -> None:
    habitat, birds = nature.natura2000(ctx, 11)
    assert 230 <= len(habitat) <= 260
    assert 60 <= len(birds) <= 160
    assert {"Objektnavn", "Site_ident"} <= set(habitat.columns) and "Site_ident" in birds.columns
    assert len(set(habitat.columns["Site_ident"])) == len(habitat)
    marine = np.array(habitat.columns["Marin"])
    assert 0.2 < marine.mean() < 0.6
    land_area = shapely.area(shapely.intersection(habitat.geometries, ctx.land))
    sea_share = 1 - land_area / shapely.area(habitat.geometries)
    assert (sea_share > 0.9).sum() >= 3  # large offshore sites
    assert (shapely.area(habitat.geometries) > 50_000 * 10_000).any()  # > 50,000 ha


def test_fredninger_parks_clusters_energy(ctx: LandContext) -> None:
    fred = generator.generate("fredninger", ctx, 3)
    assert len(fred) == 1_600 and {"Fred_navn", "Reg_nr"} <= set(fred.columns)
    assert on_land_share(ctx, fred) > 0.999
    parks = generator.generate("nature_national_parks", ctx, 3)
    assert len(parks) == 15
    ha = shapely.area(parks.geometries) / 10_000
    assert (ha > 900).all() and (ha < 4_500).all()
    clusters = generator.generate("business_clusters", ctx, 3)
    assert len(clusters) >= 30 and set(shapely.get_type_id(clusters.geometries)) == {0}
    energy = generator.generate("energy_parks", ctx, 3)
    assert 15 <= len(energy) <= 30
    assert on_land_share(ctx, energy) == 1.0


def test_unknown_synthetic_layer(ctx: LandContext) -> None:
    with pytest.raises(KeyError):
        generator.generate("nope", ctx)
