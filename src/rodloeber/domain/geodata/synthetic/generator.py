"""The synthetic layer registry (generatorens lagliste) and a stable output hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

import shapely

from rodloeber.domain.geodata.synthetic import economy, nature
from rodloeber.domain.geodata.synthetic.context import LandContext
from rodloeber.domain.geodata.table import FeatureTable

# Bump when the generator's output changes: stored layers are then rebuilt.
GENERATOR_VERSION = "1"
DEFAULT_SEED = 20251028

Builder = Callable[[LandContext, int], FeatureTable]

SYNTHETIC_LAYERS: dict[str, Builder] = {
    "section3_nature": nature.section3_nature,
    "natura2000_habitat": lambda ctx, seed: nature.natura2000(ctx, seed)[0],
    "natura2000_birds": lambda ctx, seed: nature.natura2000(ctx, seed)[1],
    "fredninger": nature.fredninger,
    "nature_national_parks": nature.nature_national_parks,
    "business_clusters": economy.business_clusters,
    "energy_parks": economy.energy_parks,
}


def generate(name: str, ctx: LandContext, seed: int = DEFAULT_SEED) -> FeatureTable:
    """Generate one synthetic layer; each layer has its own random stream per seed."""
    try:
        builder = SYNTHETIC_LAYERS[name]
    except KeyError:
        raise KeyError(f"No synthetic layer named {name!r}") from None
    return builder(ctx, seed)


def table_digest(table: FeatureTable) -> str:
    """SHA-256 over the WKB geometries and the attributes: equal output, equal digest."""
    h = hashlib.sha256()
    for wkb in shapely.to_wkb(table.geometries, hex=False, byte_order=1):
        h.update(wkb)
    h.update(json.dumps(table.columns, sort_keys=True, ensure_ascii=False, default=str).encode())
    return h.hexdigest()
