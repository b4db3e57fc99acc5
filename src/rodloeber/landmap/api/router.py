"""GET /api/v1/land/areas — vacant business land (ledige erhvervsarealer) as GeoJSON.

Public (the areas are published by the municipalities). Filters are query
parameters, parsed by the framework-free ``domain.landsearch.parse_filter``
so the map page, the exports and the API accept the same values; invalid
values answer 422 with a Danish and an English message per parameter.
Paging with ``limit``/``offset``; ``total`` is the number of matches.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from rodloeber.core.api_errors import ErrorOut
from rodloeber.core.geojson import GEOJSON_MEDIA_TYPE, geojson_response
from rodloeber.domain.landsearch import MAX_LIMIT, parse_filter
from rodloeber.landmap.selectors import SORTS, search
from rodloeber.landmap.serialize import feature_collection

router = Router(tags=["land"])
GEOJSON = GEOJSON_MEDIA_TYPE


class LandQuery(Schema):
    min_available_ha: float | None = Field(None, description="Minimum available hectares")
    max_available_ha: float | None = Field(None, description="Maximum available hectares")
    use: str | None = Field(None, description="anvspec codes, comma-separated: 3110-3160")
    miljoklasse: int | None = Field(None, description="The area must allow this miljøklasse (1-7)")
    min_height_m: float | None = Field(None, description="The plan must allow this height (m)")
    zone: str | None = Field(None, description="1 byzone, 2 landzone, 3 sommerhusområde")
    kommune: str | None = Field(None, description="Kommunekoder, e.g. 0561,0751")
    region: str | None = Field(None, description="Regionskoder 1081-1085")
    status: str | None = Field(None, description="ledig, reserveret, solgt")
    in_industrial_park: bool | None = Field(None, description="Inside a designated park")
    max_km_motorway: float | None = None
    max_km_rail: float | None = None
    max_km_port: float | None = None
    max_km_substation: float | None = None
    substation_kv: Literal["132", "400"] | None = Field(None, description="Substation level")
    bbox: str | None = Field(None, description="min_lon,min_lat,max_lon,max_lat (EPSG:4326)")
    sort: Literal["available", "motorway", "substation", "updated", "name"] = "available"
    limit: int = Field(100, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0)


class FeatureOut(Schema):
    type: str
    id: int
    geometry: dict[str, Any]
    properties: dict[str, Any]


class AreasOut(Schema):
    type: str
    total: int
    limit: int
    offset: int
    returned: int
    synthetic_data_used: bool
    features: list[FeatureOut]


@router.get(
    "/land/areas",
    auth=None,
    response={200: AreasOut, 422: ErrorOut},
    summary="Vacant business land (GeoJSON, EPSG:4326)",
    url_name="land_areas",
    operation_id="land_search",
    openapi_extra={
        "responses": {
            200: {
                "content": {
                    GEOJSON: {"schema": {"$ref": "#/components/schemas/AreasOut"}},
                }
            }
        }
    },
)
def land_areas(request: HttpRequest, query: Query[LandQuery]) -> HttpResponse:
    """Business areas matching every filter, as a GeoJSON FeatureCollection in
    EPSG:4326 with plan facts (Plandata codes with Danish/English labels),
    vacancy (available ha, status, price, contact), precomputed distances in
    km to motorway, railway, port and substations (>= 132 kV, >= 400 kV),
    kommune, region, industrial park, source and last-updated date.
    Unknown distances never pass a distance limit. Synthetic records say
    ``"data_label": "syntetiske demodata"``.
    """
    flt = parse_filter({k: request.GET.getlist(k) for k in request.GET})
    sort = query.sort if query.sort in SORTS else "available"
    page = search(flt, limit=query.limit, offset=query.offset, sort=sort)
    body = feature_collection(page.areas, total=page.total, limit=page.limit, offset=page.offset)
    return geojson_response(body)
