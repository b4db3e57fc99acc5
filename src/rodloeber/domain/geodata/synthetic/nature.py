"""Synthetic nature layers (syntetiske naturlag) with the official field names.

- § 3 nature (beskyttede naturtyper, ``dai:bes_naturtyper``): ``Natyp_navn`` …
- Natura 2000 (``dai:habitat_omr``, ``dai:fugle_bes_omr``): ``Objektnavn``, ``Site_ident``
- fredninger (``dai:fredede_omr``): ``Fred_navn``, ``Reg_nr``
- naturnationalparker (Naturstyrelsen): ``Navn``
"""

from __future__ import annotations

import numpy as np
import shapely

from rodloeber.domain.geodata.synthetic.context import LandContext, rng_for
from rodloeber.domain.geodata.synthetic.shapes import (
    blobs,
    drop_overlaps,
    lognormal_area,
    on_land,
    radius_for_area,
    sample_on_coast,
    sample_on_land,
    spaced,
)
from rodloeber.domain.geodata.table import FeatureTable

# Natyp_navn, Natyp_kode, share of polygons, median ha, sigma, max ha, where
SECTION3_TYPES = (
    ("Sø", 3160, 0.30, 0.15, 1.0, 60.0, "land"),
    ("Mose", 7000, 0.22, 0.8, 1.1, 300.0, "land"),
    ("Eng", 6410, 0.22, 1.2, 1.0, 200.0, "land"),
    ("Overdrev", 6210, 0.10, 1.0, 1.0, 150.0, "land"),
    ("Strandeng", 1330, 0.08, 3.0, 1.1, 400.0, "coast"),
    ("Hede", 4030, 0.08, 5.0, 1.8, 2500.0, "west"),
)


def _clustered_centres(
    rng: np.random.Generator, ctx: LandContext, n: int, where: str
) -> tuple[np.ndarray, np.ndarray]:
    """Nature comes in clusters (river valleys, heath belts): parents plus offspring."""
    if where == "coast":
        x, y = sample_on_coast(rng, ctx, n)
        angle = rng.uniform(0, 2 * np.pi, n)
        dist = rng.uniform(150, 900, n)
        return x + dist * np.cos(angle), y + dist * np.sin(angle)
    parents = max(n // 25, 1)
    px, py = sample_on_land(rng, ctx, parents, west_bias=2.5 if where == "west" else 0.0)
    pick = rng.integers(0, parents, n)
    spread = rng.uniform(800, 3000, parents)[pick]
    return px[pick] + rng.normal(0, 1, n) * spread, py[pick] + rng.normal(0, 1, n) * spread


def section3_nature(ctx: LandContext, seed: int, target: int = 110_000) -> FeatureTable:
    """§ 3 protected nature types: ≥ 100,000 polygons from ponds to large heaths."""
    rng = rng_for(seed, "section3_nature")
    oversample = 1.5
    geoms, names, codes, centres = [], [], [], []
    for name, code, share, median, sigma, hi, where in SECTION3_TYPES:
        n = int(target * share * oversample)
        cx, cy = _clustered_centres(rng, ctx, n, where)
        area = lognormal_area(rng, n, median, sigma, 0.01, hi)
        k = np.clip((8 + 4 * np.log1p(area)).astype(np.int64), 8, 48)
        geoms.append(
            blobs(rng, cx, cy, radius_for_area(area), k, roughness=0.4, max_elongation=3.0)
        )
        centres.append(np.column_stack([cx, cy]))
        names.extend([name] * n)
        codes.extend([code] * n)
    all_geoms = np.concatenate(geoms)
    order = rng.permutation(len(all_geoms))  # interleave types so none is starved
    all_geoms = all_geoms[order]
    c = np.concatenate(centres)[order]
    keep = ctx.clear_of_towns(c[:, 0], c[:, 1], 600.0, 400.0)
    keep[keep] = on_land(ctx, all_geoms[keep], c[keep])
    keep = drop_overlaps(all_geoms, keep)
    idx = np.flatnonzero(keep)[:target]
    idx.sort()
    chosen = all_geoms[idx]
    nat_names = [names[i] for i in order[idx]]
    nat_codes = [codes[i] for i in order[idx]]
    area_ha = np.round(shapely.area(chosen) / 10_000.0, 4)
    return FeatureTable(
        geometries=chosen,
        columns={
            "Objekt_id": [f"S3-{i + 1:07d}" for i in range(len(idx))],
            "Temanavn": ["Beskyttede naturtyper"] * len(idx),
            "Natyp_kode": nat_codes,
            "Natyp_navn": nat_names,
            "Areal_ha": [float(a) for a in area_ha],
        },
    )


N2000_FEATURES = ("Hede og klitter", "Mose og skov", "Ådal", "Søer og enge", "Skove og overdrev")
N2000_MARINE = ("Havområde", "Fjord og strandenge", "Rev og lavvandede områder", "Bugt og kyst")


def natura2000(ctx: LandContext, seed: int, sites: int = 250) -> tuple[FeatureTable, FeatureTable]:
    """Natura 2000: ~``sites`` habitat sites (a third marine along coasts, a few large
    offshore ones) and bird protection areas on about 45 % of them."""
    rng = rng_for(seed, "natura2000")
    n = int(sites * 2.2)
    offshore = 10
    coastal = int(n * 0.38)
    land = n - coastal - offshore
    ox, oy = sample_on_coast(rng, ctx, offshore * 6)
    shift_angle = rng.uniform(0, 2 * np.pi, len(ox))
    ox, oy = ox + 35_000 * np.cos(shift_angle), oy + 35_000 * np.sin(shift_angle)
    at_sea = ~shapely.contains_xy(ctx.land, ox, oy)
    ox, oy = ox[at_sea][:offshore], oy[at_sea][:offshore]
    offshore = len(ox)
    sx, sy = sample_on_coast(rng, ctx, coastal)
    lx, ly = sample_on_land(rng, ctx, land * 3)
    clear = ctx.clear_of_towns(lx, ly, 3_000.0, 1_500.0)
    lx, ly = lx[clear][:land], ly[clear][:land]
    cx = np.concatenate([ox, sx, lx])
    cy = np.concatenate([oy, sy, ly])
    kind = np.array(["offshore"] * offshore + ["coastal"] * len(sx) + ["land"] * len(lx))
    radius = np.concatenate(
        [
            rng.uniform(12_000, 30_000, offshore),
            np.clip(rng.lognormal(np.log(3_500), 0.5, len(sx)), 1_200, 15_000),
            np.clip(rng.lognormal(np.log(1_200), 0.6, len(lx)), 300, 6_000),
        ]
    )
    k = np.where(kind == "offshore", 3000, np.where(kind == "coastal", 800, 120)).astype(np.int64)
    geoms = blobs(rng, cx, cy, radius, k, roughness=0.45, max_elongation=2.5)
    keep = drop_overlaps(geoms, np.ones(len(geoms), dtype=bool))
    idx = np.flatnonzero(keep)[:sites]
    habitat = geoms[idx]
    kinds = kind[idx]
    towns = ctx.nearest_town(cx[idx], cy[idx])
    names = []
    for i, (kd, town) in enumerate(zip(kinds, towns, strict=True)):
        pool = N2000_FEATURES if kd == "land" else N2000_MARINE
        names.append(f"{pool[i % len(pool)]} ved {town}")
    numbers = list(range(1, len(idx) + 1))
    hab = FeatureTable(
        geometries=habitat,
        columns={
            "Objekt_id": [f"H{i}" for i in numbers],
            "Temanavn": ["Habitatområder"] * len(idx),
            "Objektnavn": names,
            "Site_ident": [f"DK00{_letters(i)}{i:03d}" for i in numbers],
            "Natura2000_nr": numbers,
            "Marin": [bool(kd != "land") for kd in kinds],
            "Areal_ha": [round(float(a) / 10_000.0, 2) for a in shapely.area(habitat)],
        },
    )
    birds_mask = rng.random(len(idx)) < 0.45
    b_idx = np.flatnonzero(birds_mask)
    scale = rng.uniform(0.8, 1.25, len(b_idx))
    bc = shapely.get_coordinates(shapely.centroid(habitat[b_idx]))
    b_radius = np.sqrt(shapely.area(habitat[b_idx]) / np.pi) * scale
    b_geoms = blobs(rng, bc[:, 0], bc[:, 1], b_radius, k[idx][b_idx], roughness=0.4)
    bird = FeatureTable(
        geometries=b_geoms,
        columns={
            "Objekt_id": [f"F{i + 1}" for i in range(len(b_idx))],
            "Temanavn": ["Fuglebeskyttelsesområder"] * len(b_idx),
            "Objektnavn": [names[i] for i in b_idx],
            "Site_ident": [f"DK006X{i + 1:03d}" for i in range(len(b_idx))],
            "Natura2000_nr": [numbers[i] for i in b_idx],
            "Areal_ha": [round(float(a) / 10_000.0, 2) for a in shapely.area(b_geoms)],
        },
    )
    return hab, bird


def _letters(i: int) -> str:
    alphabet = "ABCDEFGHJKLMNPRSTUVXYZ"
    return alphabet[(i * 7) % len(alphabet)] + alphabet[(i * 3 + 5) % len(alphabet)]


FRED_KINDS = ("Bakker", "Mose", "Kirkens omgivelser", "Kyststrækning", "Ådal", "Skov og sø")


def fredninger(ctx: LandContext, seed: int, target: int = 1_600) -> FeatureTable:
    """Conservation orders (fredninger): 0.2-5,000 ha, on land, some close to towns."""
    rng = rng_for(seed, "fredninger")
    n = int(target * 1.6)
    cx, cy = sample_on_land(rng, ctx, n)
    area = lognormal_area(rng, n, 8.0, 1.6, 0.2, 5_000.0)
    k = np.clip((12 + 5 * np.log1p(area)).astype(np.int64), 12, 64)
    geoms = blobs(rng, cx, cy, radius_for_area(area), k, roughness=0.3)
    keep = ctx.clear_of_towns(cx, cy, 300.0, 200.0)
    keep[keep] = on_land(ctx, geoms[keep])
    keep = drop_overlaps(geoms, keep)
    idx = np.flatnonzero(keep)[:target]
    chosen = geoms[idx]
    towns = ctx.nearest_town(cx[idx], cy[idx])
    years = rng.integers(1917, 2024, len(idx))
    return FeatureTable(
        geometries=chosen,
        columns={
            "Objekt_id": [f"FR{i + 1}" for i in range(len(idx))],
            "Temanavn": ["Fredede områder"] * len(idx),
            "Reg_nr": [f"{(i * 37) % 9000 + 100:05d}.00" for i in range(len(idx))],
            "Fred_navn": [f"{t} {FRED_KINDS[i % len(FRED_KINDS)]}" for i, t in enumerate(towns)],
            "Fred_dato": [f"{int(y)}-{(i % 12) + 1:02d}-15" for i, y in enumerate(years)],
            "Areal_ha": [round(float(a) / 10_000.0, 2) for a in shapely.area(chosen)],
        },
    )


def nature_national_parks(ctx: LandContext, seed: int, target: int = 15) -> FeatureTable:
    """Naturnationalparker: 15 parks of about 1,000-4,000 ha on land, far from towns."""
    rng = rng_for(seed, "nature_national_parks")
    n = target * 20
    cx, cy = sample_on_land(rng, ctx, n, west_bias=1.0)
    area = np.clip(rng.lognormal(np.log(1_800), 0.35, n), 1_000, 4_000)
    geoms = blobs(rng, cx, cy, radius_for_area(area), 160, roughness=0.3)
    keep = ctx.clear_of_towns(cx, cy, 5_000.0, 1_000.0)
    keep[keep] = on_land(ctx, geoms[keep])
    keep = spaced(cx, cy, keep, 15_000.0)
    idx = np.flatnonzero(keep)[:target]
    chosen = geoms[idx]
    return FeatureTable(
        geometries=chosen,
        columns={
            "Navn": [f"Naturnationalpark {t}" for t in ctx.nearest_town(cx[idx], cy[idx])],
            "Status": ["Udpeget" if i % 3 else "Under etablering" for i in range(len(idx))],
            "Areal_ha": [round(float(a) / 10_000.0, 1) for a in shapely.area(chosen)],
        },
    )
