"""The cap alert on a case: below the threshold it names the drivers and a measure."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from rodloeber.accounts.roles import Role
from rodloeber.cases.models import PlanSnapshot
from rodloeber.cases.plan_alerts import plan_alert_for_case
from tests.cases import factories as f

pytestmark = pytest.mark.django_db


def _case() -> Any:
    applicant = f.user(Role.COMPANY_USER, f.company())
    manager = f.user(Role.CASE_MANAGER, f.org("ERST"))
    return f.in_progress(applicant, manager), manager


def test_alert_below_threshold_with_drivers_and_suggestion(settings: Any) -> None:
    settings.RODLOEBER_PLAN_ALERT_THRESHOLD = 0.9
    case, manager = _case()
    snap = case.plans.get(kind=PlanSnapshot.CURRENT)
    assert snap.data["risk_drivers"]  # stored with the plan
    snap.data["p_within_cap"] = 0.42  # as if the authorities had reported delays
    snap.save()
    alert = plan_alert_for_case(case)
    assert alert is not None and alert.alert.drivers
    text = alert.text("da")
    assert "er 42 % (under 90 %)" in text and "kritiske vej" in text
    top = alert.alert.drivers[0]
    assert all(m.permit == top.code for m in alert.suggestions)
    c = Client()
    c.force_login(manager)
    page = c.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-testid="plan-alert"' in page and "Fristen er i fare" in page


def test_no_alert_at_or_above_threshold(settings: Any) -> None:
    settings.RODLOEBER_PLAN_ALERT_THRESHOLD = 0.0
    case, _ = _case()
    assert plan_alert_for_case(case) is None


def test_schedule_deadline_is_a_next_step_until_published() -> None:
    from rodloeber.cases.services.completeness import case_publish_schedule
    from rodloeber.domain.planning import add_months

    case, manager = _case()
    c = Client()
    c.force_login(manager)
    url = reverse("cases:detail", args=[case.pk])
    due = add_months(case.clock_start, 2)
    page = c.get(url).content.decode()
    assert "offentliggør den (NZIA art. 9, stk. 11)" in page
    assert f"{due.day}. " in page  # the date the schedule is due
    case_publish_schedule(actor=manager, case=case)
    assert "offentliggør den (NZIA art. 9, stk. 11)" not in c.get(url).content.decode()


def test_batch_reads_the_latest_current_plan_of_each_case(settings: Any) -> None:
    from rodloeber.cases.plan_alerts import plan_alerts_for_cases

    settings.RODLOEBER_PLAN_ALERT_THRESHOLD = 0.9
    (alerting, _), (calm, _) = _case(), _case()
    old = alerting.plans.get(kind=PlanSnapshot.CURRENT)
    newer = PlanSnapshot.objects.create(
        case=alerting,
        kind=PlanSnapshot.CURRENT,
        data={**old.data, "p_within_cap": 0.42},  # a re-computed plan after delays
        cap_deadline=old.cap_deadline,
        expected_end=old.expected_end,
    )
    calm_snap = calm.plans.get(kind=PlanSnapshot.CURRENT)
    calm_snap.data["p_within_cap"] = 0.99
    calm_snap.save()
    alerts = plan_alerts_for_cases([alerting, calm])
    assert set(alerts) == {alerting.pk}  # the calm case has no alert
    single = plan_alert_for_case(alerting)
    assert single is not None and newer.pk > old.pk
    assert alerts[alerting.pk].text("da") == single.text("da")
    assert "er 42 %" in single.text("da")  # the newest current plan, not the first
    assert plan_alerts_for_cases([]) == {}
