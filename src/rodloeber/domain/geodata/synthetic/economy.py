"""Synthetic business clusters (erhvervsklynger) and energy parks (energiparker, § 13 stk. 3)."""

from __future__ import annotations

import numpy as np
import shapely

from rodloeber.domain.geodata.synthetic.context import LandContext, rng_for
from rodloeber.domain.geodata.synthetic.shapes import (
    blobs,
    on_land,
    radius_for_area,
    sample_on_land,
    spaced,
)
from rodloeber.domain.geodata.table import FeatureTable

BRANCHES = (
    "Energi",
    "Fødevarer og bioressourcer",
    "Life science",
    "Robotteknologi og automation",
    "Maritim",
    "Digital teknologi",
    "Byggeri",
    "Materialer og kemi",
    "Miljøteknologi",
    "Transport og logistik",
)


def business_clusters(ctx: LandContext, seed: int, target: int = 45) -> FeatureTable:
    """Cluster hubs (points) in towns, weighted by population: most in the big cities."""
    rng = rng_for(seed, "business_clusters")
    if len(ctx.towns) == 0:
        raise ValueError("business clusters need towns")
    weight = ctx.town_pop**0.8
    pick = rng.choice(len(ctx.towns), size=target, p=weight / weight.sum())
    angle = rng.uniform(0, 2 * np.pi, target)
    dist = rng.uniform(200, 3_000, target)
    x = ctx.town_xy[pick, 0] + dist * np.cos(angle)
    y = ctx.town_xy[pick, 1] + dist * np.sin(angle)
    on = shapely.contains_xy(ctx.land, x, y)
    x = np.where(on, x, ctx.town_xy[pick, 0])
    y = np.where(on, y, ctx.town_xy[pick, 1])
    branch = [BRANCHES[int(b)] for b in rng.integers(0, len(BRANCHES), target)]
    home = [ctx.towns[int(p)].name for p in pick]
    return FeatureTable(
        geometries=shapely.points(np.column_stack([x, y]).round(1)),
        columns={
            "Klynge_navn": [
                f"{b}-klyngen {h.split(' (')[0]}" for b, h in zip(branch, home, strict=True)
            ],
            "Branche": branch,
            "Hjemsted": home,
            "Medlemmer": [int(m) for m in rng.integers(15, 400, target)],
        },
    )


def energy_parks(ctx: LandContext, seed: int, target: int = 24) -> FeatureTable:
    """State energy parks (energiparker): 200-2,500 ha of open land for sun and wind,
    in rural areas (mostly Jutland and Lolland-Falster), well away from towns."""
    rng = rng_for(seed, "energy_parks")
    n = target * 25
    cx, cy = sample_on_land(rng, ctx, n, west_bias=0.8)
    area = np.clip(rng.lognormal(np.log(600), 0.7, n), 200, 2_500)
    geoms = blobs(rng, cx, cy, radius_for_area(area), 40, roughness=0.25, max_elongation=3.0)
    keep = ctx.clear_of_towns(cx, cy, 4_000.0, 1_000.0)
    keep[keep] = on_land(ctx, geoms[keep])
    keep = spaced(cx, cy, keep, 8_000.0)
    idx = np.flatnonzero(keep)[:target]
    chosen = geoms[idx]
    tech = ("Sol", "Vind", "Sol og vind")
    towns = ctx.nearest_town(cx[idx], cy[idx])
    return FeatureTable(
        geometries=chosen,
        columns={
            "Navn": [f"Energipark {t}" for t in towns],
            "Teknologi": [tech[int(t)] for t in rng.integers(0, 3, len(idx))],
            "Status": ["Udpeget" if i % 4 else "Forslag" for i in range(len(idx))],
            "Areal_ha": [round(float(a) / 10_000.0, 1) for a in shapely.area(chosen)],
        },
    )
