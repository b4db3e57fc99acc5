"""Vector-tile URLs and views: ``/tiles/{layer}/{z}/{x}/{y}.mvt`` and ``/tiles/layers.json``.

Included by ``config/urls.py`` as ``path("tiles/", include("rodloeber.layers.tile_urls"))``.
Public (open reference data only); ``ETag`` + ``Cache-Control`` let browsers
and proxies keep tiles; ``If-None-Match`` answers 304.

Layers that are not reference layers (e.g. the land map's business areas,
``land_areas``, kept in the database) are served at the same URL through
:func:`register_tile_source`: the owning app registers ``fn(z, x, y)`` in
its ``AppConfig.ready()``. ``fn`` returns the encoded tile, optionally with
its own ETag (``(bytes, etag)``), or ``None`` for "no such tile" (404).
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_safe

from rodloeber.core.web import etag_matches, not_modified
from rodloeber.layers.loading import list_layers
from rodloeber.layers.screening_service import unavailable_errors
from rodloeber.layers.tiles import BASEMAP, MAX_ZOOM, get_tile, layer_info

logger = logging.getLogger(__name__)

app_name = "tiles"

MVT_CONTENT_TYPE = "application/vnd.mapbox-vector-tile"
CACHE_CONTROL = "public, max-age=3600, stale-while-revalidate=86400"
_UNAVAILABLE = unavailable_errors()

TileResult = bytes | tuple[bytes, str] | None
TileFn = Callable[[int, int, int], TileResult]


@dataclass(frozen=True)
class ExtraTileSource:
    """A tile layer served by another app (not a reference layer)."""

    name: str
    fn: TileFn
    cache_control: str = CACHE_CONTROL


_extra_lock = threading.Lock()
_extra: dict[str, ExtraTileSource] = {}


def register_tile_source(name: str, fn: TileFn, *, cache_control: str = CACHE_CONTROL) -> None:
    """Serve ``fn(z, x, y)`` at ``/tiles/{name}/{z}/{x}/{y}.mvt`` (re-registering replaces)."""
    if not name or name == BASEMAP:
        raise ValueError(f"invalid tile source name: {name!r}")
    with _extra_lock:
        _extra[name] = ExtraTileSource(name, fn, cache_control)


def unregister_tile_source(name: str) -> None:
    with _extra_lock:
        _extra.pop(name, None)


def tile_sources() -> dict[str, ExtraTileSource]:
    """The registered extra tile sources by name (a copy)."""
    with _extra_lock:
        return dict(_extra)


def _extra_tile(source: ExtraTileSource, z: int, x: int, y: int) -> tuple[bytes, str]:
    result = source.fn(z, x, y)
    if result is None:
        raise Http404("No such tile")
    if isinstance(result, tuple):
        return result
    digest = hashlib.blake2b(result, digest_size=12, key=source.name.encode()[:64]).hexdigest()
    return result, f'"{digest}"'


def _layer_names() -> list[str]:
    return [BASEMAP, *(p.name for p in list_layers())]


def tile_response(
    request: HttpRequest, data: bytes, etag: str, cache_control: str = CACHE_CONTROL
) -> HttpResponse:
    """The HTTP answer for one encoded tile, shared by every tile URL.

    ``200`` with ``application/vnd.mapbox-vector-tile`` when the tile has
    features; ``204 No Content`` when it has none (a 0-byte ``200`` is not a
    valid MVT for GDAL and other readers); ``304`` when ``If-None-Match``
    holds the ETag. Every answer carries ``ETag`` and ``Cache-Control``, so
    empty tiles are cached too. ``HEAD`` gets the same headers (the server
    drops the body).
    """
    headers = {"ETag": etag, "Cache-Control": cache_control, "Access-Control-Allow-Origin": "*"}
    if etag_matches(request, etag):
        return not_modified(headers)
    if not data:
        response = HttpResponse(status=204, headers=headers)
        del response["Content-Type"]  # no body
        return response
    return HttpResponse(data, content_type=MVT_CONTENT_TYPE, headers=headers)


@require_safe
def tile(request: HttpRequest, layer: str, z: int, x: int, y: int) -> HttpResponse:
    if z > MAX_ZOOM or x >= (1 << z) or y >= (1 << z):
        raise Http404("No such tile")
    extra = _extra.get(layer)
    cache_control = CACHE_CONTROL
    if extra is not None:
        data, etag = _extra_tile(extra, z, x, y)
        cache_control = extra.cache_control
    else:
        try:
            provenance, _kind = layer_info(layer)
            data, etag = get_tile(layer, z, x, y, version=provenance.version)
        except _UNAVAILABLE as exc:
            raise Http404("No such layer") from exc
    return tile_response(request, data, etag, cache_control)


def _url_template(request: HttpRequest, name: str) -> str:
    url = reverse("tiles:tile", args=(name, 0, 0, 0)).removesuffix("0/0/0.mvt")
    return request.build_absolute_uri(url) + "{z}/{x}/{y}.mvt"


@require_GET
def layers_json(request: HttpRequest) -> JsonResponse:
    """Every tile layer with its titles, provenance and URL template (for map.js)."""
    items = []
    for name in _layer_names():
        try:
            provenance, kind = layer_info(name)
        except _UNAVAILABLE:
            logger.warning("tiles: layer %s unavailable", name)
            continue
        attribution = provenance.attribution
        if provenance.synthetic:
            attribution = f"{attribution} – syntetiske demodata".lstrip(" –")
        items.append(
            {
                "name": name,
                "title_da": provenance.title_da,
                "title_en": provenance.title_en,
                "synthetic": provenance.synthetic,
                "attribution": attribution,
                "source": provenance.source,
                "version": provenance.version,
                "kind": kind,
                "tiles": _url_template(request, name),
                "minzoom": 0,
                "maxzoom": 14,
            }
        )
    return JsonResponse(
        {"layers": items},
        headers={"Cache-Control": "public, max-age=300"},
        json_dumps_params={"ensure_ascii": False},
    )


urlpatterns = [
    path("layers.json", layers_json, name="layers"),
    path("<slug:layer>/<int:z>/<int:x>/<int:y>.mvt", tile, name="tile"),
]
