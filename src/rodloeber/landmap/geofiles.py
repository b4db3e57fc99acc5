"""Business areas as GeoPackage or zipped Shapefile (eksport til GIS), EPSG:25832 or 4326.

Written with GDAL through ``pyogrio.raw`` (no geopandas). The columns are the
export columns (``serialize.COLUMNS``); nulls stay null. Provenance is not a
data row: the GeoPackage carries it as the layer description and metadata,
the Shapefile zip as ``LAES_MIG.txt`` next to the layer, together with the
short field names (a DBF field name has at most 10 characters).
"""

from __future__ import annotations

import io
import math
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray

from rodloeber.domain.geo import EXCHANGE_CRS, INTERNAL_CRS
from rodloeber.landmap.geometry import to_lonlat
from rodloeber.landmap.models import BusinessArea
from rodloeber.landmap.serialize import COLUMNS, properties

__all__ = ["CRS_CHOICES", "LAYER_NAME", "SHAPEFILE_NAMES", "to_gpkg", "to_shapefile_zip"]

LAYER_NAME = "erhvervsarealer"
CRS_CHOICES = {"25832": INTERNAL_CRS, "4326": EXCHANGE_CRS}

#: DBF field names (at most 10 characters, unique) for the export columns.
SHAPEFILE_NAMES = {
    "id": "id",
    "planid": "planid",
    "plannavn": "plannavn",
    "komnr": "komnr",
    "kommune_name": "kommune",
    "region_code": "regionkode",
    "region_name": "region",
    "anvgen": "anvgen",
    "anvspec": "anvspec",
    "use_da": "anv_da",
    "use_en": "anv_en",
    "zone": "zone",
    "zone_da": "zone_da",
    "zone_en": "zone_en",
    "bebygpct": "bebygpct",
    "bebygpctaf": "bebygpctaf",
    "maxetager": "maxetager",
    "maxbygnhjd": "maxbygnhjd",
    "minmiljo": "minmiljo",
    "maxmiljo": "maxmiljo",
    "doklink": "doklink",
    "net_planned_ha": "netto_ha",
    "available_ha": "ledig_ha",
    "area_ha": "areal_ha",
    "status": "status",
    "status_da": "status_da",
    "status_en": "status_en",
    "price_dkk_per_m2": "pris_m2",
    "building_deadline_years": "byggefrist",
    "buy_back_clause": "tilbagekob",
    "connection_fees": "tilslutn",
    "contact_name": "kontakt",
    "contact_email": "email",
    "contact_phone": "telefon",
    "km_motorway": "km_motorv",
    "km_rail": "km_bane",
    "km_port": "km_havn",
    "km_substation_132": "km_st132",
    "km_substation_400": "km_st400",
    "in_industrial_park": "i_indpark",
    "industrial_park_name": "indpark",
    "centroid_lon": "lon",
    "centroid_lat": "lat",
    "source": "kilde",
    "source_updated": "kildedato",
    "synthetic": "syntetisk",
    "data_label": "datamaerke",
    "url": "url",
}


def _column(values: list[Any], *, bool_as_int: bool) -> tuple[NDArray[Any], NDArray[np.bool_]]:
    """One typed column and its null mask (ints, floats, booleans or text)."""
    present = [v for v in values if v is not None]
    mask = np.array([v is None for v in values], dtype=bool)
    if present and all(isinstance(v, bool) for v in present):
        if bool_as_int:
            return np.array([int(bool(v)) for v in values], dtype=np.int32), mask
        return np.array([bool(v) for v in values], dtype=bool), mask
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return np.array([v or 0 for v in values], dtype=np.int64), mask
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return np.array([math.nan if v is None else float(v) for v in values]), mask
    return np.array([None if v is None else str(v) for v in values], dtype=object), mask


def _geometries(areas: list[BusinessArea], crs: str) -> NDArray[np.object_]:
    geoms = np.empty(len(areas), dtype=object)
    geoms[:] = [shapely.from_wkb(bytes(a.geometry_wkb)) for a in areas]
    if crs == EXCHANGE_CRS:
        geoms[:] = [to_lonlat(g) for g in geoms]
    single = shapely.get_type_id(geoms) == 3
    geoms[single] = [shapely.MultiPolygon([g]) for g in geoms[single]]
    return geoms


def _write(
    areas: list[BusinessArea], path: Path, *, driver: str, crs: str, note: str, **options: Any
) -> None:
    import pyogrio.raw  # lazy: importing GDAL costs ~0.3 s

    shapefile = driver == "ESRI Shapefile"
    rows = [properties(a) for a in areas]
    data, masks = [], []
    for name in COLUMNS:
        arr, mask = _column([r[name] for r in rows], bool_as_int=shapefile)
        data.append(arr)
        masks.append(mask)
    names = [SHAPEFILE_NAMES[c] for c in COLUMNS] if shapefile else list(COLUMNS)
    pyogrio.raw.write(
        str(path),
        shapely.to_wkb(_geometries(areas, crs), output_dimension=2),
        data,
        names,
        field_mask=masks,
        layer=LAYER_NAME,
        driver=driver,
        geometry_type="MultiPolygon",
        crs=crs,
        encoding="UTF-8",
        **options,
    )


def to_gpkg(areas: list[BusinessArea], *, crs: str, note: str) -> bytes:
    """One GeoPackage layer ``erhvervsarealer``; ``note`` is its description."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{LAYER_NAME}.gpkg"
        _write(areas, path, driver="GPKG", crs=crs, note=note, DESCRIPTION=note)
        return path.read_bytes()


def to_shapefile_zip(areas: list[BusinessArea], *, crs: str, note: str) -> bytes:
    """A zip with ``erhvervsarealer.shp/.shx/.dbf/.prj/.cpg`` and ``LAES_MIG.txt``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{LAYER_NAME}.shp"
        _write(areas, path, driver="ESRI Shapefile", crs=crs, note=note)
        readme = [note, "", f"CRS: {crs}", "", "Felter / fields (shapefile: export column):"]
        readme += [f"{SHAPEFILE_NAMES[c]}: {c}" for c in COLUMNS]
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for part in sorted(Path(tmp).iterdir()):
                zf.write(part, part.name)
            zf.writestr("LAES_MIG.txt", "\n".join(readme) + "\n")
        return buf.getvalue()
