"""Reads of business areas (udsøgning): a :class:`LandFilter` as an indexed SQL query.

Every list, map, export and API endpoint uses :func:`search`, so they
return the same areas. Business areas are public: there is no object-level
read restriction; editing is restricted in ``services``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from rodloeber.domain.landsearch import AreaFacts, LandFilter
from rodloeber.landmap.models import BusinessArea

__all__ = ["SORTS", "SearchPage", "area_facts", "filter_q", "search"]

SORTS = {
    "available": ("-available_ha", "id"),
    "motorway": ("km_motorway", "id"),
    "substation": ("km_substation_132", "id"),
    "updated": ("-source_updated", "id"),
    "name": ("plannavn", "id"),
}


def filter_q(flt: LandFilter) -> Q:
    """The filter as a Django ``Q`` (unknown values never pass a limit, like ``matches``)."""
    q = Q()
    if flt.min_available_ha is not None:
        q &= Q(available_ha__gte=flt.min_available_ha)
    if flt.max_available_ha is not None:
        q &= Q(available_ha__lte=flt.max_available_ha)
    if flt.uses:
        q &= Q(anvspec__in=flt.uses)
    if flt.min_env_class is not None:
        q &= Q(maxmiljo__gte=flt.min_env_class)
    if flt.min_height_m is not None:
        q &= Q(maxbygnhjd__gte=flt.min_height_m)
    if flt.zones:
        q &= Q(zone__in=flt.zones)
    if flt.kommuner:
        q &= Q(komnr__in=flt.kommuner)
    if flt.regions:
        q &= Q(region_code__in=flt.regions)
    if flt.statuses:
        q &= Q(status__in=flt.statuses)
    if flt.in_industrial_park is not None:
        q &= Q(in_industrial_park=flt.in_industrial_park)
    limits = {
        "km_motorway": flt.max_km_motorway,
        "km_rail": flt.max_km_rail,
        "km_port": flt.max_km_port,
        flt.substation_key(): flt.max_km_substation,
    }
    for column, limit in limits.items():
        if limit is not None:
            q &= Q(**{f"{column}__lte": limit})
    if flt.bbox is not None:
        minx, miny, maxx, maxy = flt.bbox
        q &= Q(min_lon__lte=maxx, max_lon__gte=minx, min_lat__lte=maxy, max_lat__gte=miny)
    return q


@dataclass(frozen=True)
class SearchPage:
    total: int
    limit: int
    offset: int
    areas: list[BusinessArea]


def queryset(flt: LandFilter, sort: str = "available") -> QuerySet[BusinessArea]:
    order = SORTS.get(sort, SORTS["available"])
    return BusinessArea.objects.filter(filter_q(flt)).defer("geometry_wkb").order_by(*order)


def search(
    flt: LandFilter, *, limit: int = 50, offset: int = 0, sort: str = "available"
) -> SearchPage:
    qs = queryset(flt, sort)
    total = qs.count()
    return SearchPage(total, limit, offset, list(qs[offset : offset + limit]))


def area_facts(area: BusinessArea) -> AreaFacts:
    """The searchable facts of a stored area (for :func:`~rodloeber.domain.landsearch.matches`)."""
    return AreaFacts(
        available_ha=area.available_ha,
        anvspec=area.anvspec,
        maxmiljo=area.maxmiljo,
        maxbygnhjd=area.maxbygnhjd,
        zone=area.zone,
        komnr=area.komnr,
        region_code=area.region_code,
        status=area.status,
        in_industrial_park=area.in_industrial_park,
        km_motorway=area.km_motorway,
        km_rail=area.km_rail,
        km_port=area.km_port,
        km_substation_132=area.km_substation_132,
        km_substation_400=area.km_substation_400,
        bbox=(area.min_lon, area.min_lat, area.max_lon, area.max_lat),
    )
