"""Rules you can rely on, in a real browser (issue #15): the case manager reads
the open legal questions (rule marks vs planning estimates) and registers a
strategic-project recognition on the case page, first with a bad date (DKFDS
error summary), then correctly; in Danish and English. axe-core on both pages."""

from __future__ import annotations

import os
from datetime import date
from typing import Any

import pytest

from rodloeber.accounts.roles import Role
from rodloeber.cases.models import StrategicRecognition
from tests.cases import factories as f
from tests.cases.test_strategic import CRMA_RECYCLER
from tests.e2e.conftest import shoot
from tests.e2e.test_case_flow import _axe, _login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _english(page: Any) -> None:
    page.click("button[name=language][value=en]")
    page.wait_for_function("document.documentElement.lang === 'en'")


@pytest.mark.allow_console(r"status of 422 .*/strategisk-anerkendelse\)$")
def test_open_questions_and_strategic_recognition_form(page: Any, live_server: Any) -> None:
    base = live_server.url
    applicant = f.user(Role.COMPANY_USER, f.company(), "virksomhed")
    manager = f.user(Role.CASE_MANAGER, f.org("ERST"), "kontaktperson")
    case = f.submit(applicant, CRMA_RECYCLER, on=date(2026, 3, 2))

    _login(page, base, manager)
    page.goto(f"{base}/tjek/regler/aabne-spoergsmaal")
    assert "regler i regelkatalog" in page.content()
    assert page.locator("[data-testid=estimates]").count() == 1
    assert page.locator("tr[data-code='l206_s2_stk2']").count() == 1
    _axe(page)
    shoot(page, "open-questions-da")
    folder = os.environ.get("RODLOEBER_SCREENSHOTS")
    if folder:  # the top of the long page, as a person first sees it
        page.screenshot(path=f"{folder}/open-questions-da-top.png")

    page.goto(f"{base}/sager/{case.pk}")
    page.click("#strategic-heading ~ details summary")
    page.select_option("#strategic-regime", "crma")
    page.fill("#strategic-date", "2999-01-01")
    page.fill("#strategic-by", "Europa-Kommissionen")
    page.fill("#strategic-ref", "C(2026) 123")
    page.check("#strategic-inp-yes")
    page.click("[data-testid=strategic-submit]")
    page.wait_for_selector("[data-testid=error-summary]")
    assert "kan ikke ligge i fremtiden" in page.content()
    assert not StrategicRecognition.objects.filter(case=case).exists()
    shoot(page, "strategic-error-da")
    page.fill("#strategic-date", "2026-02-01")
    page.click("[data-testid=strategic-submit]")
    page.wait_for_selector("[data-testid=recognition]")
    assert "1. feb. 2026" in page.locator("[data-testid=recognition]").inner_text()
    _axe(page)
    page.locator("[data-testid=strategic-recognitions]").scroll_into_view_if_needed()
    shoot(page, "strategic-registered-da")

    _english(page)
    assert "1 Feb 2026" in page.locator("[data-testid=recognition]").inner_text()
    assert "Strategic-project recognitions" in page.content()
    shoot(page, "strategic-registered-en")
    page.goto(f"{base}/tjek/regler/aabne-spoergsmaal")
    assert "Planning estimates and details" in page.content()
    shoot(page, "open-questions-en")
    if folder:
        page.locator("#estimates-heading").scroll_into_view_if_needed()
        page.screenshot(path=f"{folder}/open-questions-en-estimates.png")
