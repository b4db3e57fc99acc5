"""Synthetic demo business areas (syntetiske demodata), deterministic and fast.

About 2,000 areas near real towns (``towns`` layer, weighted by population)
and along motorways (``motorways`` layer), each wholly inside one kommune (an
area drawn at sea is redrawn), with realistic sizes (0.5-150 ha),
Plandata codes, vacancy, prices and contacts. Every record says
"syntetiske demodata" in its source and carries ``synthetic=True``.
``landmap_demo_load()`` is idempotent: a second call changes nothing.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import shapely
from django.db import transaction
from django.utils import timezone
from shapely import affinity
from shapely.geometry import Point, box
from shapely.geometry.base import BaseGeometry

from rodloeber.accounts.reference import municipalities
from rodloeber.audit.services import record_event
from rodloeber.landmap.geometry import geometry_fields
from rodloeber.landmap.infrastructure import infrastructure_index, layer_or_bundled
from rodloeber.landmap.models import BusinessArea
from rodloeber.landmap.tiles import reset_land_tiles

__all__ = ["DEMO_COUNT", "DEMO_SOURCE", "DemoResult", "generate_areas", "landmap_demo_load"]

DEMO_COUNT = 2000
DEMO_SEED = 2025
DEMO_SOURCE = "Syntetiske demodata (genereret, seed {seed}) – ikke en virkelig salgsliste"
REFERENCE_DATE = dt.date(2026, 11, 1)

# anvspec → (weight, miljøklasse range, typical heights in m)
_USES: dict[int, tuple[float, tuple[int, int], tuple[float, ...]]] = {
    3110: (0.10, (1, 3), (8.5, 12.0, 15.0)),
    3120: (0.30, (2, 4), (8.5, 10.0, 12.0, 15.0)),
    3130: (0.20, (3, 6), (12.0, 15.0, 20.0, 25.0)),
    3140: (0.08, (5, 7), (20.0, 25.0, 30.0, 40.0)),
    3150: (0.07, (3, 6), (15.0, 20.0, 30.0)),
    3160: (0.25, (2, 5), (10.0, 12.0, 15.0)),
}
_FEES = (
    "Tilslutningsbidrag til vand, spildevand og fjernvarme betales af køber",
    "Byggemodnet: vej, vand, kloak og el ført frem til grundgrænsen (indeholdt i prisen)",
    "Tilslutning til el og fjernvarme efter forsyningens takster; kloak indeholdt",
)
_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "-": "", ".": ""})
_DIRECTIONS = ("Nord", "Syd", "Øst", "Vest", "Nordøst", "Sydvest", "Erhvervspark", "Havn")


@dataclass(frozen=True)
class DemoResult:
    created: int
    existing: int


@dataclass(frozen=True)
class _SiteSource:
    """Where demo sites are drawn from: towns by population and motorways by length."""

    towns: list[BaseGeometry]
    town_names: list[str]
    pop: np.ndarray
    weights: np.ndarray
    lines: list[BaseGeometry]
    lengths: np.ndarray


def _site_source() -> _SiteSource:
    towns, town_rows = layer_or_bundled("towns")
    motorways, _rows = layer_or_bundled("motorways")
    pop = np.array([float(str(r.get("population") or 1000)) for r in town_rows])
    lines = [g for g in motorways if g is not None and not g.is_empty]
    return _SiteSource(
        towns=towns,
        town_names=[str(r.get("name") or "") for r in town_rows],
        pop=pop,
        weights=np.sqrt(pop) / np.sqrt(pop).sum(),
        lines=lines,
        lengths=np.array([g.length for g in lines]),
    )


def _sites(rng: np.random.Generator, n: int, src: _SiteSource) -> list[tuple[Point, str]]:
    sites: list[tuple[Point, str]] = []
    for _ in range(n):
        if rng.random() < 0.7 or not src.lines:
            t = int(rng.choice(len(src.towns), p=src.weights))
            centre, name = src.towns[t], src.town_names[t]
            radius = rng.uniform(1000, 3000 + 4000 * (src.pop[t] / src.pop.max()) ** 0.3)
        else:
            line = src.lines[int(rng.choice(len(src.lines), p=src.lengths / src.lengths.sum()))]
            centre = line.interpolate(rng.uniform(0, line.length))
            name, radius = "", rng.uniform(300, 3000)
        angle = rng.uniform(0, 2 * math.pi)
        c = centre.centroid
        sites.append((Point(c.x + radius * math.cos(angle), c.y + radius * math.sin(angle)), name))
    return sites


#: Rounds of redrawing the areas that fell outside every kommune (about 1 in 10
#: sites near the coast lies at sea, so a few rounds place them all).
MAX_ROUNDS = 50


def _placed(rng: np.random.Generator, n: int) -> list[tuple[BaseGeometry, str, str]]:
    """``n`` demo polygons, each wholly inside one kommune (on land by the DAGI
    outlines of the geography service): (geometry EPSG:25832, town, kommunekode).

    A polygon at sea or across a kommune border is redrawn, so every demo area
    has a municipality and can be screened (issue #18)."""
    kommuner = infrastructure_index().kommuner
    tree = shapely.STRtree([g for g, _code in kommuner])
    src = _site_source()
    placed: list[tuple[BaseGeometry, str, str]] = []
    for _ in range(MAX_ROUNDS):
        missing = n - len(placed)
        if missing == 0:
            break
        sites = _sites(rng, missing, src)
        sizes = np.clip(rng.lognormal(mean=1.8, sigma=1.0, size=missing), 0.5, 150.0)
        for (at, town), ha in zip(sites, sizes, strict=True):
            geom = shapely.make_valid(_polygon(rng, at, float(ha)))
            inside = tree.query(geom, predicate="within")
            if len(inside):
                placed.append((geom, town, kommuner[int(inside[0])][1]))
    if len(placed) < n:
        raise RuntimeError(f"demo: placed {len(placed)} of {n} areas inside a kommune")
    return placed


def _polygon(rng: np.random.Generator, at: Point, hectares: float) -> BaseGeometry:
    aspect = rng.uniform(1.0, 2.5)
    width = math.sqrt(hectares * 10_000 / aspect)
    shape = box(-width / 2, -width * aspect / 2, width / 2, width * aspect / 2)
    if rng.random() < 0.4:  # an L-shape: cut a corner
        cut = box(0, 0, width / 2, width * aspect / 2)
        shape = shape.difference(
            affinity.scale(cut, 0.6, 0.6, origin=(width / 2, width * aspect / 2))
        )
        shape = affinity.scale(shape, 1.05, 1.05)
    shape = affinity.rotate(shape, rng.uniform(0, 180), origin=(0, 0))
    return affinity.translate(shape, at.x, at.y)


def generate_areas(n: int = DEMO_COUNT, seed: int = DEMO_SEED) -> list[BusinessArea]:
    """``n`` unsaved synthetic areas, identical for the same ``seed``."""
    rng = np.random.default_rng(seed)
    placed = _placed(rng, n)
    located = infrastructure_index().compute([geom for geom, _town, _kom in placed])
    towns_by = {m.code: m for m in municipalities()}
    codes = list(_USES)
    use_p = np.array([_USES[c][0] for c in codes])
    source = DEMO_SOURCE.format(seed=seed)
    now = timezone.now()
    areas: list[BusinessArea] = []
    for i, ((geom, town, komnr), dist) in enumerate(zip(placed, located, strict=True)):
        muni = towns_by.get(komnr)
        use = codes[int(rng.choice(len(codes), p=use_p))]
        _w, (lo, hi), heights = _USES[use]
        minmiljo = int(rng.integers(lo, hi))
        status = str(rng.choice(["ledig", "reserveret", "solgt"], p=[0.65, 0.2, 0.15]))
        area_ha = geom.area / 10_000
        net = round(area_ha * rng.uniform(0.7, 0.95), 2)
        share = {"ledig": rng.uniform(0.2, 1.0), "reserveret": rng.uniform(0.1, 0.6)}.get(
            status, 0.0
        )
        height = float(rng.choice(heights))
        kname = muni.name if muni else komnr
        slug = (muni.name.split(" ")[0] if muni else komnr).lower().translate(_ASCII)
        values = dist.as_dict()
        values.pop("komnr"), values.pop("region_code")
        areas.append(
            BusinessArea(
                planid=f"DEMO-{komnr}-{i:05d}",
                plannr=f"{komnr}.E{i % 97 + 1}",
                plannavn=f"Erhvervsområde {town or kname.removesuffix(' Kommune')} "
                f"{_DIRECTIONS[i % len(_DIRECTIONS)]} (demo {i + 1})",
                komnr=komnr,
                kommune_name=kname,
                region_code=muni.region_code if muni else "",
                region_name=muni.region_name if muni else "",
                doklink="https://kort.plandata.dk/",
                anvgen=31,
                anvspec=use,
                zone=1 if rng.random() < 0.8 else 2,
                bebygpct=float(rng.choice([40, 50, 60, 70, 80])),
                bebygpctaf=int(rng.choice([1, 3])),
                maxetager=max(1, math.ceil(height / 5)),
                maxbygnhjd=height,
                minmiljo=minmiljo,
                maxmiljo=min(7, minmiljo + int(rng.integers(1, 3))),
                net_planned_ha=net,
                available_ha=round(net * share, 2),
                status=status,
                price_dkk_per_m2=Decimal(int(rng.integers(8, 90)) * 10),
                building_deadline_years=int(rng.choice([2, 3, 3, 5])),
                buy_back_clause=bool(rng.random() < 0.8),
                connection_fees=_FEES[int(rng.integers(0, len(_FEES)))],
                contact_name=f"Erhvervsservice, {kname} (syntetisk kontakt)",
                contact_email=f"erhvervsarealer@{slug}.example",
                contact_phone=f"+45 99 {i // 100 % 100:02d} {i % 100:02d} 00",
                source=source,
                source_updated=REFERENCE_DATE - dt.timedelta(days=int(rng.integers(0, 700))),
                synthetic=True,
                created_at=now,
                updated_at=now,
                **geometry_fields(geom),
                **values,
            )
        )
    return areas


@transaction.atomic
def landmap_demo_load(*, count: int = DEMO_COUNT, seed: int = DEMO_SEED) -> DemoResult:
    """Load the synthetic areas once (idempotent: present demo areas are kept as they are)."""
    existing = BusinessArea.objects.filter(synthetic=True, planid__startswith="DEMO-").count()
    if existing:
        return DemoResult(created=0, existing=existing)
    areas = generate_areas(count, seed)
    BusinessArea.objects.bulk_create(areas, batch_size=500)
    transaction.on_commit(reset_land_tiles)  # bulk_create sends no save signals
    record_event(
        action="land.demo_load",
        actor=None,
        subject_type="landmap.businessarea",
        after={"created": len(areas), "seed": seed, "synthetic": True},
    )
    return DemoResult(created=len(areas), existing=0)
