"""The land map in a real browser: filter, pick an area, site report, export; axe on each page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "src/rodloeber/static/vendor/axe-core/axe.min.js"


def _axe(page: Any) -> None:
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")  # CSP: same-origin file
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], f"{page.url}\n" + "\n".join(serious)


def test_filter_pick_report_export(page: Any, live_server: Any) -> None:
    from rodloeber.landmap.demo import landmap_demo_load

    landmap_demo_load(count=150, seed=11)
    page.goto(f"{live_server.url}/kort")
    page.wait_for_selector("#land-results")
    _axe(page)
    page.fill("#f-min_available_ha", "2")
    page.fill("#f-max_km_motorway", "10")
    page.click("#land-search")
    page.wait_for_url("**min_available_ha=2**")
    assert "max_km_motorway=10" in page.url  # the URL holds the filters (shareable)
    link = page.locator("[data-area-link]").first
    name = link.inner_text()
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#report-title")
    assert page.inner_text("#report-title") == name
    assert "Syntetiske demodata" in page.content()
    _axe(page)
    page.go_back()
    page.wait_for_selector("[data-export='csv']")
    with page.expect_download() as info:
        page.click("[data-export='csv']")
    content = Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert content.splitlines()[0].startswith("id;planid;plannavn")
    assert len(content.splitlines()) > 1
