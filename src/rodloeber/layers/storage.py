"""GeoPackage storage (lagring) of one layer per file, EPSG:25832, provenance embedded.

The file is self-describing: its layer metadata holds the provenance JSON,
so a copied ``.gpkg`` still says where its data came from.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import shapely

from rodloeber.domain.geo import INTERNAL_CRS
from rodloeber.domain.geodata.table import FeatureTable

PROVENANCE_KEY = "rodloeber_provenance"
logging.getLogger("pyogrio").setLevel(logging.WARNING)  # no "Created N records" chatter
_TYPE_NAMES = {
    0: "Point",
    1: "LineString",
    3: "Polygon",
    4: "MultiPoint",
    5: "MultiLineString",
    6: "MultiPolygon",
    7: "GeometryCollection",
}
_SINGLE_TO_MULTI = {
    "Polygon": "MultiPolygon",
    "LineString": "MultiLineString",
    "Point": "MultiPoint",
}


def geometry_type(geoms: npt.NDArray[np.object_]) -> tuple[str, bool]:
    """The GeoPackage geometry type and whether single parts must be promoted to multi."""
    names = {_TYPE_NAMES.get(int(k), "Unknown") for k in set(shapely.get_type_id(geoms).tolist())}
    if len(names) == 1:
        return names.pop(), False
    for single, multi in _SINGLE_TO_MULTI.items():
        if names == {single, multi}:
            return multi, True
    return "Unknown", False


def _column(values: list[object]) -> tuple[npt.NDArray[np.generic], npt.NDArray[np.bool_] | None]:
    present = [v for v in values if v is not None]
    mask = np.array([v is None for v in values], dtype=bool)
    has_null = bool(mask.any())
    if present and all(isinstance(v, bool | np.bool_) for v in present):
        arr: npt.NDArray[np.generic] = np.array(
            [bool(v) if v is not None else False for v in values]
        )
        return arr, mask if has_null else None
    if present and all(
        isinstance(v, int | np.integer) and not isinstance(v, bool) for v in present
    ):
        arr = np.array([int(v) if v is not None else 0 for v in values], dtype=np.int64)  # type: ignore[call-overload]
        return arr, mask if has_null else None
    if present and all(
        isinstance(v, int | float | np.number) and not isinstance(v, bool) for v in present
    ):
        arr = np.array([float(v) if v is not None else math.nan for v in values], dtype=np.float64)  # type: ignore[arg-type]
        return arr, None
    arr = np.array([None if v is None else str(v) for v in values], dtype=object)
    return arr, None


def write_gpkg(
    table: FeatureTable, path: Path, *, layer: str, provenance: dict[str, object]
) -> None:
    """Write ``table`` (EPSG:25832) as a single-layer GeoPackage at ``path`` (overwritten)."""
    if path.exists():
        path.unlink()
    gtype, promote = geometry_type(table.geometries)
    names = list(table.columns)
    data, masks = [], []
    for name in names:
        arr, mask = _column(list(table.columns[name]))
        data.append(arr)
        masks.append(mask)
    import pyogrio.raw  # lazy: importing GDAL costs ~0.3 s, skipped when nothing is built

    pyogrio.raw.write(
        str(path),
        shapely.to_wkb(table.geometries, output_dimension=2),
        data,
        names,
        field_mask=masks if any(m is not None for m in masks) else None,
        layer=layer,
        driver="GPKG",
        geometry_type=gtype,
        promote_to_multi=promote,
        crs=INTERNAL_CRS,
        encoding="UTF-8",
        layer_metadata={PROVENANCE_KEY: json.dumps(provenance, ensure_ascii=False)},
    )


def _values(arr: npt.NDArray[np.generic], declared: str) -> list[object]:
    if declared.startswith("int") and arr.dtype.kind == "f":
        return [None if math.isnan(v) else int(v) for v in arr.tolist()]
    if arr.dtype.kind == "f":
        return [None if math.isnan(v) else v for v in arr.tolist()]
    if arr.dtype.kind == "M":
        return [None if np.isnat(v) else str(v) for v in arr]
    values: list[object] = arr.tolist()
    return values


def read_table(path: Path, layer: str | None = None, **open_options: str) -> FeatureTable:
    """Read any OGR-readable vector file into a :class:`FeatureTable` (source CRS kept)."""
    import pyogrio.raw

    meta, _, wkb, field_data = pyogrio.raw.read(
        str(path), layer=layer, force_2d=True, **open_options
    )
    geoms = shapely.from_wkb(wkb) if wkb is not None else np.array([], dtype=object)
    columns: dict[str, Sequence[object]] = {
        str(name): _values(arr, str(dtype))
        for name, arr, dtype in zip(meta["fields"], field_data, meta["dtypes"], strict=True)
    }
    crs = meta.get("crs") or ""
    return FeatureTable(geometries=np.asarray(geoms, dtype=object), columns=columns, crs=str(crs))


def read_provenance(path: Path) -> dict[str, object]:
    import pyogrio

    info = pyogrio.read_info(str(path))
    raw = (info.get("layer_metadata") or {}).get(PROVENANCE_KEY, "{}")
    result: dict[str, object] = json.loads(raw)
    return result


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
