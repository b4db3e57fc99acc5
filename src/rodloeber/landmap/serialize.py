"""Business areas as GeoJSON features and flat rows (API, map, exports)."""

from __future__ import annotations

import json
from typing import Any

from django.urls import reverse

from rodloeber.domain.landcodes import SPECIFIC_USES, STATUSES, ZONES, label
from rodloeber.landmap.models import BusinessArea

__all__ = ["COLUMNS", "feature", "feature_collection", "properties"]

SYNTHETIC_LABEL = "syntetiske demodata"

# Flat columns of the CSV/XLSX export and the GeoJSON properties, in order.
COLUMNS = (
    "id",
    "planid",
    "plannavn",
    "komnr",
    "kommune_name",
    "region_code",
    "region_name",
    "anvgen",
    "anvspec",
    "use_da",
    "use_en",
    "zone",
    "zone_da",
    "zone_en",
    "bebygpct",
    "bebygpctaf",
    "maxetager",
    "maxbygnhjd",
    "minmiljo",
    "maxmiljo",
    "doklink",
    "net_planned_ha",
    "available_ha",
    "area_ha",
    "status",
    "status_da",
    "status_en",
    "price_dkk_per_m2",
    "building_deadline_years",
    "buy_back_clause",
    "connection_fees",
    "contact_name",
    "contact_email",
    "contact_phone",
    "km_motorway",
    "km_rail",
    "km_port",
    "km_substation_132",
    "km_substation_400",
    "in_industrial_park",
    "industrial_park_name",
    "centroid_lon",
    "centroid_lat",
    "source",
    "source_updated",
    "synthetic",
    "data_label",
    "url",
)


def properties(area: BusinessArea) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in COLUMNS:
        if hasattr(area, name):
            values[name] = getattr(area, name)
    values.update(
        use_da=label(SPECIFIC_USES, area.anvspec, "da"),
        use_en=label(SPECIFIC_USES, area.anvspec, "en"),
        zone_da=label(ZONES, area.zone, "da"),
        zone_en=label(ZONES, area.zone, "en"),
        status_da=label(STATUSES, area.status, "da"),
        status_en=label(STATUSES, area.status, "en"),
        price_dkk_per_m2=None if area.price_dkk_per_m2 is None else float(area.price_dkk_per_m2),
        source_updated=area.source_updated.isoformat(),
        data_label=SYNTHETIC_LABEL if area.synthetic else "",
        url=reverse("landmap:area", args=(area.pk,)),
    )
    return {name: values.get(name) for name in COLUMNS}


def feature(area: BusinessArea) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": area.pk,
        "geometry": json.loads(area.geojson),
        "properties": properties(area),
    }


def feature_collection(
    areas: list[BusinessArea], *, total: int, limit: int, offset: int
) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "total": total,
        "limit": limit,
        "offset": offset,
        "returned": len(areas),
        "synthetic_data_used": any(a.synthetic for a in areas),
        "features": [feature(a) for a in areas],
    }
