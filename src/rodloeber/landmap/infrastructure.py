"""Infrastructure for distance computation (infrastruktur til afstandsberegning).

Kommune outlines (for each area's kommunenummer) come from the one geography
service (``rodloeber.layers.geography``). The other layers are read through
``rodloeber.layers.loading.get_layer``;
when a layer has not been built yet (``make run`` loads demo data before
``layers bootstrap``) the bundled open-data copy in ``layers/data`` is read
instead, so distances are never silently missing on a fresh install.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

import numpy as np
from shapely.geometry.base import BaseGeometry

from rodloeber.domain.geo import ReferenceLayer
from rodloeber.domain.geodata.crs import to_internal
from rodloeber.domain.geodata.table import FeatureTable
from rodloeber.domain.landdistance import InfrastructureIndex
from rodloeber.layers import bundled
from rodloeber.layers.geography import geography, municipality_outline
from rodloeber.layers.loading import get_layer
from rodloeber.layers.screening_service import unavailable_errors

__all__ = ["infrastructure_index", "layer_or_bundled", "reset_infrastructure"]

logger = logging.getLogger(__name__)

Row = dict[str, object]
_lock = threading.Lock()
_index: InfrastructureIndex | None = None


def _bundled(name: str) -> FeatureTable:
    builders: dict[str, Callable[[], FeatureTable]] = {
        "grid_substations": bundled.grid_substations,
        "towns": bundled.towns,
        "industrial_parks_2025": bundled.industrial_parks_2025,
    }
    if name in builders:
        return builders[name]()
    return bundled.geojson(f"{name}.geojson")


def layer_or_bundled(name: str) -> tuple[list[BaseGeometry], list[Row]]:
    """Geometries (EPSG:25832) and attribute rows of a reference layer."""
    try:
        layer: ReferenceLayer = get_layer(name)
        rows = [dict(r) for r in layer.attributes] or [{} for _ in layer.geometries]
        return list(layer.geometries), rows
    except unavailable_errors():
        logger.info("landmap: layer %s not built; using the bundled copy", name)
    table = _bundled(name)
    geoms = to_internal(np.asarray(table.geometries, dtype=object), table.crs)
    return list(geoms), table.rows()


def _pairs(name: str, key: str) -> list[tuple[BaseGeometry, str]]:
    try:
        geoms, rows = layer_or_bundled(name)
    except (OSError, ValueError) as exc:  # no bundled copy either: distances stay unknown
        logger.warning("landmap: no %s layer: %s", name, exc)
        return []
    return [(g, str(r.get(key) or "")) for g, r in zip(geoms, rows, strict=True)]


def _geoms(name: str) -> Sequence[BaseGeometry]:
    return [g for g, _ in _pairs(name, "name")]


def build_infrastructure() -> InfrastructureIndex:
    subs = _pairs("grid_substations", "voltage_kv")
    parks = _pairs("industrial_parks_2025", "municipality")
    return InfrastructureIndex(
        motorways=_geoms("motorways"),
        railways=_geoms("railways"),
        ports=_geoms("ports"),
        substations=[(g, float(kv) if kv else None) for g, kv in subs],
        parks=[(g, f"Industripark {name}".strip()) for g, name in parks],
        kommuner=_kommuner(),
    )


def _kommuner() -> list[tuple[BaseGeometry, str]]:
    """Kommune outlines (EPSG:25832) and codes from the one geography service."""
    return [(municipality_outline(m.code), m.code) for m in geography().municipalities]


def infrastructure_index() -> InfrastructureIndex:
    """One index per process, built on first use."""
    global _index
    with _lock:
        if _index is None:
            _index = build_infrastructure()
        return _index


def reset_infrastructure(index: InfrastructureIndex | None = None) -> None:
    """Forget (or replace, in tests) the per-process index."""
    global _index
    with _lock:
        _index = index
