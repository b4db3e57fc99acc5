"""Screening as a service (screeningstjeneste): one ScreeningIndex per process.

Loads the framework-free engine's spatial indexes once per process and reuses
them for every request, CLI call and batch. Each layer's index is read from
its prepared index on disk (``layers/prepared_index.py``, memory-mapped,
ADR 0030) when that was written from the current layer file; otherwise it is
built in memory from the layer registry (``rodloeber.layers.loading.get_layer``),
as before, and a warning says to run ``rodloeber layers index``. The index is
rebuilt when a layer file changes (size or mtime). Nothing is stored:
screening only reads public reference data.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable

from rodloeber.domain.geo import ReferenceLayer
from rodloeber.domain.screening import (
    AreaOfInterest,
    BodyTooLarge,
    GeometryError,
    GeometryLimits,
    ScreeningIndex,
    ScreeningReport,
    ScreeningSettings,
    build_index,
    parse_area,
    screen,
)
from rodloeber.domain.screening.index import LayerIndex
from rodloeber.layers.errors import LayerError
from rodloeber.layers.loading import get_layer
from rodloeber.layers.paths import layer_path
from rodloeber.layers.prepared_index import StaleIndex, load_index

__all__ = [
    "MAX_BODY_BYTES",
    "SCREENING_LAYERS",
    "body_too_large",
    "extract_geometry",
    "parse_json",
    "reset_index",
    "screen_area",
    "screen_geojson",
    "screening_index",
    "set_layer_loader",
]

logger = logging.getLogger(__name__)

# Every layer the engine reads (docs/adr/0007-screening-and-tiles.md).
SCREENING_LAYERS: tuple[str, ...] = (
    "kommuner",
    "regioner",
    "section3_nature",
    "fredninger",
    "nature_national_parks",
    "natura2000_habitat",
    "natura2000_birds",
    "grid_substations",
    "grid_lines",
    "motorways",
    "railways",
    "ports",
    "towns",
    "universities",
    "international_schools",
    "business_clusters",
    "energy_parks",
)

# A 50,000-vertex polygon is about 1.5 MB of GeoJSON; 2 MB leaves room.
MAX_BODY_BYTES = 2 * 1024 * 1024

LayerLoader = Callable[[str], ReferenceLayer]

_lock = threading.Lock()
_index: ScreeningIndex | None = None
_loader: LayerLoader | None = None
Stamp = tuple[int, int] | None  # (mtime_ns, size) of a layer file; None = no file
_stamps: dict[str, Stamp] = {}


def _default_loader(name: str) -> ReferenceLayer:
    return get_layer(name)


def set_layer_loader(loader: LayerLoader | None) -> None:
    """Use another layer source (tests, benchmarks); drops the built index."""
    global _loader
    with _lock:
        _loader = loader
    reset_index()


def reset_index() -> None:
    """Forget the built index (after `rodloeber layers import …` or in tests)."""
    global _index
    with _lock:
        _index = None


def unavailable_errors() -> tuple[type[Exception], ...]:
    """Exceptions that mean "this layer is not loaded" (not a programming error)."""
    return (KeyError, LookupError, FileNotFoundError, LayerError)


def _load(names: Iterable[str]) -> list[ReferenceLayer]:
    loader = _loader or _default_loader
    layers: list[ReferenceLayer] = []
    unavailable = unavailable_errors()
    for name in names:
        try:
            layers.append(loader(name))
        except unavailable as exc:
            # Reported as "not checked" (missing_layers) rather than guessed.
            logger.warning("screening: layer %s unavailable: %s", name, exc)
    return layers


def _fresh(index: ScreeningIndex) -> bool:
    """True while the registry still returns the very layer objects the index was built from.

    ``get_layer`` caches per file modification time, so a re-imported layer is
    a new object and the index is rebuilt on the next request.
    """
    loader = _loader or _default_loader
    unavailable = unavailable_errors()
    for name in SCREENING_LAYERS:
        try:
            layer = loader(name)
        except unavailable:
            if name in index.layers:
                return False
            continue
        if index.layers.get(name) is not layer:
            return False
    return True


def _stamp(name: str) -> Stamp:
    try:
        st = layer_path(name).stat()
    except FileNotFoundError:
        return None
    return (st.st_mtime_ns, st.st_size)


def _stamps_now() -> dict[str, Stamp]:
    return {name: _stamp(name) for name in SCREENING_LAYERS}


def _load_registry() -> tuple[ScreeningIndex, dict[str, Stamp]]:
    """Every layer from its prepared index when current, else built in memory."""
    stamps = _stamps_now()  # before reading: a change during the load means "stale" next time
    layers: list[ReferenceLayer] = []
    prepared: dict[str, LayerIndex] = {}
    unavailable = unavailable_errors()
    for name in SCREENING_LAYERS:
        if stamps[name] is None:
            logger.warning("screening: layer %s unavailable: not built", name)
            continue
        try:
            ready = load_index(name)
        except StaleIndex as exc:
            logger.warning(
                "screening: building %s in memory (%s); `rodloeber layers index` writes it",
                name,
                exc,
            )
        except unavailable as exc:
            logger.warning("screening: layer %s unavailable: %s", name, exc)
            continue
        else:
            prepared[name] = ready
            layers.append(ready.layer)
            continue
        try:
            layers.append(get_layer(name))
        except unavailable as exc:
            logger.warning("screening: layer %s unavailable: %s", name, exc)
    return build_index(layers, prepared=prepared), stamps


def _current(index: ScreeningIndex) -> bool:
    if _loader is not None:
        return _fresh(index)
    return _stamps_now() == _stamps


def screening_index() -> ScreeningIndex:
    """The process-wide index, loaded on first use and after a layer changes (thread-safe)."""
    global _index, _stamps
    index = _index
    if index is not None and _current(index):
        return index
    with _lock:
        if _index is None or not _current(_index):
            if _loader is not None:
                _index = build_index(_load(SCREENING_LAYERS))
            else:
                _index, _stamps = _load_registry()
        return _index


def body_too_large() -> BodyTooLarge:
    megabytes = MAX_BODY_BYTES // (1024 * 1024)
    return BodyTooLarge(
        "body_too_large",
        f"Forespørgslen er større end {megabytes} MB; forenkl geometrien.",
        f"The request is larger than {megabytes} MB; simplify the geometry.",
    )


def parse_json(body: bytes | str) -> object:
    """JSON from a request body or file; :class:`GeometryError` ``invalid_json`` if not."""
    if len(body) > MAX_BODY_BYTES:
        raise body_too_large()
    try:
        return json.loads(body)
    except RecursionError as exc:  # [[[[…]]]] nested deeper than the parser's stack
        raise GeometryError(
            "invalid_json",
            "Indholdet er for dybt indlejret til at være GeoJSON.",
            "The content is nested too deeply to be GeoJSON.",
        ) from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise GeometryError(
            "invalid_json",
            f"Indholdet er ikke gyldig JSON: {exc}.",
            f"The body is not valid JSON: {exc}.",
        ) from exc


def extract_geometry(data: object) -> object:
    """The geometry of ``{"geometry": …}``, a GeoJSON Feature, or a bare geometry."""
    if isinstance(data, dict):
        if data.get("type") == "FeatureCollection":
            raise GeometryError(
                "not_polygon",
                "Send én geometri (Polygon eller MultiPolygon), ikke en FeatureCollection.",
                "Send one geometry (Polygon or MultiPolygon), not a FeatureCollection.",
            )
        if "geometry" in data:
            return data["geometry"]
    return data


def screen_geojson(
    geometry: object,
    *,
    index: ScreeningIndex | None = None,
    settings: ScreeningSettings | None = None,
    limits: GeometryLimits | None = None,
) -> ScreeningReport:
    """Check a GeoJSON geometry (EPSG:4326) and screen it; raises GeometryError."""
    return screen_area(parse_area(geometry, limits), index=index, settings=settings)


def screen_area(
    area: AreaOfInterest,
    *,
    index: ScreeningIndex | None = None,
    settings: ScreeningSettings | None = None,
) -> ScreeningReport:
    """Screen an area the caller has already parsed and reprojected with its own limits."""
    return screen(area, index or screening_index(), settings)
