"""Public figures on industrial parks and the land map. Parks are public
decisions and business areas public plan data, so no suppression applies;
demo rows count only in demo mode and are then labelled synthetic."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rodloeber.landmap.models import BusinessArea
from rodloeber.parks.models import ApplicationStatus, Park, ParkApplication, ParkStatus
from rodloeber.reports.figures import Scope
from rodloeber.reports.tables import COUNT, DECIMAL, TEXT, Column, Figure

_PARK_STATUS = {
    ParkStatus.RESERVED: ("Udpeget – statslig arealreservation", "Designated – reservation"),
    ParkStatus.LOCAL_PLAN_ADOPTED: ("Lokalplan vedtaget", "Local plan adopted"),
    ParkStatus.OPEN: ("Åben for virksomheder", "Open for companies"),
    ParkStatus.CEASED: ("Ophørt", "Ceased"),
}
_APP_STATUS = {
    ApplicationStatus.SUBMITTED: ("Under behandling", "Under review"),
    ApplicationStatus.DESIGNATED: ("Udpeget", "Designated"),
    ApplicationStatus.NOT_DESIGNATED: ("Ikke udpeget", "Not designated"),
}


def parks_figure(scope: Scope) -> Figure:
    """Park applications and designated parks by status."""
    apps = ParkApplication.objects.exclude(status=ApplicationStatus.DRAFT)
    parks = Park.objects.select_related("application")
    if not scope.include_demo:
        apps = apps.filter(synthetic=False)
        parks = parks.filter(application__synthetic=False)
    synthetic = apps.filter(synthetic=True).exists()
    rows: list[dict[str, Any]] = []
    for status, (da, en) in _APP_STATUS.items():
        rows.append(
            {
                "key": f"application-{status}",
                "label": f"Ansøgninger: {da.lower()}",
                "label_en": f"Applications: {en.lower()}",
                "count": apps.filter(status=status).count(),
            }
        )
    for pstatus, (da, en) in _PARK_STATUS.items():
        rows.append(
            {
                "key": f"park-{pstatus}",
                "label": f"Parker: {da.lower()}",
                "label_en": f"Parks: {en.lower()}",
                "count": parks.filter(status=pstatus).count(),
            }
        )
    return Figure(
        "industrial-parks",
        "Industriparker",
        "Industrial parks",
        "Ansøgninger om udpegning af industriparker og udpegede parker efter status (L 206 § 13).",
        "Applications for industrial parks and designated parks by status (L 206 § 13).",
        [Column("label", "Gruppe", "Group", TEXT), Column("count", "Antal", "Number", COUNT)],
        rows,
        "bar",
        "count",
        synthetic,
    )


def land_figure(scope: Scope) -> Figure:
    """Business areas and available hectares by region."""
    qs = BusinessArea.objects.all()
    if not scope.include_demo:
        qs = qs.filter(synthetic=False)
    synthetic = qs.filter(synthetic=True).exists()
    areas: dict[str, int] = defaultdict(int)
    ha: dict[str, float] = defaultdict(float)
    names: dict[str, str] = {}
    for code, name, available in qs.values_list("region_code", "region_name", "available_ha"):
        key = code or "unknown"
        names[key] = name or "Ukendt region"
        areas[key] += 1
        ha[key] += available or 0.0
    rows = [
        {
            "key": k,
            "label": names[k],
            "label_en": names[k],
            "areas": areas[k],
            "available_ha": round(ha[k], 1),
        }
        for k in sorted(areas)
    ]
    return Figure(
        "land-by-region",
        "Ledige erhvervsarealer efter region",
        "Vacant business land by region",
        "Antal erhvervsarealer på kortet og ledige hektar pr. region.",
        "Number of business areas on the map and available hectares per region.",
        [
            Column("label", "Region", "Region", TEXT),
            Column("areas", "Arealer", "Areas"),
            Column("available_ha", "Ledige ha", "Available ha", DECIMAL),
        ],
        rows,
        "bar",
        "available_ha",
        synthetic,
    )
