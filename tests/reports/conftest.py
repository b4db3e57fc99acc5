"""A fixed, hand-computed data set for the statistics tests (see test_figures.py).

Cases (clock start → decided; cap deadline):
  C1 decided 0561 A   2025-01-10 → 2025-07-01 (within; published schedule)
  C2 decided 0561 A   2025-02-01 → 2026-03-01 (late; 1 pause, 1 approved extension)
  C3 decided 0561 B1  2025-03-01 → 2025-09-01 (within)
  C4 decided 0751 A   2025-04-01 → 2025-10-01 (within)
  C5 in_progress 0751 B1, C6 submitted 0101 A, C7 not_eligible 0561 (no criterion)
  D  draft (never counted)
Permits: eia_screening (target 90 days, MST) decided after 50, 90, 122, 30 days
(C1..C4); building_permit (0561) decided in C1 and C2 only (n = 2).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from rodloeber.accounts.roles import Role
from rodloeber.reports.figures import Scope

TODAY = date(2026, 6, 30)
SECRET_COMPANIES = [("Hemmelig Fabrik ApS", "31313139"), ("Fortrolig Industri A/S", "31313147")]
SECRET_PERSON = ("Karen", "Hemmeligsen", "karen.hemmeligsen@example.invalid")
SECRET_TITLE = "Skjult batterifabrik"
PUBLIC_TITLE = "Elektrolyseanlæg ved havnen"


def _elig(code: str | None) -> dict[str, Any]:
    crits = []
    for c in ("A", "B1", "B2", "C"):
        crits.append(
            {"code": c, "met": c == code, "name_da": f"Kriterium {c}", "name_en": f"Criterion {c}"}
        )
    return {"eligible": code is not None, "criteria": crits}


def _dt(d: date) -> datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime(d.year, d.month, d.day, 12))


@pytest.fixture(autouse=True)
def _budget(request: pytest.FixtureRequest) -> None:
    """Tabel 1 is seeded by a data migration; browser tests flush it, so re-seed."""
    if request.node.get_closest_marker("django_db") is None and "db" not in request.fixturenames:
        return
    request.getfixturevalue("db")
    from rodloeber.reports.budget import seed_budget
    from rodloeber.reports.models import BudgetAllocation, BudgetLine

    if not BudgetLine.objects.exists():
        seed_budget(BudgetLine, BudgetAllocation)


@pytest.fixture
def scope() -> Scope:
    return Scope(include_demo=False, today=TODAY)


@pytest.fixture
def fixed_cases(db: Any) -> dict[str, Any]:
    from rodloeber.accounts.models import Organisation
    from rodloeber.accounts.services import company_create, user_create
    from rodloeber.cases.models import (
        Case,
        ExtensionRequest,
        Pause,
        Permit,
        RequestStatus,
    )

    companies = [company_create(actor=None, cvr=cvr, name=n) for n, cvr in SECRET_COMPANIES]
    person = user_create(
        actor=None,
        username="karen",
        password="Korrekt-Hest-Batteri-42",
        role=Role.COMPANY_USER,
        organisation=companies[0],
        first_name=SECRET_PERSON[0],
        last_name=SECRET_PERSON[1],
        email=SECRET_PERSON[2],
    )
    mst = Organisation.objects.get(authority_code="MST")
    esbjerg = Organisation.objects.get(authority_code="0561")
    spec = [
        ("C1", "decided", "0561", "A", "2025-01-05", "2025-01-10", "2025-07-01", "2025-12-31"),
        ("C2", "decided", "0561", "A", "2025-01-20", "2025-02-01", "2026-03-01", "2026-02-01"),
        ("C3", "decided", "0561", "B1", "2025-02-15", "2025-03-01", "2025-09-01", "2026-03-01"),
        ("C4", "decided", "0751", "A", "2025-03-20", "2025-04-01", "2025-10-01", "2026-04-01"),
        ("C5", "in_progress", "0751", "B1", "2025-05-10", "2025-06-01", None, "2026-12-01"),
        ("C6", "submitted", "0101", "A", "2025-05-20", None, None, None),
        ("C7", "not_eligible", "0561", None, "2025-08-01", None, None, None),
        ("D", "draft", "0561", "A", None, None, None, None),
    ]
    cases: dict[str, Any] = {}
    for i, (ref, status, kode, crit, sub, clock, dec, cap) in enumerate(spec):
        d = {
            k: (date.fromisoformat(v) if v else None)
            for k, v in {"sub": sub, "clock": clock, "dec": dec, "cap": cap}.items()
        }
        cases[ref] = Case.objects.create(
            reference=f"ENI-TEST-{ref}",
            title=PUBLIC_TITLE if ref == "C1" else f"{SECRET_TITLE} {ref}",
            company=companies[i % 2],
            created_by=person,
            status=status,
            facts={"site": {"kommune_kode": kode}},
            eligibility=_elig(crit),
            eligible=crit is not None,
            submitted_at=_dt(d["sub"]) if d["sub"] else None,
            clock_start=d["clock"],
            decided_on=d["dec"],
            cap_deadline=d["cap"],
            cap_months=12,
            contact_person=person,
            schedule_published_at=_dt(date(2025, 2, 1)) if ref == "C1" else None,
        )
    eia_days = {"C1": 50, "C2": 90, "C3": 122, "C4": 30}
    for ref, days in eia_days.items():
        c = cases[ref]
        Permit.objects.create(
            case=c,
            code="eia_screening",
            name_da="VVM-screening",
            name_en="EIA screening",
            authority_level="state",
            authority_name=mst.name,
            owner=mst,
            status="decided",
            decision="granted",
            decision_date=date.fromordinal(c.clock_start.toordinal() + days),
        )
    for ref in ("C1", "C2"):
        c = cases[ref]
        p = Permit.objects.create(
            case=c,
            code="building_permit",
            name_da="Byggetilladelse",
            name_en="Building permit",
            authority_level="municipal",
            authority_name=esbjerg.name,
            owner=esbjerg,
            status="decided",
            decision="granted",
            decision_date=c.decided_on,
            position=1,
        )
        if ref == "C2":
            Pause.objects.create(
                permit=p,
                reason="applicant_supplementing",
                stops_clock=True,
                note=f"Note om {SECRET_COMPANIES[1][0]}",
                start=date(2025, 6, 1),
                resume=date(2025, 7, 1),
            )
            ExtensionRequest.objects.create(
                case=c,
                permit=p,
                months=3,
                reason=f"Begrundelse {SECRET_PERSON[1]}",
                requested_by=person,
                status=RequestStatus.APPROVED,
                decided_on=date(2025, 8, 1),
            )
    # C1 (published) has a pause too, with a confidential note that must not leak.
    Pause.objects.create(
        permit=Permit.objects.get(case=cases["C1"], code="building_permit"),
        reason="applicant_supplementing",
        stops_clock=True,
        note=f"Ring til {SECRET_PERSON[0]} {SECRET_PERSON[1]}",
        start=date(2025, 3, 1),
        resume=date(2025, 3, 15),
    )
    return cases


@pytest.fixture
def analyst(make_user: Any) -> Any:
    return make_user(Role.MINISTRY_ANALYST)


@pytest.fixture
def administrator(make_user: Any) -> Any:
    return make_user(Role.ADMINISTRATOR)
