"""/procesplan in a browser: permits that may apply and alternatives stand beside
the plan, not in it (issue #15 item 8), in Danish and English, with axe-core."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_beside_the_plan(page: Any, live_server: Any, lang: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
    page.goto(f"{live_server.url}/procesplan?example=electrolyser_esbjerg")
    beside = page.locator("[data-testid=beside-plan]")
    beside.wait_for()
    text = beside.inner_text()
    either = "Either local plan or rural zone permit" if lang == "en" else "Enten lokalplan"
    assert either in text
    table = page.locator("[data-testid=plan-table]").inner_text()
    assert ("Rural zone permit" if lang == "en" else "Landzonetilladelse") not in table
    if folder := os.environ.get("RL_SHOTS"):
        beside.scroll_into_view_if_needed()
        page.screenshot(path=str(Path(folder) / f"procesplan-beside-{lang}.png"))
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")  # CSP: same-origin file
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
