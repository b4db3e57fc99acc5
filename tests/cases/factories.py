"""Test data for the cases app: project facts, users per role, cases in states."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

from rodloeber.accounts.models import Organisation, User
from rodloeber.accounts.services import company_create, user_create
from rodloeber.cases.models import Case, Milestone, Permit
from rodloeber.cases.services.completeness import case_acknowledge
from rodloeber.cases.services.intake import case_submit_new

PASSWORD = "Korrekt-Hest-Batteri-42"

#: A 1.2 GW electrolyser plant in Esbjerg (0561) with a German parent: state
#: (MST, ENS, SIK, AT) and municipal (0561) permits, FDI screening, IDK.
FACTS: dict[str, Any] = {
    "title": "Electrolyser factory Esbjerg (test)",
    "investment_dkk": 1_200_000_000,
    "kind": "new",
    "net_zero_technology": "electrolysers_fuel_cells",
    "nzia_strategic": False,
    "crma_strategic": False,
    "crma_stage": None,
    "capacity_gw_per_year": 1.2,
    "foreign_investor": True,
    "investor_country": "DE",
    "site": {
        "kommune_kode": "0561",
        "zone": "landzone",
        "in_industrial_park": False,
        "local_plan_allows_use": False,
        "municipal_plan_allows_use": True,
        "natura2000_within_km": 1.5,
        "section3_nature_on_site": False,
        "beach_protection_zone": False,
        "contaminated_land": False,
        "archaeology_interest": False,
    },
    "activities": ["bilag1:4.2.a"],
    "eia_annex": "annex1",
    "hazardous_substances": [{"name": "hydrogen", "tonnes": 60}],
    "water_abstraction_m3_per_year": 150000,
    "dewatering": True,
    "wastewater": "recipient",
    "new_buildings_m2": 40000,
    "ets_activities": ["hydrogen_production_over_25t_per_day"],
    "co2_storage": False,
    "grid_connection_mw": 1200,
    "hydrogen_installations": True,
    "construction": {"days": 540, "peak_workers": 250},
}

#: A small domestic project that is not eligible (no criterion met).
SMALL_FACTS: dict[str, Any] = {
    **copy.deepcopy(FACTS),
    "title": "Small workshop (test)",
    "investment_dkk": 20_000_000,
    "net_zero_technology": None,
    "capacity_gw_per_year": None,
    "foreign_investor": False,
    "investor_country": None,
    "activities": [],
    "eia_annex": "none",
    "hazardous_substances": [],
    "ets_activities": [],
    "hydrogen_installations": False,
    "water_abstraction_m3_per_year": 0,
    "dewatering": False,
    "wastewater": "sewer",
    "grid_connection_mw": 0,
    "site": {**FACTS["site"], "zone": "byzone", "local_plan_allows_use": True},
}


def facts(**overrides: Any) -> dict[str, Any]:
    data = copy.deepcopy(FACTS)
    data.update(overrides)
    return data


def org(code: str) -> Organisation:
    return Organisation.objects.get(authority_code=code)


_counter = {"n": 0}


def user(role: str, organisation: Organisation, name: str = "") -> User:
    _counter["n"] += 1
    return user_create(
        actor=None,
        username=name or f"{role}-c{_counter['n']}",
        password=PASSWORD,
        role=role,
        organisation=organisation,
        first_name="Test",
        last_name=role,
        email=f"{role}{_counter['n']}@example.invalid",
    )


def company(cvr: str = "90000047", name: str = "Testfabrikken ApS (test)") -> Organisation:
    existing = Organisation.objects.filter(cvr=cvr).first()
    return existing or company_create(actor=None, cvr=cvr, name=name)


def submit(
    actor: User,
    data: dict[str, Any] | None = None,
    key: str | None = None,
    on: date | None = None,
) -> Case:
    assert actor.organisation is not None and actor.organisation.cvr is not None
    case, _ = case_submit_new(
        actor=actor,
        company_cvr=actor.organisation.cvr,
        facts=data if data is not None else FACTS,
        idempotency_key=key,
        today=on,
    )
    return case


def in_progress(company_user: User, manager: User, on: date | None = None) -> Case:
    """A submitted and acknowledged case (clock started ``on``, default today)."""
    start = on or date.today()
    case = submit(company_user, on=start)
    return case_acknowledge(actor=manager, case=case, on=start, today=max(start, date.today()))


def permit_of(case: Case, code: str) -> Permit:
    return Permit.objects.get(case=case, code=code)


def milestone_of(case: Case, code: str, kind: str = "decision") -> Milestone:
    return Milestone.objects.get(permit__case=case, permit__code=code, kind=kind)


def days(n: int) -> date:
    return date.today() + timedelta(days=n)
