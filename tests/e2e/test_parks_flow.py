"""Browser flow for industrial parks: a planner applies with a GeoJSON file and
submits; a state screener scores and records the designation; the park shows
on the public page. axe-core finds no serious violations on the pages."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from rodloeber.accounts.models import Organisation, User
from rodloeber.accounts.roles import Role
from rodloeber.parks.criteria import QUESTIONS
from rodloeber.parks.services import round_open
from tests.conftest import PASSWORD
from tests.parks import conftest as shared

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
hand_made_layers = shared.hand_made_layers
AXE = Path(__file__).resolve().parents[2] / "src/rodloeber/static/vendor/axe-core/axe.min.js"


def _login(page: Any, base: str, user: User) -> None:
    page.goto(f"{base}/konto/log-ind")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form#login-form button[type=submit]")
    page.wait_for_load_state()


def _axe(page: Any) -> None:
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")  # CSP: same-origin file
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], "\n".join(serious)


def test_application_to_designation(
    page: Any,
    live_server: Any,
    make_user: Callable[..., User],
    org: Callable[[str], Organisation],
    tmp_path: Path,
) -> None:
    admin = make_user(Role.ADMINISTRATOR)
    round_open(actor=admin, title="Runde (e2e)", deadline=timezone.now() + timedelta(days=9))
    planner = make_user(Role.MUNICIPAL_PLANNER, org("0561"))
    screener = make_user(Role.STATE_SCREENER)
    base = live_server.url
    geojson = tmp_path / "area.geojson"
    geojson.write_text(json.dumps(shared.area()), encoding="utf-8")

    _login(page, base, planner)
    page.goto(f"{base}/industriparker/ansoegninger/ny")
    page.fill("#id_name", "Browserparken")
    page.set_input_files("#id_geometry_file", str(geojson))
    for q in QUESTIONS:
        if q.kind == "text":
            page.fill(f"#id_answer_{q.key}", f"Svar {q.key}")
    _axe(page)
    page.click("text=Gem kladde")
    page.wait_for_url(re.compile(r".*/industriparker/ansoegninger/\d+$"))
    assert "Browserparken" in page.locator("h1").inner_text()
    page.click("text=Indsend ansøgning")
    page.locator(".alert-success, .alert").first.wait_for()
    _axe(page)
    app_url = page.url
    page.context.clear_cookies()

    _login(page, base, screener)
    page.goto(app_url)
    page.select_option("#id_criterion", "transport")
    page.fill("#id_score", "4")
    page.fill("#id_justification", "Tæt på E20")
    page.click("text=Gem score")
    page.wait_for_load_state()
    assert "Tæt på E20" in page.content()
    page.check("input[name=designated][value='1']")
    page.fill("#id_decided_on", "2025-10-28")
    page.fill("#id_reasons", "Opfylder § 13")
    page.click("text=Registrer afgørelse")
    page.wait_for_load_state()
    assert "Udpeget" in page.content()
    page.goto(f"{base}/industriparker/sammenligning")
    _axe(page)

    page.goto(f"{base}/industriparker")
    page.click("text=Browserparken")
    page.wait_for_load_state()
    assert "2030" in page.content()
    _axe(page)
