"""One deadline for a CRMA case: the case clock, the API, the plan and the case page
subtract the excluded EIA step (CRMA Art. 11(3)) the same way (issue #16)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from rodloeber.accounts.models import User
from rodloeber.cases.models import PlanSnapshot
from rodloeber.cases.planning import case_clock, clock_dict
from rodloeber.cases.presenters import current_plan
from rodloeber.cases.services.completeness import case_acknowledge
from rodloeber.cases.services.strategic import case_strategic_recognition_record
from rodloeber.domain.planning import add_months
from rodloeber.web.templatetags.rl_dates import format_day
from tests.cases import factories as f

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)

CRMA_RECYCLER = f.facts(
    title="Battery recycling (test)",
    net_zero_technology=None,
    capacity_gw_per_year=None,
    crma_stage="recycling",
    crma_materials=["lithium", "cobalt"],
    crma_strategic=False,
)


def test_crma_case_shows_one_deadline_everywhere(applicant: User, manager: User) -> None:
    case = f.submit(applicant, CRMA_RECYCLER, on=TODAY)
    case_strategic_recognition_record(
        actor=manager,
        case=case,
        regime="crma",
        decided_on=date(2026, 2, 1),
        decided_by="Europa-Kommissionen",
        reference="C(2026) 123",
        in_permitting_when_recognised=True,
        today=TODAY,
    )
    case = case_acknowledge(actor=manager, case=case, on=TODAY, today=TODAY)
    case.refresh_from_db()
    assert case.cap_regime and case.cap_months == 12  # CRMA Art. 11(2)

    snap = case.plans.get(kind=PlanSnapshot.CURRENT)
    assert snap.data["clock_excluded"] == ["eia_permit"]
    excluded_days = snap.data["excluded_days"]
    assert excluded_days > 0
    assert snap.cap_deadline > add_months(TODAY, 12)  # the EIA step does not count
    plan = current_plan(case)
    assert plan is not None and plan.cap_deadline == snap.cap_deadline

    clock = case_clock(case)
    assert clock is not None and clock.excluded_days == excluded_days
    assert clock.deadline() == plan.cap_deadline == case.cap_deadline

    api = clock_dict(case, TODAY)
    assert api["deadline"] == plan.cap_deadline.isoformat()
    assert api["excluded_days"] == excluded_days
    client = Client()
    client.force_login(manager)
    data = client.get(f"/api/v1/cases/{case.pk}").json()
    assert data["clock"]["deadline"] == data["cap"]["deadline"] == plan.cap_deadline.isoformat()
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    shown = format_day(plan.cap_deadline, "da")
    assert f"<dd>{shown}</dd>" in page  # "Fristudløb" in the summary
    # the remaining days count the excluded time as stopped, not as used
    status = clock.status(plan.cap_deadline)
    assert status.remaining_days == 0


def test_without_exclusions_the_clock_is_the_plain_cap(applicant: User, manager: User) -> None:
    case = f.in_progress(applicant, manager, on=TODAY)
    plan = current_plan(case)
    clock = case_clock(case)
    assert plan is not None and clock is not None
    assert case.plans.get(kind=PlanSnapshot.CURRENT).data["excluded_days"] == 0
    assert clock.excluded_days == 0
    assert clock.deadline() == plan.cap_deadline == case.cap_deadline
