"""Writes to business areas (erhvervsarealer): one service per action, one audit event each.

A municipality edits only its own areas: the user needs the
``edit_land_areas`` capability (municipal planner) and the area's ``komnr``
must be the user's municipality code. Import and demo loading live in
``importing`` and ``demo`` and follow the same pattern.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from shapely.geometry.base import BaseGeometry

from rodloeber.accounts.reference import municipalities
from rodloeber.accounts.roles import Capability, role_has
from rodloeber.audit.services import record_event
from rodloeber.landmap.errors import no_capability, not_your_municipality
from rodloeber.landmap.geometry import geometry_fields
from rodloeber.landmap.infrastructure import infrastructure_index
from rodloeber.landmap.models import BusinessArea

if TYPE_CHECKING:
    from rodloeber.accounts.models import User

__all__ = [
    "EDITABLE_FIELDS",
    "area_create",
    "area_update",
    "check_may_edit",
    "derived_fields",
    "may_edit",
]

# What a municipality maintains by hand (vacancy and plan facts); geometry comes by import.
EDITABLE_FIELDS = (
    "plannavn",
    "doklink",
    "anvspec",
    "zone",
    "bebygpct",
    "bebygpctaf",
    "maxetager",
    "maxbygnhjd",
    "minmiljo",
    "maxmiljo",
    "net_planned_ha",
    "available_ha",
    "status",
    "price_dkk_per_m2",
    "building_deadline_years",
    "buy_back_clause",
    "connection_fees",
    "contact_name",
    "contact_email",
    "contact_phone",
    "source",
    "source_updated",
)


def may_edit(user: User | None, komnr: str) -> bool:
    """True when ``user`` is a municipal planner of municipality ``komnr``."""
    if (
        user is None
        or not user.is_authenticated
        or not role_has(user.role, Capability.EDIT_LAND_AREAS)
    ):
        return False
    return user.organisation is not None and user.organisation.authority_code == komnr


def check_may_edit(user: User | None, komnr: str) -> None:
    if user is None or not role_has(getattr(user, "role", ""), Capability.EDIT_LAND_AREAS):
        raise no_capability()
    if not may_edit(user, komnr):
        raise not_your_municipality()


def _municipality(komnr: str) -> tuple[str, str, str]:
    for m in municipalities():
        if m.code == komnr:
            return m.name, m.region_code, m.region_name
    return "", "", ""


def derived_fields(geom: BaseGeometry, komnr: str | None = None) -> dict[str, Any]:
    """Geometry columns, distances, kommune/region and industrial park for one area."""
    fields = geometry_fields(geom)
    distances = infrastructure_index().compute([geom])[0].as_dict()
    code = komnr or str(distances["komnr"])
    del distances["komnr"], distances["region_code"]
    name, region_code, region_name = _municipality(code)
    return {
        **fields,
        **distances,
        "komnr": code,
        "kommune_name": name,
        "region_code": region_code,
        "region_name": region_name,
    }


def _snapshot(area: BusinessArea) -> dict[str, Any]:
    return {name: getattr(area, name) for name in EDITABLE_FIELDS}


@transaction.atomic
def area_create(
    *, actor: User | None, komnr: str, geometry: BaseGeometry, values: Mapping[str, Any]
) -> BusinessArea:
    """Create one area in ``komnr`` (the actor must be that municipality's planner)."""
    check_may_edit(actor, komnr)
    data = {
        k: v for k, v in values.items() if k in (*EDITABLE_FIELDS, "planid", "plannr", "anvgen")
    }
    data.setdefault("source_updated", timezone.localdate())
    area = BusinessArea(**data, **derived_fields(geometry, komnr))
    area.full_clean(exclude=["geometry_wkb"])
    area.save()
    record_event(action="land.area_create", actor=actor, subject=area, after=_snapshot(area))
    return area


@transaction.atomic
def area_update(
    *, actor: User | None, area: BusinessArea, changes: Mapping[str, Any]
) -> BusinessArea:
    """Change vacancy and plan facts of one area of the actor's own municipality."""
    check_may_edit(actor, area.komnr)
    area = BusinessArea.objects.select_for_update().get(pk=area.pk)
    before = _snapshot(area)
    for name, value in changes.items():
        if name in EDITABLE_FIELDS:
            setattr(area, name, value)
    if "source_updated" not in changes:
        area.source_updated = timezone.localdate()
    area.updated_at = timezone.now()
    area.full_clean(exclude=["geometry_wkb"])
    area.save()
    after = _snapshot(area)
    changed = {k: v for k, v in after.items() if before.get(k) != v}
    record_event(
        action="land.area_update",
        actor=actor,
        subject=area,
        before={k: before[k] for k in changed},
        after=changed,
    )
    return area
