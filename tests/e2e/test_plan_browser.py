"""The process plan renders as an accessible Gantt chart in a real browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
AXE = Path(__file__).resolve().parents[2] / "src/rodloeber/static/vendor/axe-core/axe.min.js"


def test_gantt_renders_and_is_accessible(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/procesplan")
    chart = page.locator("[data-testid=gantt] svg")
    chart.wait_for()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 200
    assert page.locator("[data-testid=plan-table] tbody tr").count() >= 10
    page.select_option("#example", "battery_factory_park")
    page.click("#plan-form button[type=submit]")
    page.locator("[data-testid=cap]").wait_for()
    assert "12" in page.locator("[data-testid=cap]").inner_text()
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")  # CSP: same-origin file
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
