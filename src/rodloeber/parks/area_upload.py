"""The application area as a file (arealfil): GeoJSON, GeoPackage or zipped Shapefile.

Files are read with the shared, hardened ``rodloeber.layers.readers.read_any``
(content sniffing, zip slip / zip bomb / symlink checks, a missing ``.prj`` is
refused) and reprojected with ``rodloeber.domain.geodata.crs`` (any EPSG CRS,
typically EPSG:25832 or EPSG:4326). Then:

* only Polygon / MultiPolygon features are accepted (a point or line is refused
  with the feature's number);
* several features are **merged** into one area (a park is often delivered as
  one feature per cadastral parcel); parts that do not touch stay separate
  parts of a MultiPolygon and the planner is told how many there are, because
  § 13 asks for a "geografisk sammenhængende" area and the state judges that;
* an invalid geometry (self-intersection, a bow tie) is **refused** with the
  feature's number, the reason and where (longitude, latitude): a repair
  would change the area the municipality applies for without its say
  (issue #10: self-intersections get a clear 4xx, as in the land import);
* the area is returned as GeoJSON in EPSG:4326 (how applications are stored)
  after the park limits of :func:`rodloeber.parks.screening.check_read_area`
  (inside Denmark, a sane size for an industrial park), checked on the
  geometries already read and reprojected: the file is parsed and
  reprojected once per request.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, mapping
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from rodloeber.domain.geodata.crs import normalise_crs, to_internal
from rodloeber.domain.geodata.errors import GeodataError
from rodloeber.domain.screening import GeometryError, check_complexity, to_exchange
from rodloeber.layers.readers import read_any, sniff
from rodloeber.layers.safezip import ZipLimits
from rodloeber.parks.screening import check_read_area

#: Largest accepted area file (a zipped Shapefile or GeoPackage of one park is
#: far smaller; GeoPackages carry ~100 kB of empty tables).
MAX_AREA_FILE_BYTES = 10 * 1024 * 1024
#: At most this many features in one area file (parcels of one park).
MAX_FEATURES = 2_000
#: The extension decides the temporary file's name; the content must agree (read_any).
_SUFFIX = {"json": ".geojson", "gpkg": ".gpkg", "zip": ".zip"}
_ZIP_LIMITS = ZipLimits(max_entries=20, max_total_bytes=100 * 1024**2)
_GEOMETRY_TYPES = {
    "Polygon",
    "MultiPolygon",
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "GeometryCollection",
}


@dataclass(frozen=True)
class Note:
    """Something the planner should know about how the file was read."""

    da: str
    en: str

    def text(self, language: str) -> str:
        return self.en if language == "en" else self.da


@dataclass(frozen=True)
class AreaUpload:
    """A checked area: GeoJSON (EPSG:4326) and its size in EPSG:25832."""

    geometry: dict[str, Any]
    area_ha: float
    source_crs: str
    feature_count: int
    parts: int
    notes: tuple[Note, ...] = field(default=())


def _error(code: str, da: str, en: str) -> GeodataError:
    return GeodataError(code, da, en)


def read_area_file(content: bytes, filename: str = "") -> AreaUpload:
    """Read an uploaded area file (GeoJSON, GeoPackage, zipped Shapefile)."""
    if not content:
        raise _error("empty_file", "Filen er tom.", "The file is empty.")
    if len(content) > MAX_AREA_FILE_BYTES:
        mb = MAX_AREA_FILE_BYTES // (1024 * 1024)
        raise _error(
            "file_too_large",
            f"Filen er større end {mb} MB.",
            f"The file is larger than {mb} MB.",
        )
    kind = sniff(content[:512])
    if kind == "json":
        return read_area_text(content)
    suffix = _SUFFIX.get(kind)
    if suffix is None:
        raise _error(
            "format_unsupported",
            "Filen er hverken GeoJSON, GeoPackage eller en zippet Shapefile.",
            "The file is neither GeoJSON, GeoPackage nor a zipped Shapefile.",
        )
    named = Path(filename or "").suffix.lower()
    if named and named not in (".geojson", ".json", ".gpkg", ".zip"):
        raise _error(
            "format_unsupported",
            f"Filtypen '{named}' understøttes ikke (brug .geojson, .gpkg eller .zip).",
            f"The file type '{named}' is not supported (use .geojson, .gpkg or .zip).",
        )
    with tempfile.TemporaryDirectory(prefix="rl-area-") as tmp:
        path = Path(tmp) / f"area{named or suffix}"
        path.write_bytes(content)
        try:
            table = read_any(path, zip_limits=_ZIP_LIMITS)
        except GeodataError as exc:
            if exc.code in ("layer_required", "shapefile_count"):  # the CLI's "--layer" hint
                raise _error(
                    "several_layers",
                    "Filen indeholder flere lag eller Shapefiles. Gem området som ét lag "
                    "(én .shp i ZIP-filen) og upload igen.",
                    "The file holds several layers or Shapefiles. Save the area as one layer "
                    "(one .shp in the ZIP file) and upload again.",
                ) from exc
            raise
        return _area_from(list(table.geometries), table.crs)


def read_area_text(text: str | bytes) -> AreaUpload:
    """Pasted or drawn GeoJSON: a geometry, a Feature or a FeatureCollection."""
    try:
        doc = json.loads(text)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise _error(
            "invalid_json", "Teksten er ikke gyldig GeoJSON.", "The text is not valid GeoJSON."
        ) from exc
    if not isinstance(doc, dict):
        raise _error(
            "not_geojson",
            "GeoJSON skal være et objekt (geometri, Feature eller FeatureCollection).",
            "GeoJSON must be an object (a geometry, Feature or FeatureCollection).",
        )
    if doc.get("type") in _GEOMETRY_TYPES:
        doc = {"type": "Feature", "geometry": doc, "properties": {}, "crs": doc.get("crs")}
    with tempfile.TemporaryDirectory(prefix="rl-area-") as tmp:
        path = Path(tmp) / "area.geojson"
        path.write_text(json.dumps(doc), encoding="utf-8")
        table = read_any(path)
        return _area_from(list(table.geometries), table.crs)


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    parts = [
        g
        for g in getattr(geom, "geoms", [geom])
        if isinstance(g, Polygon | MultiPolygon) and not g.is_empty
    ]
    return shapely.union_all(parts) if parts else Polygon()


def _area_from(geoms: list[Any], crs: str | None) -> AreaUpload:
    source = normalise_crs(crs)
    present = [g for g in geoms if g is not None and not g.is_empty]
    if not present:
        raise _error(
            "no_features",
            "Filen indeholder ingen geometri.",
            "The file contains no geometry.",
        )
    if len(present) > MAX_FEATURES:
        raise _error(
            "too_many_features",
            f"Filen har {len(present)} objekter; højst {MAX_FEATURES}.",
            f"The file has {len(present)} features; at most {MAX_FEATURES}.",
        )
    for number, geom in enumerate(present, start=1):
        if geom.geom_type not in ("Polygon", "MultiPolygon"):
            raise _error(
                "not_polygon",
                f"Objekt {number} er en {geom.geom_type}; området skal være en flade "
                "(Polygon eller MultiPolygon).",
                f"Feature {number} is a {geom.geom_type}; the area must be a Polygon or "
                "MultiPolygon.",
            )
    try:  # parts and holes before any geometry work (issue #20)
        check_complexity(present)
    except GeometryError as exc:
        raise _error(exc.code, exc.message_da, exc.message_en) from exc
    notes: list[Note] = []
    flat = shapely.force_2d(np.asarray(present, dtype=object))
    internal = to_internal(flat, source)
    for number, geom in enumerate(internal, start=1):
        if not geom.is_valid:
            raise _invalid(number, geom)
    union = _polygonal(shapely.union_all(internal))  # valid, non-empty polygons: not empty
    parts = len(getattr(union, "geoms", [union]))
    if len(present) > 1:
        notes.append(
            Note(
                f"{len(present)} objekter i filen blev samlet til ét område.",
                f"{len(present)} features in the file were merged into one area.",
            )
        )
    if parts > 1:
        notes.append(
            Note(
                f"Området består af {parts} adskilte dele. § 13 forudsætter et geografisk "
                "sammenhængende område; staten vurderer det.",
                f"The area consists of {parts} separate parts. § 13 requires a geographically "
                "coherent area; the state assesses that.",
            )
        )
    exchange = to_exchange(union)
    if not exchange.is_valid:  # rare: projection of a near-degenerate ring
        exchange = _polygonal(shapely.make_valid(exchange))
    checked = check_read_area(union, exchange)  # park limits; no second parse or reprojection
    geometry = dict(mapping(exchange))
    geometry["coordinates"] = _lists(geometry["coordinates"])
    return AreaUpload(
        geometry=geometry,
        area_ha=round(checked.area_ha, 2),
        source_crs=source,
        feature_count=len(present),
        parts=parts,
        notes=tuple(notes),
    )


def _invalid(number: int, geom: BaseGeometry) -> GeodataError:
    """Why and where a feature is invalid, e.g. a self-intersection at 55.47 N 8.45 E."""
    reason = explain_validity(geom)  # "Self-intersection[x y]" in EPSG:25832
    kind, _, where = reason.partition("[")
    place_da = place_en = ""
    try:
        x, y = (float(v) for v in where.rstrip("]").split()[:2])
        lon, lat = to_exchange(Point(x, y)).coords[0]
        place_da = f" ved {lat:.5f} N, {lon:.5f} Ø".replace(".", ",")
        place_en = f" at {lat:.5f} N, {lon:.5f} E"
    except ValueError:
        pass
    self_crossing = "self-intersection" in kind.lower()
    return _error(
        "invalid_geometry",
        f"Objekt {number} er ugyldigt: "
        + ("kanterne krydser hinanden" if self_crossing else kind.strip())
        + f"{place_da}. Ret arealet i jeres GIS-program, eller tegn det igen på kortet.",
        f"Feature {number} is invalid: "
        + ("its edges cross each other" if self_crossing else kind.strip())
        + f"{place_en}. Correct the area in your GIS software, or draw it again on the map.",
    )


def _lists(coords: Any) -> Any:
    """Tuples → lists, positions rounded to 8 decimals (≈ 1 mm), as JSON stores them."""
    if isinstance(coords, tuple | list):
        if coords and isinstance(coords[0], float | int):
            return [round(float(c), 8) for c in coords[:2]]
        return [_lists(c) for c in coords]
    return coords
