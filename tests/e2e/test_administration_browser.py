"""An administrator creates an authority in the browser (no terminal) and each
role's start page shows its tasks; axe finds no serious violations on these
pages. Screenshots in da and en when RODLOEBER_SCREENSHOTS is set."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rodloeber.accounts.models import Organisation, User
from rodloeber.accounts.roles import Role
from rodloeber.landmap.importing import land_import
from rodloeber.landmap.models import BusinessArea
from rodloeber.reports.services import budget_seed
from tests.conftest import PASSWORD
from tests.e2e.conftest import shoot
from tests.landmap.test_import import _plandata

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page: Any, base: str, user: User) -> None:
    page.goto(f"{base}/konto/log-ind")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form#login-form button[type=submit]")
    page.locator("[data-testid=role-start]").wait_for()


def _serious(page: Any) -> list[str]:
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _english(page: Any) -> None:
    page.click("button[name=language][value=en]")
    page.wait_for_function("document.documentElement.lang === 'en'")


@pytest.mark.allow_console(r"status of 422 .*/administration/organisationer/ny")
def test_admin_creates_an_authority_in_the_browser(
    page: Any, live_server: Any, make_user: Callable[..., User]
) -> None:
    admin = make_user(Role.ADMINISTRATOR)
    User.objects.create_superuser("root", "root@example.invalid", "x" * 20)  # a task
    _login(page, live_server.url, admin)
    assert page.locator("tr[data-kind=user_without_organisation]").count() == 1
    shoot(page, "min-side-administrator-da")
    page.goto(f"{live_server.url}/administration/")
    assert _serious(page) == []
    shoot(page, "administration-da")
    page.click("[data-testid=organisation-new]")
    page.wait_for_load_state("domcontentloaded")
    page.check("#kind-state_authority")
    page.fill("#org-code", "mst2")
    page.click("#form-organisation button[type=submit]")
    page.locator("[data-testid=error-summary]").wait_for()
    assert "Angiv myndighedens navn" in page.locator("[data-testid=error-summary]").inner_text()
    assert _serious(page) == []
    shoot(page, "administration-new-error-da")
    page.fill("#org-name", "Miljøstyrelsen 2 (test)")
    page.click("#form-organisation button[type=submit]")
    page.locator("[data-testid=organisation-status]").wait_for()
    org = Organisation.objects.get(authority_code="MST2")
    assert page.url.endswith(f"/administration/organisationer/{org.pk}")
    assert _serious(page) == []
    shoot(page, "administration-organisation-da")
    _english(page)
    assert "Deactivate the organisation" in page.content()
    shoot(page, "administration-organisation-en")
    page.goto(f"{live_server.url}/administration/")
    page.wait_for_load_state("domcontentloaded")
    shoot(page, "administration-en")
    page.goto(f"{live_server.url}/administration/organisationer/ny")
    page.wait_for_load_state("domcontentloaded")
    shoot(page, "administration-new-en")
    page.goto(f"{live_server.url}/min-side")
    page.wait_for_load_state("domcontentloaded")
    shoot(page, "min-side-administrator-en")


@pytest.mark.parametrize("role", [Role.MUNICIPAL_PLANNER, Role.MINISTRY_ANALYST])
def test_start_page_shows_the_roles_tasks(
    page: Any, live_server: Any, make_user: Callable[..., User], role: str, tmp_path: Path
) -> None:
    user = make_user(role)
    if role == Role.MUNICIPAL_PLANNER:
        land_import(actor=user, komnr="0751", path=_plandata(tmp_path))
        BusinessArea.objects.update(source_updated=date(2024, 3, 4))
    else:
        budget_seed(actor=None)  # browser tests flush the data migration's Tabel 1
    _login(page, live_server.url, user)
    rows = page.locator("[data-testid=inbox] tbody tr")
    assert rows.count() >= 1
    assert _serious(page) == []
    shoot(page, f"min-side-{role}-da")
    rows.first.locator("a").first.click()
    page.wait_for_load_state("domcontentloaded")
    assert page.locator("h1").count() == 1  # the task's link opens a real page
    page.go_back()
    page.wait_for_load_state("domcontentloaded")
    _english(page)
    shoot(page, f"min-side-{role}-en")
