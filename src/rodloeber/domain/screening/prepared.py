"""Prepared screening indexes on disk (forberedte screeningsindeks), ADR 0030.

Building a :class:`~rodloeber.domain.screening.index.LayerIndex` from a layer
file costs seconds for the national § 3 layer (reading 110,000 features,
subdividing them, testing whether objects overlap). The layer build writes
the result once, next to the layer, so a new process only maps the arrays
and builds its STRtree (milliseconds):

``<dir>/manifest.json``
    format, layer name, subdivision size, the source file's size, mtime and
    SHA-256, the layer's provenance, counts, the self-overlap flag, and the
    size and SHA-256 of every array file below (written last).
``parts_wkb.npy`` + ``parts_offsets.npy`` + ``parts_source.npy``
    the subdivided pieces as concatenated WKB (uint8) with their offsets, and
    the feature each piece belongs to.
``geoms_wkb.npy`` + ``geoms_offsets.npy``
    the original features as WKB, decoded one by one when asked for.
``attrs_json.npy`` + ``attrs_offsets.npy``
    one JSON object per feature (its attributes), decoded one by one.

Arrays are opened with ``numpy.load(mmap_mode="r")``: pages are read when
touched and shared between processes through the page cache. An index whose
manifest does not match the layer file (another size, and on another mtime
another SHA-256), another format or subdivision size, or a missing or
resized array file is :class:`StaleIndex`: the caller builds in memory
instead. A stale index is never used.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType
from typing import overload

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from rodloeber.domain.geo import Provenance, ReferenceLayer
from rodloeber.domain.screening.index import DEFAULT_MAX_VERTICES, LayerIndex

__all__ = [
    "FORMAT",
    "MANIFEST",
    "SourceStamp",
    "StaleIndex",
    "read_prepared",
    "stamp_of",
    "write_prepared",
]

FORMAT = "rodloeber-screening-index/1"
MANIFEST = "manifest.json"
_ARRAYS = (
    "parts_wkb",
    "parts_offsets",
    "parts_source",
    "geoms_wkb",
    "geoms_offsets",
    "attrs_json",
    "attrs_offsets",
)


class StaleIndex(Exception):
    """The prepared index is missing, of another format, or not built from this layer file."""


@dataclass(frozen=True)
class SourceStamp:
    """The layer file a prepared index was built from."""

    file: str
    size: int
    mtime_ns: int
    sha256: str


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def stamp_of(path: Path) -> SourceStamp:
    """Size, modification time and SHA-256 of a layer file."""
    st = path.stat()
    return SourceStamp(path.name, st.st_size, st.st_mtime_ns, _sha256(path))


# -- packed byte strings --------------------------------------------------------


def _pack(items: Sequence[bytes]) -> tuple[NDArray[np.uint8], NDArray[np.int64]]:
    offsets = np.zeros(len(items) + 1, dtype=np.int64)
    if items:
        offsets[1:] = np.cumsum([len(b) for b in items])
    blob = np.frombuffer(b"".join(items), dtype=np.uint8)
    return blob, offsets


class _Packed:
    """Byte strings stored as one uint8 array plus offsets (memory-mapped)."""

    def __init__(self, blob: NDArray[np.uint8], offsets: NDArray[np.int64]) -> None:
        self.blob = blob
        self.offsets = offsets

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def item(self, i: int) -> bytes:
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self.blob[int(self.offsets[i]) : int(self.offsets[i + 1])].tobytes()

    def all(self) -> list[bytes]:
        raw = self.blob.tobytes()
        bounds = self.offsets.tolist()
        return [raw[a:b] for a, b in pairwise(bounds)]


class LazyGeometries(Sequence[BaseGeometry]):
    """A layer's features, each decoded from WKB when asked for (None stays None)."""

    def __init__(self, packed: _Packed) -> None:
        self._packed = packed

    def __len__(self) -> int:
        return len(self._packed)

    @overload
    def __getitem__(self, i: int) -> BaseGeometry: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[BaseGeometry]: ...
    def __getitem__(self, i: int | slice) -> BaseGeometry | Sequence[BaseGeometry]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        raw = self._packed.item(i)
        return shapely.from_wkb(raw) if raw else None

    def __iter__(self) -> Iterator[BaseGeometry]:
        for i in range(len(self)):
            yield self[i]


class LazyRows(Sequence[Mapping[str, object]]):
    """A layer's attribute rows, each decoded from JSON when asked for."""

    CACHE_ROWS = 4096  # decoded rows kept (towns, kommuner … are asked for on every screening)

    def __init__(self, packed: _Packed) -> None:
        self._packed = packed
        self._cache: dict[int, Mapping[str, object]] = {}

    def __len__(self) -> int:
        return len(self._packed)

    @overload
    def __getitem__(self, i: int) -> Mapping[str, object]: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Mapping[str, object]]: ...
    def __getitem__(self, i: int | slice) -> Mapping[str, object] | Sequence[Mapping[str, object]]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        row = self._cache.get(i)
        if row is None:
            if len(self._cache) >= self.CACHE_ROWS:
                self._cache.clear()
            row = self._cache[i] = MappingProxyType(json.loads(self._packed.item(i)))
        return row

    def __iter__(self) -> Iterator[Mapping[str, object]]:
        for i in range(len(self)):
            yield self[i]


def _json_value(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    return str(value)


# -- write ------------------------------------------------------------------------


def write_prepared(
    directory: Path,
    layer: ReferenceLayer,
    source: SourceStamp,
    *,
    max_vertices: int = DEFAULT_MAX_VERTICES,
    index: LayerIndex | None = None,
) -> dict[str, object]:
    """Write the prepared index of ``layer`` (built from ``source``) to ``directory``.

    Written into a temporary sibling folder and swapped in by rename, manifest
    last, so a reader sees the old index, no index, or the new one; never half.
    Returns the manifest.
    """
    index = index or LayerIndex(layer, max_vertices=max_vertices)
    directory.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{directory.name}-", dir=directory.parent))
    # mkdtemp makes it private; public reference data, readable like the .gpkg files
    os.chmod(tmp, 0o755)  # noqa: S103
    try:
        parts_wkb, parts_offsets = _pack(list(shapely.to_wkb(index.parts)) if len(index) else [])
        geoms = [b"" if g is None else shapely.to_wkb(g) for g in layer.geometries]
        geoms_wkb, geoms_offsets = _pack(geoms)
        rows = [
            json.dumps(dict(r), default=_json_value, ensure_ascii=False).encode()
            for r in layer.attributes
        ]
        attrs_json, attrs_offsets = _pack(rows)
        arrays: dict[str, NDArray[np.generic]] = {
            "parts_wkb": parts_wkb,
            "parts_offsets": parts_offsets,
            "parts_source": np.asarray(index.source, dtype=np.int64),
            "geoms_wkb": geoms_wkb,
            "geoms_offsets": geoms_offsets,
            "attrs_json": attrs_json,
            "attrs_offsets": attrs_offsets,
        }
        files: dict[str, dict[str, object]] = {}
        for name, array in arrays.items():
            path = tmp / f"{name}.npy"
            np.save(path, array, allow_pickle=False)
            files[path.name] = {"size": path.stat().st_size, "sha256": _sha256(path)}
        manifest: dict[str, object] = {
            "format": FORMAT,
            "layer": layer.name,
            "max_vertices": max_vertices,
            "source": asdict(source),
            "provenance": asdict(layer.provenance),
            "features": len(layer.geometries),
            "parts": len(index),
            "self_overlapping": bool(index.self_overlapping),
            "files": files,
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        old = None
        if directory.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{directory.name}-old-", dir=directory.parent))
            os.replace(directory, old / "index")
        os.replace(tmp, directory)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return manifest


# -- read -------------------------------------------------------------------------


def read_manifest(directory: Path) -> dict[str, object]:
    try:
        data = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StaleIndex(f"no prepared index in {directory}") from None
    except (OSError, ValueError) as exc:
        raise StaleIndex(f"unreadable manifest in {directory}: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StaleIndex(f"{directory}: format {data.get('format')!r}, expected {FORMAT!r}")
    return data


def check_source(manifest: Mapping[str, object], source_path: Path) -> None:
    """:class:`StaleIndex` unless the manifest was written for this very layer file."""
    recorded = manifest.get("source")
    if not isinstance(recorded, dict):
        raise StaleIndex("manifest without source")
    st = source_path.stat()
    if recorded.get("size") != st.st_size:
        raise StaleIndex(f"{source_path.name} changed size since the index was written")
    if recorded.get("mtime_ns") != st.st_mtime_ns and recorded.get("sha256") != _sha256(
        source_path
    ):
        raise StaleIndex(f"{source_path.name} changed since the index was written")


def _load(path: Path) -> NDArray[np.generic]:
    try:
        mapped = np.load(path, mmap_mode="r", allow_pickle=False)
    except ValueError:  # an empty array cannot be memory-mapped
        return np.load(path, allow_pickle=False)  # type: ignore[no-any-return]
    # a plain ndarray view of the same mapped pages: slicing a np.memmap costs ~10x more
    array: NDArray[np.generic] = mapped.view(np.ndarray)
    return array


def read_prepared(
    directory: Path, source_path: Path, *, max_vertices: int = DEFAULT_MAX_VERTICES
) -> LayerIndex:
    """The layer index stored in ``directory`` for the layer file ``source_path``.

    Raises :class:`StaleIndex` when it is missing or does not belong to that file.
    """
    manifest = read_manifest(directory)
    if manifest.get("max_vertices") != max_vertices:
        raise StaleIndex(f"{directory}: built with another subdivision size")
    check_source(manifest, source_path)
    files = manifest.get("files")
    if not isinstance(files, dict):
        raise StaleIndex(f"{directory}: manifest without files")
    arrays: dict[str, NDArray[np.generic]] = {}
    for name in _ARRAYS:
        path = directory / f"{name}.npy"
        info = files.get(path.name)
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            raise StaleIndex(f"{directory}: {path.name} is missing") from None
        if not isinstance(info, dict) or info.get("size") != size:
            raise StaleIndex(f"{directory}: {path.name} does not match the manifest")
        arrays[name] = _load(path)
    provenance_raw = manifest.get("provenance")
    if not isinstance(provenance_raw, dict):
        raise StaleIndex(f"{directory}: manifest without provenance")
    provenance = Provenance(**provenance_raw)
    geoms = LazyGeometries(_Packed(arrays["geoms_wkb"], arrays["geoms_offsets"]))  # type: ignore[arg-type]
    rows = LazyRows(_Packed(arrays["attrs_json"], arrays["attrs_offsets"]))  # type: ignore[arg-type]
    layer = ReferenceLayer(provenance=provenance, geometries=geoms, attributes=rows)
    wkb = _Packed(arrays["parts_wkb"], arrays["parts_offsets"]).all()  # type: ignore[arg-type]
    parts = np.empty(len(wkb), dtype=object)
    if wkb:
        parts[:] = shapely.from_wkb(np.array(wkb, dtype=object))
    source = np.asarray(arrays["parts_source"], dtype=np.int64)
    if len(source) != len(parts) or manifest.get("parts") != len(parts):
        raise StaleIndex(f"{directory}: piece count does not match the manifest")
    return LayerIndex.from_parts(layer, parts, source, bool(manifest.get("self_overlapping")))
