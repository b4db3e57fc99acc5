"""Readers for the accepted formats (filformater): GeoJSON, GeoPackage, GML 3.2, zipped SHP.

The format is decided by the file's *content* and must match its extension,
so a renamed executable or a JSON file called ``.gpkg`` is refused with a
clear message. Official WFS outputs (Danmarks Arealinformation, Plandata.dk,
Energinet) keep their field names unchanged.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape

from rodloeber.domain.geodata.crs import normalise_crs
from rodloeber.domain.geodata.errors import GeodataError
from rodloeber.domain.geodata.table import FeatureTable
from rodloeber.layers.safezip import ZipLimits, extract_shapefile
from rodloeber.layers.storage import read_table

EXTENSIONS = {
    ".geojson": "json",
    ".json": "json",
    ".gpkg": "gpkg",
    ".gml": "xml",
    ".xml": "xml",
    ".zip": "zip",
    ".shp": "shp",
}
_LABEL = {"json": "JSON", "gpkg": "GeoPackage", "xml": "GML/XML", "zip": "ZIP", "shp": "Shapefile"}
_EXECUTABLE_MAGIC = (
    b"\x7fELF",
    b"MZ",
    b"#!",
    b"\xca\xfe\xba\xbe",
    b"\xcf\xfa\xed\xfe",
    b"\xfe\xed\xfa",
)
SHP_MAGIC = b"\x00\x00\x27\x0a"
MAX_FILE_BYTES = 4 * 1024**3


def sniff(head: bytes) -> str:
    """The format of a file from its first bytes."""
    if head.startswith(b"SQLite format 3\x00"):
        return "gpkg"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if head.startswith(_EXECUTABLE_MAGIC):
        return "executable"
    if head.startswith(SHP_MAGIC):
        return "shp"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text[:1] in (b"{", b"["):
        return "json"
    if text[:1] == b"<":
        return "xml"
    return "unknown"


def detect_format(path: Path) -> str:
    """Check that content and extension agree; return the format."""
    expected = EXTENSIONS.get(path.suffix.lower())
    if expected is None:
        raise GeodataError(
            "format_unsupported",
            f"Filtypen '{path.suffix}' understøttes ikke (brug .geojson, .gpkg, .gml eller .zip).",
            f"The file type '{path.suffix}' is not supported (use .geojson, .gpkg, .gml or .zip).",
        )
    if path.stat().st_size > MAX_FILE_BYTES:
        raise GeodataError("file_too_large", "Filen er for stor.", "The file is too large.")
    with path.open("rb") as fh:
        found = sniff(fh.read(512))
    if found == "executable":
        raise GeodataError(
            "executable",
            "Filen er et program, ikke geodata. Den afvises.",
            "The file is an executable program, not geodata. It is refused.",
        )
    if found != expected:
        got = _LABEL.get(found, "ukendt/unknown")
        raise GeodataError(
            "content_mismatch",
            f"Filen hedder {path.suffix}, men indholdet er {got}. Tjek at det er den rigtige fil.",
            f"The file is named {path.suffix} but its content is {got}. "
            "Check it is the right file.",
        )
    if expected == "shp":
        raise GeodataError(
            "shapefile_not_zipped",
            "Upload Shapefiles som én ZIP-fil med .shp, .shx, .dbf og .prj.",
            "Upload Shapefiles as one ZIP file with .shp, .shx, .dbf and .prj.",
        )
    return expected


def read_any(
    path: Path,
    *,
    layer: str | None = None,
    zip_limits: ZipLimits | None = None,
    max_features: int | None = None,
) -> FeatureTable:
    """Read a supported file (CRS not yet changed; ``table.crs`` says which it is).

    ``max_features``: refuse a GeoJSON or GeoPackage with more features before
    building any geometry (GeoPackage: from its feature count, without reading rows).
    """
    fmt = detect_format(path)
    if fmt == "json":
        return read_geojson(path, max_features=max_features)
    if fmt == "zip":
        with tempfile.TemporaryDirectory(prefix="rl-shp-") as tmp:
            return _read_zipped_shapefile(path, Path(tmp), layer, zip_limits)
    if fmt == "xml":
        return _read_gml(path, layer)
    return _read_ogr(path, layer, "GeoPackage", max_features=max_features)


def _invalid_geometry(index: int, exc: Exception) -> GeodataError:
    return GeodataError(
        "invalid_geometry",
        f"Objekt {index} har en ugyldig geometri: {exc}",
        f"Feature {index} has an invalid geometry: {exc}",
    )


def _plain(value: object) -> object:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def too_many_features(limit: int) -> GeodataError:
    return GeodataError(
        "too_many_rows",
        f"Filen har mere end {limit} objekter; højst {limit} pr. import.",
        f"The file has more than {limit} features; at most {limit} per import.",
    )


def read_geojson(path: Path, *, max_features: int | None = None) -> FeatureTable:
    """GeoJSON (RFC 7946) and GeoServer's WFS ``application/json`` (with a ``crs`` member)."""
    try:
        with path.open("rb") as fh:
            doc = json.load(fh)
    except RecursionError as exc:
        raise GeodataError(
            "invalid_json",
            "Filen er for dybt indlejret til at være GeoJSON.",
            "The file is nested too deeply to be GeoJSON.",
        ) from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = (
            f" (linje {exc.lineno}, kolonne {exc.colno})"
            if isinstance(exc, json.JSONDecodeError)
            else ""
        )
        where_en = where.replace("linje", "line").replace("kolonne", "column")
        raise GeodataError(
            "invalid_json",
            f"Filen er ikke gyldig JSON{where}.",
            f"The file is not valid JSON{where_en}.",
        ) from exc
    if not isinstance(doc, dict) or doc.get("type") not in {"FeatureCollection", "Feature"}:
        raise GeodataError(
            "not_geojson",
            "Filen er JSON, men ikke en GeoJSON FeatureCollection eller Feature.",
            "The file is JSON but not a GeoJSON FeatureCollection or Feature.",
        )
    features = doc.get("features") if doc["type"] == "FeatureCollection" else [doc]
    if not isinstance(features, list):
        raise GeodataError(
            "not_geojson", "'features' skal være en liste.", "'features' must be a list."
        )
    if max_features is not None and len(features) > max_features:
        raise too_many_features(max_features)
    crs_member = doc.get("crs")
    crs_name = None
    if isinstance(crs_member, dict):
        crs_name = (crs_member.get("properties") or {}).get("name")
    return features_table(features, crs_name)


def features_table(features: Sequence[object], crs_name: str | None = None) -> FeatureTable:
    """A :class:`FeatureTable` of GeoJSON features (already parsed), checked as in a file."""
    crs = normalise_crs(crs_name)
    geoms = np.empty(len(features), dtype=object)
    rows: list[dict[str, object]] = []
    for i, feature in enumerate(features):
        if not isinstance(feature, dict):
            raise _invalid_geometry(i, ValueError("not an object"))
        geometry = feature.get("geometry")
        try:
            _check_rings_closed(geometry)
            geoms[i] = shape(geometry) if geometry else None
        except Exception as exc:  # shapely raises several types for malformed input
            raise _invalid_geometry(i, exc) from exc
        props = feature.get("properties") or {}
        rows.append(
            {str(k): _plain(v) for k, v in props.items()} if isinstance(props, dict) else {}
        )
    names: list[str] = []
    for row in rows:
        names.extend(k for k in row if k not in names)
    table = FeatureTable(
        geometries=geoms, columns={n: [r.get(n) for r in rows] for n in names}, crs=crs
    )
    if crs_name and "EPSG::4326" in str(crs_name) and len(table):
        _fix_latlon_order(table)
    return table


def _check_rings_closed(geometry: object) -> None:
    """RFC 7946 3.1.6: a ring's last position equals its first (shapely would close it silently)."""
    if not isinstance(geometry, dict):
        return
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    polygons = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    for polygon in polygons if isinstance(polygons, list) else []:
        for ring in polygon if isinstance(polygon, list) else []:
            if isinstance(ring, list) and len(ring) >= 2 and ring[0] != ring[-1]:
                raise ValueError("a polygon ring is not closed (first and last point differ)")


def _fix_latlon_order(table: FeatureTable) -> None:
    """GeoServer writes ``urn:ogc:def:crs:EPSG::4326`` GeoJSON in lat/lon order; swap it back."""
    present = table.geometries[~shapely.is_missing(table.geometries)]
    if len(present) == 0:
        return
    xmin, ymin, xmax, ymax = shapely.total_bounds(present)
    if 53.0 <= xmin <= xmax <= 59.0 and 2.0 <= ymin <= ymax <= 16.0:
        table.geometries = shapely.transform(table.geometries, lambda c: c[:, ::-1])


def _read_ogr(
    path: Path, layer: str | None, label: str, max_features: int | None = None, **options: str
) -> FeatureTable:
    import pyogrio

    try:
        layers = [str(row[0]) for row in pyogrio.list_layers(str(path))]
    except Exception as exc:  # GDAL's errors are many; the message is what matters
        raise GeodataError(
            "unreadable",
            f"{label}-filen kan ikke læses: {exc}",
            f"The {label} file cannot be read: {exc}",
        ) from exc
    if layer is None and len(layers) > 1:
        raise GeodataError(
            "layer_required",
            f"Filen har flere lag ({', '.join(layers[:10])}); vælg et med --layer.",
            f"The file has several layers ({', '.join(layers[:10])}); choose one with --layer.",
        )
    if layer is not None and layer not in layers:
        short = layer.split(":")[-1]  # a WFS type name 'dai:bes_naturtyper' → 'bes_naturtyper'
        if short not in layers:
            raise GeodataError(
                "layer_missing",
                f"Laget '{layer}' findes ikke i filen (fundet: {', '.join(layers[:10])}).",
                f"The layer '{layer}' is not in the file (found: {', '.join(layers[:10])}).",
            )
        layer = short
    if max_features is not None:
        try:
            count = int(pyogrio.read_info(str(path), layer=layer).get("features") or 0)
        except Exception:  # unreadable: read_table below says so with GDAL's message
            count = 0
        if count > max_features:
            raise too_many_features(max_features)
    try:
        table = read_table(path, layer=layer, **options)
    except Exception as exc:
        raise GeodataError(
            "unreadable",
            f"{label}-filen kan ikke læses: {exc}",
            f"The {label} file cannot be read: {exc}",
        ) from exc
    if not table.crs:
        raise GeodataError(
            "crs_missing",
            f"{label}-filen angiver ikke sit koordinatsystem.",
            f"The {label} file does not state its coordinate reference system.",
        )
    table.crs = normalise_crs(table.crs)
    return table


def _read_gml(path: Path, layer: str | None) -> FeatureTable:
    """GML 3.2 (WFS 2.0 GetFeature). DTDs/entities are refused; no schema is downloaded."""
    import pyogrio

    with path.open("rb") as fh:
        head = fh.read(65536)
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise GeodataError(
            "xml_entities",
            "GML-filen indeholder DOCTYPE/ENTITY-erklæringer; de tillades ikke.",
            "The GML file contains DOCTYPE/ENTITY declarations; they are not allowed.",
        )
    if b"ExceptionReport" in head[:2048]:
        raise GeodataError(
            "wfs_exception",
            "Filen er en fejlmeddelelse fra WFS-tjenesten, ikke data.",
            "The file is an error report from the WFS service, not data.",
        )
    pyogrio.set_gdal_config_options(
        {"GML_DOWNLOAD_WFS_SCHEMA": "NO", "GML_SKIP_RESOLVE_ELEMS": "ALL"}
    )
    # GDAL may write a .gfs schema beside the file and would read stray .xsd/.gfs files:
    # read a private copy in a temporary folder instead.
    with tempfile.TemporaryDirectory(prefix="rl-gml-") as tmp:
        copy = Path(tmp) / "features.gml"
        shutil.copyfile(path, copy)
        return _read_ogr(copy, layer, "GML", WRITE_GFS="NO")


def _read_zipped_shapefile(
    path: Path, tmp: Path, layer: str | None, zip_limits: ZipLimits | None
) -> FeatureTable:
    files = extract_shapefile(path, tmp, zip_limits)
    shps = [f for f in files if f.suffix.lower() == ".shp"]
    if layer is not None and len(shps) > 1:
        shps = [f for f in shps if f.stem in {layer, layer.split(":")[-1]}]
    if len(shps) != 1:
        found = ", ".join(f.name for f in shps) or "ingen/none"
        raise GeodataError(
            "shapefile_count",
            f"ZIP-filen skal indeholde præcis én .shp (eller vælg med --layer); fundet: {found}.",
            f"The ZIP file must contain exactly one .shp (or choose with --layer); found: {found}.",
        )
    shp = shps[0]
    with shp.open("rb") as fh:
        if sniff(fh.read(512)) != "shp":
            raise GeodataError(
                "not_shapefile",
                f"'{shp.name}' er ikke en Shapefile (forkert indhold, muligvis et program).",
                f"'{shp.name}' is not a Shapefile (wrong content, possibly an executable).",
            )
    for needed in (".shx", ".dbf", ".prj"):
        if not any(f.suffix.lower() == needed and f.stem == shp.stem for f in files):
            if needed == ".prj":
                raise GeodataError(
                    "prj_missing",
                    f"'{shp.stem}.prj' mangler, så koordinatsystemet er ukendt. Læg .prj-filen i "
                    "ZIP-filen.",
                    f"'{shp.stem}.prj' is missing, so the coordinate reference system is unknown. "
                    "Add the .prj file to the ZIP file.",
                )
            raise GeodataError(
                "shapefile_incomplete",
                f"'{shp.stem}{needed}' mangler i ZIP-filen.",
                f"'{shp.stem}{needed}' is missing from the ZIP file.",
            )
    return _read_ogr(shp, None, "Shapefile")
