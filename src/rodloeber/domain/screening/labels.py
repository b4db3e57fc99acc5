"""Names and codes of reference objects (navne og koder fra lagenes attributter)."""

from __future__ import annotations

from collections.abc import Iterable

from rodloeber.domain.geo import ReferenceLayer
from rodloeber.domain.screening.criteria import NAME_KEYS

__all__ = ["attr", "label_of"]


def attr(layer: ReferenceLayer, i: int, keys: Iterable[str]) -> object | None:
    """The first non-empty attribute of object ``i`` among ``keys``."""
    if not layer.attributes:
        return None
    row = layer.attributes[i]
    for key in keys:
        value = row.get(key)
        if value not in (None, ""):
            return value
    return None


def label_of(layer: ReferenceLayer, i: int, keys: tuple[str, ...] = ()) -> str:
    """A human name for object ``i`` of ``layer`` (its name attribute, or layer #n)."""
    value = attr(layer, i, (*keys, *NAME_KEYS))
    return str(value) if value is not None else f"{layer.name} #{i + 1}"
