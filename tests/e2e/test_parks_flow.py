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

# Known defect, reported by the console watch (not fixed here): a basemap tile
# request in flight while a test logs in again answers 400 ("the request's
# session was deleted before the request completed") although tiles are public.
# MapLibre logs it with only its minified error class name, from maplibre-gl.js.
TILE_SESSION_RACE = pytest.mark.allow_console(
    r"^console\.error: \w+ \(http://[^)]*/maplibre-gl\.js\)$"
)

pytestmark = [TILE_SESSION_RACE, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
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
    letter = tmp_path / "hensigtserklaering.pdf"
    letter.write_bytes(b"%PDF-1.7\n%%EOF\n")
    page.set_input_files("#id_file", str(letter))
    page.select_option("#id_kind", "letter_of_intent")
    _axe(page)  # the draft page with the attachment form
    page.click("text=Upload bilag")
    page.wait_for_load_state()
    assert page.locator("a", has_text="hensigtserklaering.pdf").count() == 1
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
    for number in range(1, 6):  # § 13 stk. 1 nr. 1-5: all met, with evidence
        page.select_option("#id_number", str(number))
        page.select_option("#id_state", "met")
        page.select_option("#id_evidence_kind", "municipal_answer")
        page.fill("#id_evidence", f"Kommunens svar dokumenterer nr. {number}")
        page.click("text=Gem vurdering")
        page.wait_for_load_state()
    assert "Alle fem betingelser er opfyldt" in page.content()
    _axe(page)
    page.goto(f"{base}/industriparker")
    page.click("text=Runde (e2e)")
    page.wait_for_load_state()
    page.select_option("#id_kind", "negotiated")
    page.fill("#id_happened_on", "2025-10-01")
    page.fill("#id_outcome", "Enighed om listen")
    page.click("text=Registrér trin")
    page.wait_for_load_state()
    page.select_option("#id_kind", "political_decision")
    page.fill("#id_happened_on", "2025-10-28")
    page.fill("#id_decided_by", "Regeringen og aftalepartierne")
    page.fill("#id_parks_count", "11")
    page.click("text=Registrér trin")
    page.wait_for_load_state()
    assert "Regeringen og aftalepartierne" in page.content()
    _axe(page)
    page.goto(app_url)
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


def test_planner_draws_the_area_on_the_map(
    page: Any,
    live_server: Any,
    make_user: Callable[..., User],
    org: Callable[[str], Organisation],
) -> None:
    """Click four corners on the map, finish, save: the stored area shows in ha."""
    admin = make_user(Role.ADMINISTRATOR)
    round_open(actor=admin, title="Runde (tegning)", deadline=timezone.now() + timedelta(days=9))
    planner = make_user(Role.MUNICIPAL_PLANNER, org("0561"))
    base = live_server.url
    corners = shared.area()["coordinates"][0][:4]  # 800 m x 800 m = 64 ha, clear of § 13(2)

    _login(page, base, planner)
    page.goto(f"{base}/industriparker/ansoegninger/ny")
    page.fill("#id_name", "Tegneparken")
    page.wait_for_function(
        "() => { const m = document.querySelector('[data-parks-draw] [data-rl-map]');"
        " return m && m.rlMap && m.rlMap.loaded() && m.rlMap.getSource('parks-draw'); }"
    )
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    page.evaluate(
        "(b) => document.querySelector('[data-parks-draw] [data-rl-map]')"
        ".rlMap.fitBounds(b, {padding: 60, duration: 0})",
        [[min(xs), min(ys)], [max(xs), max(ys)]],
    )
    canvas = page.locator("[data-parks-draw] .maplibregl-canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    for corner in corners:
        x, y = page.evaluate(
            "(c) => { const p = document.querySelector('[data-parks-draw] [data-rl-map]')"
            ".rlMap.project(c); return [p.x, p.y]; }",
            corner,
        )
        page.mouse.click(box["x"] + x, box["y"] + y)
    page.click("button[data-draw=finish]")
    assert "ha" in page.locator("[data-draw-status]").inner_text()
    drawn = json.loads(page.input_value("#id_geometry_text"))
    assert drawn["type"] == "Polygon" and len(drawn["coordinates"][0]) == 5
    _axe(page)
    page.click("text=Gem kladde")
    page.wait_for_url(re.compile(r".*/industriparker/ansoegninger/\d+$"))
    area_text = page.locator("dd", has_text=" ha").first.inner_text()
    area = float(area_text.replace(" ha", "").replace(",", "."))
    assert 58 < area < 70  # 64 ha, within a few pixels of the clicks


def test_planner_previews_a_geopackage_then_saves(
    page: Any,
    live_server: Any,
    make_user: Callable[..., User],
    org: Callable[[str], Organisation],
    tmp_path: Path,
) -> None:
    """Upload a GeoPackage with two separate parcels, see the area (ha) and the note
    about separate parts before saving, then save without uploading again."""
    from shapely.geometry import box

    from tests.parks.test_area_upload import X0, Y0, gpkg

    admin = make_user(Role.ADMINISTRATOR)
    round_open(actor=admin, title="Runde (gpkg)", deadline=timezone.now() + timedelta(days=9))
    planner = make_user(Role.MUNICIPAL_PLANNER, org("0561"))
    parcels = [box(X0, Y0, X0 + 600, Y0 + 500), box(X0 + 2000, Y0, X0 + 2100, Y0 + 100)]
    path = tmp_path / "omraade.gpkg"
    path.write_bytes(gpkg(tmp_path, parcels))
    base = live_server.url

    _login(page, base, planner)
    page.goto(f"{base}/industriparker/ansoegninger/ny")
    page.fill("#id_name", "Pakkeparken")
    page.set_input_files("#id_geometry_file", str(path))
    page.click("text=Vis arealet (ha) før du gemmer")
    page.locator("#area-preview").wait_for()
    preview = page.locator("#area-preview").inner_text()
    assert "31,00 ha" in preview and "2 adskilte dele" in preview
    _axe(page)
    page.click("text=Gem kladde")
    page.wait_for_url(re.compile(r".*/industriparker/ansoegninger/\d+$"))
    assert "31,0 ha" in page.content()
