"""The process plan renders as an accessible Gantt chart in a real browser.

The chart is in colour (its stylesheet is a static file the CSP allows; fills
are SVG attributes), in both languages, with zero console errors (the ``page``
fixture fails the test on any). ``RODLOEBER_SCREENSHOTS=DIR`` keeps PNGs to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import shoot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
AXE = Path(__file__).resolve().parents[2] / "src/rodloeber/static/vendor/axe-core/axe.min.js"


def assert_gantt_in_colour(page: Any) -> None:
    """The CSS from gantt.css applies and every bar is filled with its status pattern."""
    chart = page.locator("[data-testid=gantt] svg")
    chart.wait_for()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 200
    styles = page.evaluate(
        """() => {
          const cap = document.querySelector('[data-testid=gantt] .marker.cap');
          const bars = [...document.querySelectorAll('[data-testid=gantt] .row .bar')];
          return {dash: getComputedStyle(cap).strokeDasharray,
                  fills: bars.map(b => getComputedStyle(b).fill)};
        }"""
    )
    assert styles["dash"] not in ("", "none")  # the stylesheet is applied
    assert styles["fills"] and all(f.startswith("url(") for f in styles["fills"]), styles


def test_gantt_renders_and_is_accessible(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/procesplan")
    assert_gantt_in_colour(page)
    assert page.locator("[data-testid=plan-table] tbody tr").count() >= 10
    assert "sep. 2027" in page.locator("[data-testid=cap-deadline]").inner_text()
    shoot(page, "procesplan-da")
    page.select_option("#example", "battery_factory_park")
    page.click("#plan-form button[type=submit]")
    page.locator("[data-testid=cap]").wait_for()
    assert "12" in page.locator("[data-testid=cap]").inner_text()
    assert_gantt_in_colour(page)
    assert page.locator("[data-testid=measures] tbody tr").count() >= 1  # fits with measures
    assert page.locator("[data-testid=risk-drivers] li").count() >= 1
    # item 3: the plan cannot fit with an 80 % margin and says what stays at risk
    assert "80 %" in page.locator("[data-testid=risk-remains]").inner_text()
    # item 5: every duration with its basis and source
    assert "servicemål" in page.locator("[data-testid=plan-table]").inner_text()
    shoot(page, "procesplan-battery-da")
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")  # CSP: same-origin file
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_gantt_in_english(page: Any, live_server: Any) -> None:
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"{live_server.url}/procesplan")
    assert_gantt_in_colour(page)
    assert "Sep 2027" in page.locator("[data-testid=cap-deadline]").inner_text()
    assert page.locator("[data-testid=gantt] svg").get_attribute("lang") == "en"
    shoot(page, "procesplan-en")
    page.goto(f"{live_server.url}/procesplan?example=battery_factory_park")
    assert_gantt_in_colour(page)
    shoot(page, "procesplan-battery-en")


def test_public_schedule_chart_in_both_languages(page: Any, live_server: Any) -> None:
    from rodloeber.accounts.roles import Role
    from rodloeber.cases.services.completeness import case_publish_schedule
    from tests.cases import factories as f

    manager = f.user(Role.CASE_MANAGER, f.org("ERST"))
    case = f.in_progress(f.user(Role.COMPANY_USER, f.company()), manager)
    case_publish_schedule(actor=manager, case=case)
    url = f"{live_server.url}/statistik/tidsplaner/{case.public_id}"
    page.goto(url)
    assert_gantt_in_colour(page)
    shoot(page, "schedule-da")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(url)
    assert_gantt_in_colour(page)
    assert page.locator("[data-testid=gantt] svg").get_attribute("lang") == "en"
    shoot(page, "schedule-en")


def test_gantt_prints(page: Any, live_server: Any) -> None:
    """Print media: the chart stays whole and visible; the form and buttons are hidden."""
    page.goto(f"{live_server.url}/procesplan")
    page.emulate_media(media="print")
    chart = page.locator("[data-testid=gantt] svg")
    box = chart.bounding_box()
    assert box is not None and box["width"] > 600
    assert not page.locator("#plan-form").is_visible()
    assert not page.locator("[data-testid=gantt-svg]").is_visible()
    shoot(page, "procesplan-print")
