"""Public statistics as JSON (offentlig statistik): the same suppressed
figures as the page /statistik and its CSV/XLSX downloads."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from rodloeber.reports.api.schemas import StatisticsOut
from rodloeber.reports.statistics import public_payload

router = Router(tags=["statistics"])


@router.get(
    "/statistics",
    auth=None,
    response=StatisticsOut,
    summary="Public statistics (suppressed; no confidential data)",
    operation_id="statistics",
)
def statistics(request: HttpRequest) -> Any:
    """Cases by criterion, status and region; processing time per permit type and
    authority (median, P90, share within the service target); share decided
    within the cap with pauses and extensions; trend per quarter; industrial
    parks; business land. Groups with fewer than ``min_group_size`` cases are
    ``null`` ("–" on the page). ``synthetic_included`` is true when demo data
    (syntetiske demodata) is counted."""
    return public_payload()
