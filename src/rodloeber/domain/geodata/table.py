"""A feature table (featuretabel): geometries with column-wise attributes and a CRS."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt


@dataclass
class FeatureTable:
    """Geometries (a numpy object array of shapely geometries) and attribute columns.

    Columns are kept column-wise (one list per field, index-aligned with the
    geometries) because that is what GeoPackage I/O and the vectorised
    checks want; :meth:`rows` turns them into one dict per feature.
    """

    geometries: npt.NDArray[np.object_]
    columns: dict[str, Sequence[object]] = field(default_factory=dict)
    crs: str = "EPSG:25832"

    def __post_init__(self) -> None:
        n = len(self.geometries)
        for name, values in self.columns.items():
            if len(values) != n:
                raise ValueError(f"Column {name!r} has {len(values)} values for {n} geometries.")

    def __len__(self) -> int:
        return len(self.geometries)

    def take(self, index: npt.NDArray[np.intp]) -> FeatureTable:
        """The features at ``index`` (in that order)."""
        idx = [int(i) for i in index]
        return FeatureTable(
            geometries=self.geometries[index],
            columns={k: [v[i] for i in idx] for k, v in self.columns.items()},
            crs=self.crs,
        )

    def rows(self) -> list[dict[str, object]]:
        names = list(self.columns)
        cols = [self.columns[n] for n in names]
        return (
            [dict(zip(names, values, strict=True)) for values in zip(*cols, strict=True)]
            if (names)
            else [{} for _ in range(len(self))]
        )
