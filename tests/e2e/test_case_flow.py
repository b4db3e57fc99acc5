"""Én indgang in a real browser: the company submits from a saved check → the
case manager acknowledges completeness → the municipality (authority
caseworker of the site's kommune) records a milestone → the company sees the
new date and a notification. axe-core on the main pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.cases.models import Case, Milestone
from rodloeber.web.templatetags.rl_dates import format_day
from tests.cases import factories as f
from tests.conftest import PASSWORD
from tests.e2e.conftest import shoot
from tests.e2e.test_plan_browser import assert_gantt_in_colour

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "src/rodloeber/static/vendor/axe-core/axe.min.js"


@pytest.fixture(autouse=True)
def _fast(settings: Any, tmp_path: Any) -> None:
    settings.RODLOEBER_PLAN_SAMPLES = 200
    settings.MEDIA_ROOT = tmp_path / "media"


def _axe(page: Any) -> None:
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")  # CSP: same-origin file
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], f"{page.url}\n" + "\n".join(serious)


def _login(page: Any, base: str, user: User) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/konto/log-ind")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form#login-form button[type=submit]")
    page.wait_for_selector("[data-testid=role-start]")


def test_submit_acknowledge_milestone_and_company_sees_it(page: Any, live_server: Any) -> None:
    from rodloeber.cases.outbox import work
    from rodloeber.checks.services import saved_check_create

    base = live_server.url
    applicant = f.user(Role.COMPANY_USER, f.company(), "virksomhed")
    manager = f.user(Role.CASE_MANAGER, f.org("ERST"), "kontaktperson")
    esbjerg = f.user(Role.AUTHORITY_CASEWORKER, f.org("0561"), "esbjerg")
    saved = saved_check_create(actor=applicant, facts=f.FACTS, title="Elektrolysefabrik (test)")

    # 1. The company starts an application from its saved check and submits it
    _login(page, base, applicant)
    page.goto(f"{base}/sager")
    _axe(page)
    page.click("[data-testid=start-application]")
    page.wait_for_selector("[data-testid=saved-checks]")
    _axe(page)
    page.click(f"[data-testid=submit-saved-{saved.pk}]")
    page.wait_for_selector("[data-testid=next-steps]")
    case = Case.objects.get(company=applicant.organisation)
    assert case.reference in page.content()
    _axe(page)

    # 2. The case manager acknowledges completeness: the clock starts
    _login(page, base, manager)
    page.goto(f"{base}/sager")
    page.wait_for_selector("[data-testid=workload]")
    _axe(page)
    page.goto(f"{base}/sager/{case.pk}")
    _axe(page)
    page.click("[data-testid=acknowledge]")
    page.wait_for_selector("[data-testid=gantt]")
    assert_gantt_in_colour(page)
    shoot(page, "case-da")
    case.refresh_from_db()
    assert case.clock_start is not None

    # 3. The municipality records an actual date on its first milestone
    milestone = (
        Milestone.objects.filter(permit__case=case, permit__owner=esbjerg.organisation)
        .order_by("permit__position", "position")
        .first()
    )
    assert milestone is not None
    _login(page, base, esbjerg)
    page.goto(f"{base}/sager")
    assert case.reference in page.content()
    page.goto(f"{base}/sager/{case.pk}")
    _axe(page)
    page.click(f"[data-testid=edit-permit-{milestone.permit.code}]")
    page.fill(f"#milestone-{milestone.pk}-actual", f.days(0).isoformat())
    page.click(f"[data-testid=save-milestone-{milestone.pk}]")
    when = format_day(f.days(0), "da")  # Danish date format on Danish pages
    page.wait_for_selector(f"[data-testid=actual-{milestone.pk}]:has-text('{when}')")
    work()  # the outbox worker delivers the in-app notices

    # 4. The company sees the new date and a notification
    _login(page, base, applicant)
    page.goto(f"{base}/sager/{case.pk}")
    page.click(f"[data-testid=permit-{milestone.permit.code}] > summary")
    assert page.inner_text(f"[data-testid=actual-{milestone.pk}]") == when
    notices = page.inner_text("[data-testid=case-notices]")
    assert case.reference in notices
    _axe(page)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    page.goto(f"{base}/sager/{case.pk}")
    assert_gantt_in_colour(page)
    shoot(page, "case-en")
