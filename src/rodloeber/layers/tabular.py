"""Streaming readers for attribute tables (CSV, XLSX) with row and size caps.

Issue #20: a 290 KB XLSX with 2 million rows (98 MB of sheet XML once
inflated) kept the land import busy for minutes, because every row was read
into memory before the row limit was checked. These readers

- refuse an XLSX whose entries would inflate to more than
  ``max_uncompressed_bytes`` *before* parsing it (the sizes in the ZIP
  directory; Python's ``zipfile`` never inflates more than an entry declares),
- count the first sheet's rows while inflating it in 64 KB chunks and stop
  at ``max_rows + 1`` (openpyxl itself parses a whole sheet without a
  ``<dimension>`` element when it opens it), then read rows one at a time,
  again at most ``max_rows + 1`` physical rows (blank rows count).

Every refusal is a :class:`GeodataError` with a Danish and an English message.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from defusedxml import ElementTree  # no entity expansion (XML bombs)

from rodloeber.domain.cpu_budget import checkpoint
from rodloeber.domain.geodata.errors import GeodataError

__all__ = ["RowLimits", "read_csv_rows", "read_xlsx_rows", "too_many_rows"]


@dataclass(frozen=True)
class RowLimits:
    """Upper bounds for one tabular file (grænser for regneark og CSV)."""

    max_rows: int = 20_000
    max_uncompressed_bytes: int = 64 * 1024 * 1024


def too_many_rows(limit: int) -> GeodataError:
    return GeodataError(
        "too_many_rows",
        f"Filen har mere end {limit} rækker; højst {limit} pr. import.",
        f"The file has more than {limit} rows; at most {limit} per import.",
    )


def _unreadable(kind: str) -> GeodataError:
    return GeodataError(
        "unreadable",
        f"Filen kan ikke læses som {kind}. Brug skabelonen (UTF-8) fra kortet.",
        f"The file cannot be read as {kind}. Use the template (UTF-8) from the map.",
    )


def _capped(rows: Iterable[Any], limit: int) -> list[Any]:
    taken = []
    for row in itertools.islice(rows, limit + 1):
        checkpoint("reading rows")
        taken.append(row)
    if len(taken) > limit:
        raise too_many_rows(limit)
    return taken


def read_csv_rows(path: Path, limits: RowLimits | None = None) -> list[dict[str, Any]]:
    """Rows of a UTF-8 CSV (``;`` or ``,``), header first; at most ``max_rows``."""
    limits = limits or RowLimits()
    try:
        text = path.read_bytes().decode("utf-8-sig")  # the caller caps the file size
    except UnicodeDecodeError as exc:
        raise _unreadable("UTF-8-tekst (CSV) / UTF-8 text (CSV)") from exc
    if "\x00" in text:
        raise _unreadable("CSV")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    try:
        return _capped(reader, limits.max_rows)
    except csv.Error as exc:
        raise _unreadable("CSV") from exc


def check_inflated_size(path: Path, limit: int) -> None:
    """Refuse a ZIP container (XLSX) that would inflate beyond ``limit`` bytes."""
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _unreadable("XLSX") from exc
    if total > limit:
        mb = limit // (1024 * 1024)
        raise GeodataError(
            "uncompressed_too_large",
            f"Regnearket fylder {total // (1024 * 1024)} MB udpakket; højst {mb} MB.",
            f"The spreadsheet is {total // (1024 * 1024)} MB uncompressed; at most {mb} MB.",
        )


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _first_sheet(zf: zipfile.ZipFile) -> str:
    """The ZIP path of the workbook's first sheet (the one openpyxl reads as ``worksheets[0]``)."""
    book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    sheet = book.find(f"{_NS_MAIN}sheets/{_NS_MAIN}sheet")
    rid = sheet.get(f"{_NS_REL}id") if sheet is not None else None
    rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{_NS_PKG}Relationship"):
        if rel.get("Id") == rid:
            target = str(rel.get("Target", ""))
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    raise KeyError("first sheet")


def count_sheet_rows(path: Path, limit: int) -> int:
    """Count ``<row>`` elements of the first sheet, inflating in chunks; stop past ``limit``.

    openpyxl parses a whole sheet that lacks a ``<dimension>`` element when it
    opens the workbook, so the count must come first.
    """
    count = 0
    tail = b""
    with zipfile.ZipFile(path) as zf, zf.open(_first_sheet(zf)) as sheet:
        while count <= limit:
            checkpoint("counting rows")
            chunk = sheet.read(1 << 16)
            if not chunk:
                break
            data = tail + chunk
            count += len(_ROW_TAG.findall(data))
            tail = data[-16:]
            count -= len(_ROW_TAG.findall(tail))  # counted again with the next chunk
    return count


def _xlsx_values(path: Path) -> Iterator[tuple[Any, ...]]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        yield from wb.worksheets[0].iter_rows(values_only=True)
    finally:
        wb.close()


def read_xlsx_rows(path: Path, limits: RowLimits | None = None) -> list[dict[str, Any]]:
    """Rows of the first sheet (header row first; blank rows skipped), streamed and capped."""
    limits = limits or RowLimits()
    check_inflated_size(path, limits.max_uncompressed_bytes)
    try:
        # header + max_rows data rows; one more physical row means too many
        if count_sheet_rows(path, limits.max_rows + 1) > limits.max_rows + 1:
            raise too_many_rows(limits.max_rows)
        values = _capped(_xlsx_values(path), limits.max_rows + 1)
    except GeodataError:
        raise
    except Exception as exc:  # openpyxl raises many types for broken workbooks
        raise _unreadable("XLSX") from exc
    head = [str(h).strip() if h is not None else "" for h in (values[0] if values else ())]
    return [dict(zip(head, v, strict=False)) for v in values[1:] if any(c is not None for c in v)]
