"""The yearly status report (årlig status til aftalepartierne, aftalens punkt 23):
cases, times against the caps, call-ins, parks and sunset dates, land-map
coverage by municipality and budget use for one calendar year. Case figures
are suppressed with the same rule as the public statistics."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from rodloeber.accounts.models import Organisation
from rodloeber.accounts.roles import OrgKind
from rodloeber.cases.models import CallIn, CaseStatus, RequestStatus
from rodloeber.domain import statistics as st
from rodloeber.landmap.models import BusinessArea
from rodloeber.parks.models import Park
from rodloeber.reports.figures import Scope, counted_cases, decided_permits, min_group_size
from rodloeber.reports.variance import VarianceRow, totals, variance_rows


@dataclass(frozen=True)
class YearlyReport:
    year: int
    scope: Scope
    synthetic: bool
    cases: dict[str, int | None]
    cap: dict[str, Any]
    permit_types: list[dict[str, Any]]
    call_ins: dict[str, int | None]
    parks: list[dict[str, Any]]
    land: list[dict[str, Any]]
    land_municipalities: int
    municipalities_total: int
    budget: list[VarianceRow]
    budget_total: Any


def _in_year(d: date | None, year: int) -> bool:
    return d is not None and d.year == year


def yearly_report(year: int, scope: Scope) -> YearlyReport:
    mg = min_group_size()
    cases = list(counted_cases(scope))
    synthetic = any(c.synthetic for c in cases)
    counts = {
        "submitted": sum(1 for c in cases if c.submitted_at and c.submitted_at.year == year),
        "acknowledged": sum(1 for c in cases if _in_year(c.clock_start, year)),
        "decided": sum(
            1 for c in cases if c.status == CaseStatus.DECIDED and _in_year(c.decided_on, year)
        ),
        "not_eligible": sum(
            1 for c in cases if c.status == CaseStatus.NOT_ELIGIBLE and c.updated_at.year == year
        ),
        "open_at_year_end": sum(
            1
            for c in cases
            if c.clock_start
            and c.clock_start.year <= year
            and (c.decided_on is None or c.decided_on.year > year)
            and c.status in (CaseStatus.IN_PROGRESS, CaseStatus.DECIDED)
        ),
    }
    decided = [
        c
        for c in cases
        if c.status == CaseStatus.DECIDED
        and _in_year(c.decided_on, year)
        and c.cap_deadline
        and c.clock_start
    ]
    days = [(c.decided_on - c.clock_start).days for c in decided]  # type: ignore[operator]
    summary = st.summarize_durations(days, min_group=mg)
    within = st.share(
        sum(
            1 for c in decided if c.decided_on and c.cap_deadline and c.decided_on <= c.cap_deadline
        ),
        len(decided),
        min_group=mg,
    )
    cap = {"summary": summary, "within": within}
    by_type: dict[str, list[int]] = defaultdict(list)
    names: dict[str, str] = {}
    for p, d in decided_permits(scope):
        if _in_year(p.decision_date, year):
            by_type[p.code].append(d)
            names[p.code] = p.name_da
    permit_types = [
        {"code": k, "name": names[k], "summary": st.summarize_durations(v, min_group=mg)}
        for k, v in sorted(by_type.items())
    ]
    callins = CallIn.objects.filter(requested_at__year=year, permit__case__in=counted_cases(scope))
    call_ins = {
        str(s): callins.filter(status=s).count()
        for s in (RequestStatus.PENDING, RequestStatus.APPROVED, RequestStatus.REJECTED)
    }
    call_ins_shown = st.suppress_counts(call_ins, min_group=mg)
    parks_qs = Park.objects.select_related("application", "application__lead_municipality")
    if not scope.include_demo:
        parks_qs = parks_qs.filter(application__synthetic=False)
    parks = [
        {
            "name": p.application.name,
            "municipality": p.application.lead_municipality.name,
            "status": p.get_status_display(),
            "designated_on": p.designated_on,
            "sunset_on": p.sunset_on,
            "area_ha": p.application.area_ha,
            "sunset_soon": p.sunset_on.year <= year + 1,
            "synthetic": p.application.synthetic,
        }
        for p in parks_qs.order_by("sunset_on")
    ]
    areas = BusinessArea.objects.all()
    if not scope.include_demo:
        areas = areas.filter(synthetic=False)
    land_by: dict[str, dict[str, Any]] = {}
    for komnr, name, ha in areas.values_list("komnr", "kommune_name", "available_ha"):
        row = land_by.setdefault(komnr, {"komnr": komnr, "name": name, "areas": 0, "ha": 0.0})
        row["areas"] += 1
        row["ha"] += ha or 0.0
    budget = variance_rows(year)
    return YearlyReport(
        year=year,
        scope=scope,
        synthetic=synthetic,
        cases={k: (None if st.is_small(v, mg) else v) for k, v in counts.items()},
        cap=cap,
        permit_types=permit_types,
        call_ins=call_ins_shown,
        parks=parks,
        land=sorted(land_by.values(), key=lambda r: r["komnr"]),
        land_municipalities=len(land_by),
        municipalities_total=Organisation.objects.filter(kind=OrgKind.MUNICIPALITY).count(),
        budget=budget,
        budget_total=totals(budget).get(year),
    )
