"""Log in with MitID Erhverv in a real browser: the button on the log-in page →
a local test IdP (a tiny WSGI app in a thread, playing NemLog-in, with a
consent page) → back on the company's start page; then single log-out.
axe-core finds no serious or critical violations on the pages we add."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rodloeber.accounts.roles import Role
from tests.saml.conftest import require_xmlsec1
from tests.saml.idp import TEST_ORG_NAME, Federation, build_federation, running_idp

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def nemlogin(live_server: Any, settings: Any, tmp_path: Path) -> Iterator[Federation]:
    require_xmlsec1()
    port = _free_port()
    # "localhost" for both, so the IdP's POST back is same-site over plain HTTP
    # (the browser-binding cookie is SameSite=Lax without HTTPS).
    sp_base = live_server.url.replace("127.0.0.1", "localhost")
    fed = build_federation(tmp_path / "saml", sp_base, f"http://localhost:{port}")
    settings.RODLOEBER_SAML = dict(fed.sp_settings)
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
    with running_idp(fed, port):
        yield fed


def _axe_serious(page: Any) -> list[str]:
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


# The test IdP (a separate little server) has no icon, so Chromium's probe for
# its /favicon.ico answers 404; that is the fake IdP, not one of our pages.
@pytest.mark.allow_console(r"status of 404 .*/favicon\.ico\)$")
def test_login_with_mitid_erhverv_and_single_logout(page: Any, nemlogin: Federation) -> None:
    base = str(nemlogin.sp_settings["BASE_URL"])
    page.goto(f"{base}/konto/log-ind")
    assert _axe_serious(page) == []
    page.click("[data-testid=nemlogin-button]")
    page.wait_for_selector("#consent")  # the IdP's log-in/consent page
    assert "NemLog-in (test-IdP)" in page.inner_text("h1")
    page.click("#consent")
    page.click("#continue")  # the IdP's form posts the signed assertion to our ACS
    start = page.locator("[data-testid=role-start]")
    start.wait_for()
    assert start.get_attribute("data-role") == Role.COMPANY_USER
    assert TEST_ORG_NAME in page.inner_text("main")
    assert page.url == f"{base}/min-side"

    page.click("form[action='/konto/log-ud'] button.log-off >> visible=true")
    page.wait_for_url(f"{base}/")  # via NemLog-in's /slo and back to our /slo
    page.goto(f"{base}/min-side")
    assert "/konto/log-ind" in page.url  # the session is gone


@pytest.mark.allow_console(r"status of 400 \(Bad Request\) \(http://[^)]*/konto/nemlogin/slo\)$")
def test_refusal_page_is_accessible(page: Any, nemlogin: Federation) -> None:
    base = str(nemlogin.sp_settings["BASE_URL"])
    response = page.goto(f"{base}/konto/nemlogin/slo")
    assert response.status == 400
    assert page.locator("[data-testid=saml-error]").is_visible()
    assert _axe_serious(page) == []
