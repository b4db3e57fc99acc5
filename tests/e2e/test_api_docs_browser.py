"""The API reference (/api/v1/docs) passes axe once Swagger UI has rendered the
operations (the crawl used to run axe before they appeared)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_api_reference_has_no_serious_accessibility_violations(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/api/v1/docs")
    page.locator(".opblock-summary-control").first.wait_for(timeout=60_000)
    page.wait_for_load_state("networkidle")
    assert page.locator(".opblock-summary-control a[href]").count() == 0  # no link in a button
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], "\n".join(serious)
