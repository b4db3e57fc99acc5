"""POST /api/v1/screening — screen an area against § 13 (public, nothing stored).

The body is read and checked here (not by pydantic) so that every geometry
problem — invalid JSON, wrong type, self-intersection, wrong CRS, outside
Denmark, absurd size, too many vertices — answers 422 with a Danish and an
English message (``Accept-Language`` picks ``detail``). Public: it reads
only public reference data, stores nothing and is size-capped.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from rodloeber.core.api_errors import ErrorOut
from rodloeber.domain.legal_citations import english_pairs
from rodloeber.layers.screening_service import (
    MAX_BODY_BYTES,
    body_too_large,
    extract_geometry,
    parse_json,
    screen_geojson,
)

router = Router(tags=["screening"])


class LayerOut(Schema):
    name: str
    source: str
    version: str
    synthetic: bool
    licence: str
    attribution: str
    title_da: str
    title_en: str
    accuracy_note: str


class OverlapObjectOut(Schema):
    name: str
    id: str | None
    overlap_ha: float


class ExclusionOut(Schema):
    criterion: str
    overlap_ha: float
    share: float
    legal_basis: str
    legal_basis_en: str
    layer: str
    status: str
    objects: list[OverlapObjectOut]
    objects_count: int
    indicative: bool
    synthetic: bool
    summary_da: str
    summary_en: str


class ScreeningCriterionOut(Schema):
    criterion: str
    nearest: str | None
    distance_km: float | None
    legal_basis: str
    legal_basis_en: str
    variant: str
    layer: str
    status: str
    within_km: float | None
    count: int | None
    value: float | None
    names: list[str]
    adjacent: bool | None
    synthetic: bool
    summary_da: str
    summary_en: str


class MunicipalityShareOut(Schema):
    code: str
    name: str
    share: float


class ScreeningReportOut(Schema):
    area_ha: float
    kommune_kode: str | None
    excluded: bool
    exclusions: list[ExclusionOut]
    criteria: list[ScreeningCriterionOut]
    layers: list[LayerOut]
    kommune_navn: str | None
    region_kode: str | None
    region_navn: str | None
    kommuner: list[MunicipalityShareOut]
    land_share: float | None
    missing_layers: list[str]
    synthetic_data_used: bool
    notes_da: list[str]
    notes_en: list[str]


_EXAMPLE_RING = [[8.66, 55.49], [8.70, 55.49], [8.70, 55.51], [8.66, 55.51], [8.66, 55.49]]
REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["geometry"],
                "properties": {
                    "geometry": {
                        "type": "object",
                        "description": (
                            "GeoJSON Polygon or MultiPolygon in EPSG:4326 (longitude, latitude), "
                            "inside Denmark, at most 50,000 vertices and 100,000 ha."
                        ),
                        "required": ["type", "coordinates"],
                        "properties": {
                            "type": {"type": "string", "enum": ["Polygon", "MultiPolygon"]},
                            "coordinates": {"type": "array", "items": {}},
                        },
                    }
                },
            },
            "example": {"geometry": {"type": "Polygon", "coordinates": [_EXAMPLE_RING]}},
        }
    },
}


@router.post(
    "/screening",
    auth=None,
    response={200: ScreeningReportOut, 413: ErrorOut, 422: ErrorOut},
    summary="Screen an area against § 13 (industrial parks)",
    openapi_extra={"requestBody": REQUEST_BODY},
    operation_id="screening",
)
def screening(request: HttpRequest) -> Any:
    """§ 13 stk. 2 exclusions (overlap in ha and share per layer), § 13 stk. 1
    indicators (nearest substation per voltage class, motorway, railway, port,
    population within 20/40 km, education, international schools, clusters),
    energy-park adjacency (§ 13 stk. 3), kommune and region, and every layer's
    provenance. Registers such as § 3 are indicative (vejledende): an overlap
    is a signal, not a finding. Nothing is stored; no authentication needed.
    """
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY_BYTES:
        raise body_too_large()
    return english_pairs(screen_geojson(extract_geometry(parse_json(request.body))).to_dict())
