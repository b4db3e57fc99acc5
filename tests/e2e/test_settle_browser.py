"""The case page in a browser: the case manager clicks "Nødvendig" / "Needed" on a
permit beside the plan; it moves into the plan, marked as added after the
baseline (issues #15 item 8, #16). Danish and English, axe-core."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from rodloeber.accounts.roles import Role
from rodloeber.cases.models import Permit
from tests.cases import factories as f
from tests.e2e.test_case_flow import _axe, _login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fast(settings: Any, tmp_path: Any) -> None:
    settings.RODLOEBER_PLAN_SAMPLES = 200
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_settle_needed_on_the_case_page(page: Any, live_server: Any, lang: str) -> None:
    base = live_server.url
    applicant = f.user(Role.COMPANY_USER, f.company(), f"virksomhed-{lang}")
    manager = f.user(Role.CASE_MANAGER, f.org("ERST"), f"kontaktperson-{lang}")
    case = f.in_progress(applicant, manager)
    permit = case.permits.filter(certainty="possible").order_by("position").first()
    assert permit is not None
    _login(page, base, manager)
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": base}])
    page.goto(f"{base}/sager/{case.pk}")
    section = page.locator("[data-testid=beside-plan]")
    section.wait_for()
    assert ("Not in the plan" if lang == "en" else "Ikke i planen") in section.inner_text()
    item = page.locator(f"[data-testid=beside-{permit.code}]")
    item.scroll_into_view_if_needed()
    if folder := os.environ.get("RODLOEBER_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        section.screenshot(path=str(Path(folder) / f"case-beside-plan-{lang}.png"))
    _axe(page)
    button = page.locator(f"[data-testid=settle-needed-{permit.code}]")
    assert ("Needed" if lang == "en" else "Nødvendig") in button.inner_text()
    button.click()
    page.wait_for_selector(f"[data-testid=added-{permit.code}]")
    added = "Added after the baseline" if lang == "en" else "Tilføjet efter basisplanen"
    assert added in page.locator(f"[data-testid=added-{permit.code}]").inner_text()
    assert page.locator(f"[data-testid=beside-{permit.code}]").count() == 0
    permit = Permit.objects.get(pk=permit.pk)
    assert permit.certainty == "required" and permit.milestones.exists()
    if folder := os.environ.get("RODLOEBER_SCREENSHOTS"):
        page.locator("[data-testid=permit-overview]").screenshot(
            path=str(Path(folder) / f"case-added-permit-{lang}.png")
        )
