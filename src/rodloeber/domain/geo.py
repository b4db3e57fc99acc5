"""Shared geodata value types (framework-free).

A reference layer (referencelag) is a set of geometries in EPSG:25832
(ETRS89 / UTM 32N, the Danish standard) with their attributes and the
layer's provenance. Storage (GeoPackage files, the registry table) lives in
the ``layers`` app; rules (screening, land search) only see these types.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from shapely.geometry.base import BaseGeometry

INTERNAL_CRS = "EPSG:25832"
EXCHANGE_CRS = "EPSG:4326"


@dataclass(frozen=True)
class Provenance:
    """Where a layer comes from, shown on every map and report that uses it."""

    name: str
    title_da: str
    title_en: str
    source: str
    version: str
    licence: str
    attribution: str
    synthetic: bool
    accuracy_note: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "source": self.source,
            "version": self.version,
            "synthetic": self.synthetic,
            "licence": self.licence,
            "attribution": self.attribution,
            "title_da": self.title_da,
            "title_en": self.title_en,
            "accuracy_note": self.accuracy_note,
        }


@dataclass(frozen=True)
class ReferenceLayer:
    """Geometries (EPSG:25832) with attributes, index-aligned, and provenance."""

    provenance: Provenance
    geometries: Sequence[BaseGeometry]
    attributes: Sequence[Mapping[str, object]] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.attributes and len(self.attributes) != len(self.geometries):
            raise ValueError(
                f"Layer {self.provenance.name}: {len(self.geometries)} geometries but "
                f"{len(self.attributes)} attribute rows."
            )

    @property
    def name(self) -> str:
        return self.provenance.name

    def __len__(self) -> int:
        return len(self.geometries)
