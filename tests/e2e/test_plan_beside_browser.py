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
    serious = [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


@pytest.mark.parametrize("lang", ["da", "en"])
def test_check_result_shows_the_alternative(page: Any, live_server: Any, lang: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
    page.goto(f"{live_server.url}/tjek/trin/2")
    page.select_option("#q-kommune", "0561")
    page.check("#q-zone-landzone")
    page.check("#q-local-plan-allows-use-no")
    page.click("button[name=nav][value=next]")
    page.wait_for_selector("[data-check-step='3']")
    page.fill("#q-new-buildings-m2", "5000")
    page.click("button[name=nav][value=next]")
    page.wait_for_selector("[data-check-step='4']")
    page.goto(f"{live_server.url}/tjek/resultat")
    card = page.locator("[data-permit=rural_zone_permit]")
    expected = "Alternative to Local plan" if lang == "en" else "Alternativ til Lokalplan"
    assert expected in card.inner_text()
    if folder := os.environ.get("RL_SHOTS"):
        card.scroll_into_view_if_needed()
        page.screenshot(path=str(Path(folder) / f"tjek-result-alternative-{lang}.png"))
