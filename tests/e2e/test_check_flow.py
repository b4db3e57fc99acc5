"""The public check (/tjek) in a real browser, in Danish and English: every step,
a validation error, "don't know" answers, the result, and axe-core on each page."""

from __future__ import annotations

import os
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


def _shot(page: Any, name: str, selector: str = "h1") -> None:
    """Screenshot of the viewport at ``selector`` into $RL_SHOTS (for review), when set."""
    if folder := os.environ.get("RL_SHOTS"):
        page.locator(selector).first.scroll_into_view_if_needed()
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def _next(page: Any, step: int) -> None:
    page.click("button[name=nav][value=next]")
    page.wait_for_selector(f"[data-check-step='{step}']")


def _walk(page: Any, base: str, *, english: bool) -> None:
    page.goto(f"{base}/tjek")
    if english:
        page.click("button[name=language][value=en]")
        page.wait_for_function("document.documentElement.lang === 'en'")
    page.wait_for_selector("[data-check-step='1']")
    _axe(page)

    # Step 1, first with an invalid amount: the error summary links to the field
    page.fill("#q-title", "Electrolyser factory" if english else "Elektrolysefabrik")
    page.check("#q-kind-new")
    page.fill("#q-investment-dkk", "a lot" if english else "mange penge")
    page.select_option("#q-net-zero-technology", "electrolysers_fuel_cells")
    page.check("#q-nzia-strategic-unknown")
    page.click("button[name=nav][value=next]")
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert ("There is a problem" if english else "Der er et problem") in summary.inner_text()
    assert page.input_value("#q-title") in ("Electrolyser factory", "Elektrolysefabrik")
    _axe(page)
    page.click("#error-summary a")
    page.fill("#q-investment-dkk", "1200000000")
    page.fill("#q-capacity-gw-per-year", "1.2" if english else "1,2")
    _next(page, 2)

    # Step 2: the municipality from the list, the rest partly "don't know"
    _axe(page)
    page.select_option("#q-kommune", "0561")
    page.check("#q-zone-landzone")
    page.check("#q-in-industrial-park-no")
    page.check("#q-local-plan-allows-use-unknown")
    page.check("#q-near-protected-line-yes")  # issue #15 item 7: the new site questions
    page.check("#q-forest-reserve-no")
    _shot(page, f"tjek-step2-lines-{'en' if english else 'da'}", "#q-near-protected-line-yes")
    _next(page, 3)

    # Step 3: a listed activity and hydrogen in stock
    _axe(page)
    page.check("#q-activities-bilag1-4-2-a")
    page.check("#q-eia-annex-annex1")
    page.check("#q-regular-environmental-inspection-unknown")
    page.check("#q-hazardous-yes")
    page.fill("#q-haz-hydrogen", "60")
    page.fill("#q-hydrogen-production-t-per-day", "12.5" if english else "12,5")
    page.check("#q-hydrogen-installations-yes")
    _shot(page, f"tjek-step3-{'en' if english else 'da'}", "#q-hydrogen-production-t-per-day")
    page.check("#q-new-road-access-yes")
    page.check("#q-gmo-contained-use-no")
    page.fill("#q-stack-height-m", "120")
    _shot(page, f"tjek-step3-permits-{'en' if english else 'da'}", "#q-stack-height-m")
    _next(page, 4)

    # Step 4: don't know; then back and forward keeps the answers
    _axe(page)
    page.check("#q-foreign-investor-unknown")
    page.click("button[name=nav][value=back]")
    page.wait_for_selector("[data-check-step='3']")
    assert page.input_value("#q-haz-hydrogen") == "60"
    _next(page, 4)
    assert page.is_checked("#q-foreign-investor-unknown")
    _next(page, 5)

    # Step 5 and the result
    _axe(page)
    page.fill("#q-construction-days", "540")
    page.check("#q-construction-peak-workers-unknown")
    page.click("button[name=nav][value=next]")
    status = page.locator("[data-testid=check-status]")
    status.wait_for()
    assert status.get_attribute("data-status") == "eligible"
    heading = page.locator("h1").inner_text()
    assert ("Result" if english else "Resultat") in heading
    assert page.locator("[data-permit=environmental_approval]").count() == 1
    for code in ("aviation_obstacle_approval", "road_access_permit"):
        assert page.locator(f"[data-permit={code}]").count() == 1, code
    assert ("Civil Aviation" if english else "Trafikstyrelsen") in page.locator(
        "[data-permit=aviation_obstacle_approval]"
    ).inner_text()
    _shot(
        page,
        f"tjek-result-new-permits-{'en' if english else 'da'}",
        "[data-permit=aviation_obstacle_approval]",
    )
    assert page.locator("svg.rl-graph").count() == 1
    assert ("Esbjerg Municipality" if english else "Esbjerg Kommune") in page.content()
    gate = page.locator("[data-precondition=production_company]")
    assert gate.get_attribute("data-status") == "met"
    # L 206 § 2, stk. 2 could not be read: shown as "may apply", never deciding
    may_apply = page.locator("[data-testid=may-apply]").inner_text()
    assert ("May apply" if english else "Kan gælde") in may_apply
    _shot(page, f"tjek-may-apply-{'en' if english else 'da'}", "[data-testid=may-apply]")
    assert ("12.5 tonnes per day" if english else "12,5 tons pr. døgn") in page.locator(
        "[data-permit=ets_permit]"
    ).inner_text()
    _shot(page, f"tjek-result-{'en' if english else 'da'}", "#precondition-heading")
    # the process-plan preview is always offered (no "if the route exists yet" guard)
    assert page.locator(".rl-check-next form[action$='/procesplan'] #clock-start").count() == 1
    _shot(page, f"tjek-next-{'en' if english else 'da'}", ".rl-check-next")
    _axe(page)


def test_check_flow_in_danish(page: Any, live_server: Any) -> None:
    _walk(page, live_server.url, english=False)
    assert page.locator("html").get_attribute("lang") == "da"
    assert "Gem som kladde" in page.content()


def test_check_flow_in_english(page: Any, live_server: Any) -> None:
    _walk(page, live_server.url, english=True)
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Save as draft" in page.content()


@pytest.mark.parametrize("english", [False, True])
def test_a_company_without_environmental_duties_is_not_eligible(
    page: Any, live_server: Any, english: bool
) -> None:
    page.goto(f"{live_server.url}/tjek")
    if english:
        page.click("button[name=language][value=en]")
        page.wait_for_function("document.documentElement.lang === 'en'")
    page.fill("#q-investment-dkk", "250000000")
    page.select_option("#q-net-zero-technology", "none")
    page.check("#q-crma-stage-processing")
    page.check("#q-crma-materials-none")
    _next(page, 2)
    page.select_option("#q-kommune", "0561")
    _next(page, 3)
    page.check("#q-activities-none")
    page.check("#q-regular-environmental-inspection-no")
    _next(page, 4)
    _next(page, 5)
    page.click("button[name=nav][value=next]")
    status = page.locator("[data-testid=check-status]")
    status.wait_for()
    assert status.get_attribute("data-status") == "not_eligible"
    gate = page.locator("[data-precondition=production_company]")
    assert gate.get_attribute("data-status") == "not_met"
    text = gate.inner_text()
    assert ("not a production company" if english else "ikke en produktionsvirksomhed") in text
    assert page.locator("[data-criterion=B1]").get_attribute("data-status") == "met"
    _shot(page, f"tjek-not-production-{'en' if english else 'da'}", "h1")
    _axe(page)


def test_address_names_the_municipality(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/tjek/trin/2")
    page.fill("#q-site-address", "Industrivej 1, 6700 Esbjerg")
    page.locator("#q-site-address-found [data-kommune-kode='0561']").wait_for()
    assert page.input_value("#q-kommune") == "0561"


def test_click_on_the_map_sets_the_point_and_the_municipality(page: Any, live_server: Any) -> None:
    from rodloeber.layers.geography import municipality_at as kommune_at

    page.goto(f"{live_server.url}/tjek/trin/2")
    page.wait_for_function(
        "() => { const m = document.querySelector('[data-rl-map]'); "
        "return m && m.rlMap && m.rlMap.loaded(); }"
    )
    page.locator(".maplibregl-canvas").scroll_into_view_if_needed()
    x, y = page.evaluate(
        "() => { const p = document.querySelector('[data-rl-map]').rlMap.project([9.5, 56.0]);"
        " return [p.x, p.y]; }"
    )
    box = page.locator(".maplibregl-canvas").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.locator("[data-check-point-status] [data-kommune-kode]").wait_for()
    lon, lat = (
        float(page.input_value("[data-check-lon]")),
        float(page.input_value("[data-check-lat]")),
    )
    assert abs(lon - 9.5) < 0.05 and abs(lat - 56.0) < 0.05
    assert page.input_value("#q-kommune") == kommune_at(lon, lat)
    _next(page, 3)
    page.click("button[name=goto][value='2']")
    page.wait_for_selector("[data-check-step='2']")
    assert page.input_value("[data-check-lon]") == f"{lon:.6f}"


@pytest.mark.parametrize("english", [False, True])
def test_open_legal_questions_for_case_managers(
    page: Any, live_server: Any, make_user: Any, english: bool
) -> None:
    from rodloeber.accounts.roles import Role
    from tests.conftest import PASSWORD

    user = make_user(Role.CASE_MANAGER)
    page.goto(f"{live_server.url}/konto/log-ind")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form#login-form button[type=submit]")
    page.goto(f"{live_server.url}/tjek/regler/aabne-spoergsmaal")
    if english:
        page.click("button[name=language][value=en]")
        page.wait_for_function("document.documentElement.lang === 'en'")
    heading = page.locator("h1").inner_text()
    assert heading == ("Open legal questions" if english else "Åbne juridiske spørgsmål")
    assert page.locator("tr[data-code=l206_simple]").count() == 1
    _shot(page, f"open-questions-{'en' if english else 'da'}")
    _axe(page)


@pytest.mark.parametrize("english", [False, True])
def test_crma_extension_is_asked_only_for_a_crma_expansion(
    page: Any, live_server: Any, english: bool
) -> None:
    """CRMA Art. 11(2), second branch: the question appears for an expansion of
    a (possibly) strategic CRMA project and hides again otherwise."""
    page.goto(f"{live_server.url}/tjek")
    if english:
        page.click("button[name=language][value=en]")
        page.wait_for_function("document.documentElement.lang === 'en'")
    page.wait_for_selector("[data-check-step='1']")
    question = page.locator("[data-check-shown-if]")
    assert question.is_hidden()
    page.check("#q-kind-expansion")
    assert question.is_hidden()
    page.check("#q-crma-strategic-yes")
    assert question.is_visible()
    _shot(page, f"tjek-crma-extension-{'en' if english else 'da'}", "[data-check-shown-if]")
    page.check("#q-kind-new")
    assert question.is_hidden()
    page.check("#q-kind-expansion")
    page.check("#q-crma-strategic-no")
    assert question.is_hidden()
    _axe(page)
