"""/konto/api-noegler in a real browser: create a token (secret shown once), revoke it,
in Danish and English, with no serious accessibility violations (issue #20 item 7)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from rodloeber.accounts.models import ApiToken, User
from rodloeber.accounts.roles import Role
from tests.conftest import PASSWORD
from tests.e2e.conftest import shoot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _axe_serious(page: Any) -> list[str]:
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']}: {v['help']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_create_and_revoke_a_token_in_both_languages(
    page: Any, live_server: Any, make_user: Callable[..., User]
) -> None:
    user = make_user(Role.CASE_MANAGER)
    page.goto(f"{live_server.url}/konto/log-ind")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form#login-form button[type=submit]")
    page.locator("[data-testid=role-start]").wait_for()
    page.click("a.rl-tokens-link")
    assert page.locator("h1").inner_text() == "API-nøgler"

    page.fill("#token-name", "Sagssystem")
    page.check("#scope-cases-write")
    page.check("#scope-statistics-read")
    page.select_option("#token-days", "30")
    page.click("#form-token button[type=submit]")
    secret = page.locator("#token-secret").input_value()
    assert secret.startswith("rl_")
    row = page.locator("[data-testid=tokens] tbody tr").first
    assert "Sager: læse og skrive" in row.inner_text()
    assert "Aktiv" in row.inner_text() and "Aldrig" in row.inner_text()
    assert _axe_serious(page) == []
    shoot(page, "tokens-created-da")

    page.goto(f"{live_server.url}/konto/api-noegler")
    assert secret not in page.content()  # shown once
    page.click("[data-testid=tokens] button[type=submit]")
    assert "Tilbagekaldt" in page.locator("[data-testid=tokens] tbody tr").first.inner_text()
    assert ApiToken.objects.get(user=user).revoked_at is not None
    shoot(page, "tokens-revoked-da")

    page.click("button[name=language][value=en]")
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert page.locator("h1").inner_text() == "API tokens"
    row = page.locator("[data-testid=tokens] tbody tr").first
    assert "Cases: read and write" in row.inner_text() and "Revoked" in row.inner_text()
    assert _axe_serious(page) == []
    shoot(page, "tokens-en")
