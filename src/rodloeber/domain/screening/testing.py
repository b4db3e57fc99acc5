"""Hand-made layers for tests, benchmarks and demos (testdata).

Builds :class:`ReferenceLayer` objects from shapely geometries without the
``layers`` app, so the engine can be tested on its own. All layers made here
are labelled synthetic ("syntetiske demodata").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from shapely.geometry import Polygon, box
from shapely.geometry.base import BaseGeometry

from rodloeber.domain.geo import Provenance, ReferenceLayer

__all__ = ["ORIGIN", "make_layer", "provenance", "square"]

# A point in EPSG:25832 near Esbjerg (about 8.7 E, 55.5 N), on land in Denmark.
ORIGIN = (480_000.0, 6_150_000.0)


def provenance(name: str, synthetic: bool = True) -> Provenance:
    return Provenance(
        name=name,
        title_da=f"{name} (testlag)",
        title_en=f"{name} (test layer)",
        source="test fixture",
        version="test",
        licence="CC0",
        attribution="syntetiske demodata" if synthetic else "test",
        synthetic=synthetic,
    )


def make_layer(
    name: str,
    geometries: Sequence[BaseGeometry],
    attributes: Sequence[Mapping[str, object]] | None = None,
    synthetic: bool = True,
) -> ReferenceLayer:
    return ReferenceLayer(
        provenance=provenance(name, synthetic),
        geometries=tuple(geometries),
        attributes=tuple(attributes) if attributes is not None else (),
    )


def square(x: float, y: float, side: float, origin: tuple[float, float] = ORIGIN) -> Polygon:
    """An axis-parallel square with its lower-left corner at origin + (x, y) metres."""
    x0, y0 = origin[0] + x, origin[1] + y
    return box(x0, y0, x0 + side, y0 + side)
