"""Prepared screening indexes next to the layer files (forberedte indeks), ADR 0030.

``<layers dir>/screening-index/<layer>/`` holds what
:mod:`rodloeber.domain.screening.prepared` writes: the subdivided pieces as
WKB arrays, attribute rows and a manifest tied to the layer file's size,
mtime and SHA-256. ``rodloeber layers bootstrap``, ``layers import``,
``layers fetch``, ``layers generate`` and ``layers index`` write them after
the layer file is published; :mod:`rodloeber.layers.screening_service`
memory-maps them, so a new process answers its first screening in well under
a second instead of building every index first. They live inside the layers
folder, so ``rodloeber backup`` archives them with the layers.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from rodloeber.domain.screening.index import LayerIndex
from rodloeber.domain.screening.prepared import (
    StaleIndex,
    check_source,
    read_manifest,
    read_prepared,
    stamp_of,
    write_prepared,
)
from rodloeber.layers.loading import get_layer
from rodloeber.layers.paths import layer_path, layers_dir

__all__ = ["INDEX_DIR", "StaleIndex", "ensure_indexes", "index_dir", "load_index", "write_index"]

logger = logging.getLogger(__name__)

INDEX_DIR = "screening-index"


def index_dir(name: str) -> Path:
    """Where the prepared index of layer ``name`` lives."""
    return layers_dir() / INDEX_DIR / layer_path(name).stem


def write_index(name: str) -> dict[str, object]:
    """(Re)write the prepared index of layer ``name`` from its layer file; the manifest."""
    path = layer_path(name)
    stamp = stamp_of(path)  # before reading: a later change makes the index stale, not wrong
    return write_prepared(index_dir(name), get_layer(name), stamp)


def is_current(name: str) -> bool:
    """Whether layer ``name`` has a prepared index written from its current file."""
    try:
        check_source(read_manifest(index_dir(name)), layer_path(name))
    except (StaleIndex, FileNotFoundError):
        return False
    return True


def ensure_indexes(names: Iterable[str], *, force: bool = False) -> list[str]:
    """Write the prepared index of every built layer in ``names`` that lacks a current one.

    Layers without a file are skipped. Returns the names written.
    """
    written: list[str] = []
    for name in names:
        if not layer_path(name).exists():
            continue
        if force or not is_current(name):
            write_index(name)
            written.append(name)
    return written


def load_index(name: str) -> LayerIndex:
    """The prepared index of layer ``name``; :class:`StaleIndex` when it cannot be used."""
    return read_prepared(index_dir(name), layer_path(name))
