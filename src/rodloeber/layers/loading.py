"""Read access to reference layers (indlæsning) for screening, tiles and reports.

``get_layer(name)`` returns a :class:`~rodloeber.domain.geo.ReferenceLayer`
(EPSG:25832 shapely geometries, attribute dicts, provenance) read from the
layer's GeoPackage. Results are cached per process and keyed by the file's
modification time and size, so a re-imported layer is picked up without a
restart. The provenance comes from the file itself, so this needs no
database query.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rodloeber.domain.geo import Provenance, ReferenceLayer
from rodloeber.layers.errors import layer_not_found
from rodloeber.layers.models import Layer
from rodloeber.layers.paths import layer_path
from rodloeber.layers.storage import read_provenance, read_table

__all__ = ["clear_cache", "get_layer", "layer_path", "list_layers"]


def _provenance(name: str, raw: dict[str, object]) -> Provenance:
    def text(key: str) -> str:
        value = raw.get(key)
        return "" if value is None else str(value)

    return Provenance(
        name=name,
        title_da=text("title_da") or name,
        title_en=text("title_en") or name,
        source=text("source"),
        version=text("version"),
        licence=text("licence"),
        attribution=text("attribution"),
        synthetic=bool(raw.get("synthetic", False)),
        accuracy_note=text("accuracy_note"),
    )


@lru_cache(maxsize=32)
def _load(path: str, name: str, mtime_ns: int, size: int) -> ReferenceLayer:
    table = read_table(Path(path))
    provenance = _provenance(name, read_provenance(Path(path)))
    return ReferenceLayer(
        provenance=provenance,
        geometries=tuple(table.geometries),
        attributes=tuple(table.rows()),
    )


def get_layer(name: str) -> ReferenceLayer:
    """The stored layer ``name``; raises ``LayerError('layer_not_found')`` if absent."""
    path = layer_path(name)
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise layer_not_found(name) from None
    return _load(str(path), name, stat.st_mtime_ns, stat.st_size)


def list_layers() -> list[Provenance]:
    """Provenance of every registered layer, by name (from the registry table)."""
    return [layer.provenance() for layer in Layer.objects.order_by("name")]


def clear_cache() -> None:
    """Forget cached layers (tests; after bulk changes)."""
    _load.cache_clear()
