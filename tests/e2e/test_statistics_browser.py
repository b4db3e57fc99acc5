"""The statistics pages render in a real browser and pass axe (0 serious/critical)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from rodloeber.accounts.roles import Role
from tests.conftest import PASSWORD
from tests.e2e.conftest import shoot
from tests.e2e.test_plan_browser import assert_gantt_in_colour
from tests.reports.conftest import fixed_cases  # noqa: F401  (shared fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _axe_serious(page: Any, base: str) -> list[str]:
    # by URL (script-src 'self'): the CSP forbids inline scripts
    page.add_script_tag(url=f"{base}/static/vendor/axe-core/axe.min.js")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_statistics_page_renders_and_is_accessible(
    page: Any,
    live_server: Any,
    fixed_cases: Any,  # noqa: F811
) -> None:
    page.goto(f"{live_server.url}/statistik")
    chart = page.locator("svg.rl-chart").first
    chart.wait_for()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300
    assert page.locator("svg.rl-chart").count() >= 7
    assert page.locator("table caption").count() >= 8
    assert _axe_serious(page, live_server.url) == []
    page.goto(f"{live_server.url}/statistik/tidsplaner")
    page.locator("table a").first.click()
    page.locator("#changes-heading").wait_for()
    assert _axe_serious(page, live_server.url) == []
    if page.locator("[data-testid=gantt]").count():
        assert_gantt_in_colour(page)
    shoot(page, "schedule-da")


def test_internal_reports_are_accessible(
    page: Any,
    live_server: Any,
    make_user: Any,
    fixed_cases: Any,  # noqa: F811
) -> None:
    from rodloeber.reports.budget import seed_budget
    from rodloeber.reports.models import BudgetAllocation, BudgetLine

    seed_budget(BudgetLine, BudgetAllocation)  # flushed by earlier browser tests
    analyst = make_user(Role.MINISTRY_ANALYST)
    client = Client()
    assert client.login(username=analyst.username, password=PASSWORD)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    for path in (
        "/statistik/aarsrapport?aar=2025",
        "/statistik/budget",
        "/statistik/budget/forbrug",
    ):
        page.goto(f"{live_server.url}{path}")
        page.locator("h1").wait_for()
        assert _axe_serious(page, live_server.url) == [], path
