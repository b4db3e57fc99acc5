"""GeoJSON responses: the one home of the GeoJSON media type (RFC 7946).

Every endpoint that answers GeoJSON (the land API and exports, the parks maps)
answers ``application/geo+json`` through :func:`geojson_response`, so GIS
tools and browsers see the same type everywhere (issue #19).
"""

from __future__ import annotations

from typing import Any

from django.http import JsonResponse

__all__ = ["GEOJSON_MEDIA_TYPE", "geojson_response"]

#: RFC 7946 § 12.
GEOJSON_MEDIA_TYPE = "application/geo+json"


def geojson_response(body: dict[str, Any], **kwargs: Any) -> JsonResponse:
    """``body`` (a GeoJSON object) as ``application/geo+json``, UTF-8, non-ASCII kept."""
    return JsonResponse(
        body,
        content_type=GEOJSON_MEDIA_TYPE,
        json_dumps_params={"ensure_ascii": False},
        **kwargs,
    )
