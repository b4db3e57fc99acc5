"""Pages of the land map (``/kort``): search with filters, site report, export, tiles.

The search is a normal GET form (works without JavaScript); htmx swaps only
the result list and pushes the URL, so the address always holds the filters
and can be shared. The map is an enhancement; the result list is complete
without it.
"""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_safe

from rodloeber.accounts.reference import municipalities
from rodloeber.core.page_errors import error_message
from rodloeber.core.web import page_language
from rodloeber.domain.landcodes import (
    ENV_CLASSES,
    PLOT_RATIO_BASIS,
    REGIONS,
    SPECIFIC_USES,
    STATUSES,
    ZONES,
    label,
)
from rodloeber.domain.landsearch import LandFilter, LandFilterError, parse_filter
from rodloeber.domain.screening import GeometryError
from rodloeber.landmap.apps import LAND_TILE_CACHE_CONTROL
from rodloeber.landmap.exports import (
    EXPORT_LIMIT,
    FORMATS,
    LINKS,
    ExportError,
    export_response,
)
from rodloeber.landmap.models import BusinessArea
from rodloeber.landmap.selectors import SORTS, queryset
from rodloeber.landmap.services import may_edit
from rodloeber.landmap.tiles import land_tile
from rodloeber.layers.overview_map import overview_svg
from rodloeber.layers.screening_service import screen_geojson
from rodloeber.layers.tile_urls import tile_response

logger = logging.getLogger(__name__)

PAGE_SIZE = 25


def _params(request: HttpRequest) -> dict[str, list[str]]:
    return {k: request.GET.getlist(k) for k in request.GET}


def _choices(table: dict[Any, tuple[str, str]], lang: str) -> list[tuple[str, str]]:
    return [(str(code), label(table, code, lang)) for code in table]


def _form_context(request: HttpRequest, flt: LandFilter) -> dict[str, Any]:
    lang = page_language()
    return {
        "flt": flt,
        "uses": _choices(SPECIFIC_USES, lang),
        "zones": _choices(ZONES, lang),
        "statuses": _choices(STATUSES, lang),
        "env_classes": ENV_CLASSES,
        "regions": list(REGIONS.items()),
        "kommuner": [(m.code, m.name if lang == "da" else m.name_en) for m in municipalities()],
        "selected_uses": [str(u) for u in flt.uses],
        "selected_zones": [str(z) for z in flt.zones],
        "sort": request.GET.get("sort", "available"),
        "sorts": SORTS,
    }


def _rows(areas: list[BusinessArea], lang: str) -> list[dict[str, Any]]:
    return [
        {
            "area": a,
            "use": label(SPECIFIC_USES, a.anvspec, lang),
            "zone": label(ZONES, a.zone, lang),
            "status": label(STATUSES, a.status, lang),
        }
        for a in areas
    ]


@require_GET
def landmap(request: HttpRequest) -> HttpResponse:
    """``/kort``: filters, result list (paged) and map."""
    errors: list[tuple[str, str, str]] = []
    try:
        flt = parse_filter(_params(request))
    except LandFilterError as exc:
        errors, flt = exc.errors, LandFilter()
    sort = request.GET.get("sort", "available")
    qs = queryset(flt, sort if sort in SORTS else "available")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("side"))
    query = flt.to_params()
    if sort != "available" and sort in SORTS:
        query["sort"] = sort
    lang = page_language()
    context = {
        **_form_context(request, flt),
        "errors": [(f, en if lang == "en" else da) for f, da, en in errors],
        "page": page,
        "rows": _rows(list(page.object_list), lang),
        "total": page.paginator.count,
        "query": query,
        "any_synthetic": any(a.synthetic for a in page.object_list),
        "formats": [{"fmt": f, "crs": c, "label": label} for f, c, label in LINKS],
        "preview_url": reverse("landmap:preview") + ("?" + urlencode(query) if query else ""),
    }
    template = "landmap/index.html"
    if request.headers.get("HX-Request") == "true" and not request.headers.get("HX-Boosted"):
        template = "landmap/_results.html"
    return render(request, template, context)


def _screening(area: BusinessArea) -> tuple[dict[str, Any] | None, GeometryError | None]:
    """The site report's indicators from the shared screening service, or why there are none.

    An area the screening refuses (e.g. ``outside_denmark``: it overlaps no
    kommune, at sea or on land outside the municipality outlines) is a known
    answer, shown on the page in its language; only unexpected failures are
    logged with a traceback."""
    try:
        return screen_geojson(json.loads(area.geojson)).to_dict(), None
    except GeometryError as exc:
        logger.info("landmap: area %s not screened: %s", area.pk, exc.code)
        return None, exc
    except Exception:  # the report still shows plan facts and vacancy
        logger.exception("landmap: screening failed for area %s", area.pk)
        return None, None


@require_GET
def area_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The site report (lokaliseringsrapport) of one area: printable."""
    area = get_object_or_404(BusinessArea, pk=pk)
    lang = page_language()
    facts = {
        "use": label(SPECIFIC_USES, area.anvspec, lang),
        "zone": label(ZONES, area.zone, lang),
        "status": label(STATUSES, area.status, lang),
        "plot_basis": label(PLOT_RATIO_BASIS, area.bebygpctaf, lang),
    }
    screening, refused = _screening(area)
    return render(
        request,
        "landmap/area.html",
        {
            "area": area,
            "facts": facts,
            "screening": screening,
            "screening_refused": (
                None
                if refused is None
                else (refused.message_en if lang == "en" else refused.message_da)
            ),
            "outside_municipalities": refused is not None and refused.code == "outside_denmark",
            "lang": lang,
            "may_edit": may_edit(getattr(request, "user", None), area.komnr),
            "back_query": request.GET.get("tilbage", ""),
        },
    )


@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("Unknown format")
    try:
        flt = parse_filter(_params(request))
    except LandFilterError as exc:
        return HttpResponse(
            exc.message_en if page_language() == "en" else exc.message_da, status=400
        )
    sort = request.GET.get("sort", "available")
    qs = queryset(flt, sort if sort in SORTS else "available")
    total = qs.count()
    try:
        return export_response(
            list(qs[:EXPORT_LIMIT]), fmt, total, crs=request.GET.get("crs", "25832")
        )
    except ExportError as exc:
        return HttpResponse(
            exc.message_en if page_language() == "en" else exc.message_da, status=400
        )


@require_GET
def result_ids(request: HttpRequest) -> HttpResponse:
    """``/kort/resultat.json``: the ids and points of the areas matching the filters.

    The map draws the result from the area tiles it already has (polygons
    filtered by id) and these points, instead of fetching every polygon as
    GeoJSON (1.6 MB for 1,000 areas). At most ``EXPORT_LIMIT`` areas; areas
    are public, like the list (``selectors``).
    """
    try:
        flt = parse_filter(_params(request))
    except LandFilterError as exc:
        message = error_message(exc)
        return JsonResponse({"error": message}, status=400)
    qs = queryset(flt, "available")
    rows = list(qs.values_list("id", "centroid_lon", "centroid_lat")[:EXPORT_LIMIT])
    body = {
        "total": qs.count(),
        "ids": [r[0] for r in rows],
        "lon": [round(r[1], 6) for r in rows],
        "lat": [round(r[2], 6) for r in rows],
    }
    return JsonResponse(body, headers={"Cache-Control": "no-cache"})


@require_safe
def preview(request: HttpRequest) -> HttpResponse:
    """``/kort/oversigt.svg``: the static overview map with the filtered result.

    The first paint of ``/kort`` (``landmap.preview``); the interactive map
    replaces it on the user's first interaction. Same filters and limit as
    ``/kort/resultat.json``; bad filters draw the map without points.
    """
    try:
        flt = parse_filter(_params(request))
        qs = queryset(flt, "available")
        rows = list(qs.values_list("centroid_lon", "centroid_lat")[:EXPORT_LIMIT])
    except LandFilterError:
        rows = []
    title = (
        "Overview map of business areas matching the filters"
        if page_language() == "en"
        else "Oversigtskort over erhvervsarealer, der matcher filtrene"
    )
    return HttpResponse(
        overview_svg(title, points=rows),
        content_type="image/svg+xml; charset=utf-8",
        headers={"Cache-Control": "no-cache"},
    )


@require_safe
def tile(request: HttpRequest, z: int, x: int, y: int) -> HttpResponse:
    if z > 16 or x >= (1 << z) or y >= (1 << z):
        raise Http404("No such tile")
    data, etag = land_tile(z, x, y)
    return tile_response(request, data, etag, LAND_TILE_CACHE_CONTROL)
