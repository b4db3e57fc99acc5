"""Demo cases: every state, labelled synthetic, idempotent."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from rodloeber.accounts.demo import demo_load
from rodloeber.cases.demo import SCENARIOS, cases_demo_load
from rodloeber.cases.models import CallIn, Case, ExtensionRequest, Milestone, Pause, PlanSnapshot
from rodloeber.cases.plan_alerts import alert_threshold, plan_alert_for_case


@pytest.mark.django_db
def test_demo_cases_cover_every_state_and_load_once(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    demo_load()
    assert cases_demo_load() == len(SCENARIOS)
    cases = Case.objects.all()
    assert cases.count() == len(SCENARIOS) >= 30
    assert all(c.synthetic and c.title.endswith("(demo)") for c in cases)
    statuses = set(cases.values_list("status", flat=True))
    assert statuses == {
        "draft",
        "submitted",
        "information_requested",
        "in_progress",
        "decided",
        "not_eligible",
        "withdrawn",
    }
    assert cases.filter(foreign_investor=True).count() == 2
    assert Pause.objects.filter(resume__isnull=True).count() == 3
    assert ExtensionRequest.objects.filter(status="approved").count() == 1
    assert CallIn.objects.filter(status="approved").count() == 1
    # Dates are relative to today: the past is reported, so the inbox looks like
    # a working day — a few milestones late (the "overdue" case), most on time.
    today = timezone.localdate()
    late = Milestone.objects.filter(
        actual__isnull=True, forecast__lt=today, permit__case__status="in_progress"
    ).exclude(permit__status="decided")
    upcoming = Milestone.objects.filter(
        actual__isnull=True, forecast__gte=today, permit__case__status="in_progress"
    )
    assert 1 <= late.count() <= 10 < upcoming.count()
    assert cases_demo_load() == 0
    assert Case.objects.count() == len(SCENARIOS)
    _no_low_probability_without_its_reason(cases)


def _no_low_probability_without_its_reason(cases: Any) -> None:
    """Issue #16: a demo case below the alert threshold says why (drivers) and what helps."""
    low = []
    for case in cases.filter(status="in_progress"):
        snap = case.plans.filter(kind=PlanSnapshot.CURRENT).first()
        p = None if snap is None else snap.data.get("p_within_cap")
        if p is None or p >= alert_threshold():
            continue
        alert = plan_alert_for_case(case)
        assert alert is not None, case.title
        assert alert.alert.drivers and case.cap_months, case.title
        text = alert.text("da")
        assert alert.alert.drivers[0].name_da in text, (case.title, text)
        if any(d.possible for d in alert.alert.drivers):  # and what it is without them
            assert alert.alert.p_if_possible_not_needed is not None, case.title
            assert "kun måske er nødvendige" in text, text
        low.append((case.title, round(p, 2), alert.suggestion_labels("da")))
    assert low, "the demo shows the alert on at least one case"
