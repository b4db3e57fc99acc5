"""Log in as each role in a real browser, switch language, see the start page;
axe-core finds no serious or critical violations on the public pages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "src/rodloeber/static/vendor/axe-core/axe.min.js"
PUBLIC_PAGES = [
    "/",
    "/tjek",
    "/industriparker",
    "/kort",
    "/statistik",
    "/tilgaengelighed",
    "/datakilder",
    "/konto/log-ind",
]


def _login(page: Any, base: str, user: User) -> None:
    page.goto(f"{base}/konto/log-ind")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form#login-form button[type=submit]")


@pytest.mark.parametrize("role", Role.values)
def test_role_logs_in_switches_language_and_sees_start_page(
    page: Any, live_server: Any, make_user: Callable[..., User], role: str
) -> None:
    user = make_user(role)
    _login(page, live_server.url, user)
    start = page.locator("[data-testid=role-start]")
    start.wait_for()
    assert start.get_attribute("data-role") == role
    assert page.locator("html").get_attribute("lang") == "da"
    page.click("button[name=language][value=en]")
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert page.locator("[data-testid=role-start]").get_attribute("data-role") == role
    assert "Welcome" in page.locator("h1").inner_text()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_serious_accessibility_violations(
    page: Any, live_server: Any, path: str
) -> None:
    page.goto(f"{live_server.url}{path}")
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")  # CSP: same-origin file
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], "\n".join(serious)
