"""Criterion C from the designated industrial parks in the database (industriparker).

The eligibility rules (``rodloeber.domain.criteria.criterion_c``) take
``site.in_industrial_park`` as a fact. When the site is a point on the map,
this module derives the fact from the parks designated under § 13 of the
Planning Act (lov om planlægning, as amended by L 206) and says which park:

* the point lies in a park whose lokalplan is adopted (status *local plan
  adopted* or *open for companies*) → ``in_industrial_park = True``;
* it lies in a designated park still awaiting its lokalplan → ``False``, because
  no company may settle before a lokalplan reserves the area for production;
* it lies in no state-designated park → the user's own answer stands, because
  municipal industrial parks count too (the minister's answer to ERU spm. 278),
  and those are not in the database.

With only a municipality (no point) the fact is not derived; the designated
parks in that municipality are listed so the user can check. Framework-free
domain code stays untouched: this module only fills in the fact.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import shapely
from django.urls import reverse
from shapely.geometry import shape

from rodloeber.parks.models import Park, ParkStatus
from rodloeber.parks.selectors import active_parks

LEGAL_BASIS = (
    "Lov om planlægning § 13 (udpegning af industriparker), som ændret ved L 206 (2024-25); "
    "aftalens punkt 3C"
)
#: Statuses in which companies may settle (a lokalplan reserves the area).
OPEN_FOR_COMPANIES = frozenset({ParkStatus.LOCAL_PLAN_ADOPTED, ParkStatus.OPEN})

INSIDE_OPEN = "inside_open"
INSIDE_NOT_OPEN = "inside_not_open"
OUTSIDE = "outside"
IN_KOMMUNE = "in_kommune"


@dataclass(frozen=True)
class ParkInfo:
    id: int
    name: str
    municipality: str
    designated_on: date
    status: str
    status_label: str
    open_for_companies: bool
    local_plan_id: str
    url: str
    synthetic: bool


@dataclass(frozen=True)
class ParkMatch:
    """How the site relates to the designated parks, and the fact it gives (if any)."""

    kind: str
    parks: tuple[ParkInfo, ...] = field(default=())
    derived: bool | None = None
    legal_basis: str = LEGAL_BASIS

    @property
    def park(self) -> ParkInfo | None:
        return self.parks[0] if self.parks else None


def _info(park: Park) -> ParkInfo:
    app = park.application
    return ParkInfo(
        id=park.pk,
        name=app.name,
        municipality=app.lead_municipality.name,
        designated_on=park.designated_on,
        status=park.status,
        status_label=str(park.get_status_display()),
        open_for_companies=park.status in OPEN_FOR_COMPANIES,
        local_plan_id=park.local_plan_id,
        url=reverse("parks:park", args=[park.pk]),
        synthetic=app.synthetic,
    )


def _parks() -> list[Park]:
    return list(active_parks().select_related("application__lead_municipality"))


def parks_at(lon: float, lat: float) -> list[Park]:
    """Active (not ceased) parks whose area covers the point (EPSG:4326)."""
    point = shapely.Point(lon, lat)
    found = []
    for park in _parks():
        try:
            area = shape(park.application.geometry)
        except (ValueError, TypeError, AttributeError, KeyError):
            continue  # a stored area that cannot be read never answers "inside"
        if area.covers(point):
            found.append(park)
    return found


def match_site(point: Any = None, kommune_kode: str | None = None) -> ParkMatch | None:
    """The relation of the site to the designated parks (None: nothing to say)."""
    if isinstance(point, list | tuple) and len(point) == 2:
        try:
            lon, lat = float(point[0]), float(point[1])
        except (TypeError, ValueError):
            return None  # not a position: the facts validation reports it
        inside = sorted(parks_at(lon, lat), key=lambda p: p.status not in OPEN_FOR_COMPANIES)
        if not inside:
            return ParkMatch(OUTSIDE)
        infos = tuple(_info(p) for p in inside)
        if infos[0].open_for_companies:
            return ParkMatch(INSIDE_OPEN, infos, derived=True)
        return ParkMatch(INSIDE_NOT_OPEN, infos, derived=False)
    if kommune_kode:
        in_kommune = list(
            active_parks()
            .filter(application__municipalities__authority_code=kommune_kode)
            .distinct()
        )
        if in_kommune:
            return ParkMatch(IN_KOMMUNE, tuple(_info(p) for p in in_kommune))
    return None


def apply_park_fact(facts: MutableMapping[str, Any]) -> ParkMatch | None:
    """Fill in ``site.in_industrial_park`` from the designated parks when the point
    decides it; returns the match for the explanation."""
    site = facts.get("site")
    if not isinstance(site, MutableMapping):
        return None
    match = match_site(site.get("point"), site.get("kommune_kode"))
    if match is not None and match.derived is not None:
        site["in_industrial_park"] = match.derived
    return match
