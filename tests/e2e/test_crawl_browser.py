"""Guard against rough edges a user can reach (issue #18 item 6).

As every demo role (and anonymous), in Danish and English: open the start
page, follow every navigation link and every same-origin link on those pages,
and fail on

* a console error or an uncaught page error (CSP violations are reported by
  Chromium as console errors, and a listener records them as well),
* a 4xx/5xx answer to a page or file reached from a link,
* an axe-core serious or critical violation (once per page pattern and language).

Pages are rendered one level deep from the navigation; links found on those
pages are fetched (status only) so the crawl stays bounded.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urldefrag, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from tests.cases import factories as f
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

#: Links never followed: they end the session or change state through forms.
SKIP = re.compile(r"^/(konto/log-ud|konto/nemlogin/|i18n/)")
#: Files and data: fetched for their status, never rendered.
FILES = re.compile(r"\.(csv|xlsx|ics|pdf|geojson|json|svg|png|zip|gpkg)(\?|$)|/eksport|/download")
#: At most this many rendered pages per role and language (bounded run time).
MAX_RENDERED = 25
#: Under CPU pressure (2 cores, many test runs) a page may take long to load and
#: settle; the crawl waits for load states, never for fixed sleeps.
NAVIGATION_TIMEOUT_MS = 60_000
#: How long a page may keep fetching (map tiles, htmx) before its console is read.
SETTLE_TIMEOUT_MS = 30_000

CSP_LISTENER = """
window.__rlCsp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__rlCsp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(autouse=True)
def _fast(settings: Any, tmp_path: Any) -> None:
    settings.RODLOEBER_PLAN_SAMPLES = 200
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RODLOEBER_RATE_LIMITS_ENABLED = False


def _pattern(path: str) -> str:
    return re.sub(r"\d+", "{n}", path.split("?")[0])


class Crawl:
    def __init__(self, page: Any, base: str, lang: str) -> None:
        self.page, self.base, self.lang = page, base, lang
        self.problems: list[str] = []
        self.console: list[str] = []
        page.on(
            "console",
            lambda m: self.console.append(f"{m.type}: {m.text}") if m.type == "error" else None,
        )
        page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        page.add_init_script(CSP_LISTENER)

    def local(self, href: str | None) -> str | None:
        if not href or href.startswith(("mailto:", "tel:", "javascript:")):
            return None
        url, _frag = urldefrag(href)
        parsed = urlparse(url)
        if parsed.netloc and f"{parsed.scheme}://{parsed.netloc}" != self.base:
            return None
        path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
        return None if not path or SKIP.match(path) else path

    def links(self) -> list[str]:
        hrefs = self.page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        return [p for p in (self.local(h) for h in hrefs) if p]

    def render(self, path: str, axed: set[str]) -> list[str]:
        self.console.clear()
        response = self.page.goto(self.base + path)
        status = response.status if response else 0
        where = f"[{self.lang}] {path}"
        if status >= 400:
            self.problems.append(f"{where}: HTTP {status}")
            return []
        self.page.wait_for_load_state("load")
        self.settle()
        csp = self.page.evaluate("() => window.__rlCsp || []")
        for line in [*self.console, *(f"CSP: {c}" for c in csp)]:
            self.problems.append(f"{where}: {line}")
        key = f"{self.lang}:{_pattern(path)}"
        if key not in axed and "html" in (
            response.headers.get("content-type", "") if response else ""
        ):
            axed.add(key)
            self.page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
            result = self.page.evaluate(
                "async () => await axe.run(document, {resultTypes: ['violations']})"
            )
            for v in result["violations"]:
                if v["impact"] in ("serious", "critical"):
                    targets = [n["target"] for n in v["nodes"]][:3]
                    self.problems.append(f"{where}: axe {v['id']} ({v['impact']}) {targets}")
        return self.links()

    def settle(self) -> None:
        """Wait until the page's own requests are done, so a late console error
        is counted for this page (and not cut off by the next navigation)."""
        # Still fetching after 30 s: read what it reported so far.
        with contextlib.suppress(PlaywrightTimeoutError):
            self.page.wait_for_load_state("networkidle", timeout=SETTLE_TIMEOUT_MS)

    def fetch(self, path: str) -> None:
        r = self.page.request.get(self.base + path, max_redirects=5)
        if r.status >= 400:
            self.problems.append(f"[{self.lang}] link {path}: HTTP {r.status}")


def _login(page: Any, base: str, user: User) -> None:
    page.goto(f"{base}/konto/log-ind")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form#login-form button[type=submit]")
    page.wait_for_selector("[data-testid=role-start]", timeout=NAVIGATION_TIMEOUT_MS)


def _world(make_user: Callable[..., User]) -> dict[str, User]:
    from rodloeber.cases.services.callin import callin_request
    from rodloeber.cases.services.documents import message_post
    from rodloeber.landmap.demo import landmap_demo_load
    from rodloeber.parks.demo import parks_demo_load

    users = {role: make_user(role) for role in Role.values}
    users[Role.AUTHORITY_CASEWORKER] = f.user(
        Role.AUTHORITY_CASEWORKER, f.org("0561"), "crawl-esbjerg"
    )
    manager = users[Role.CASE_MANAGER]
    case = f.in_progress(users[Role.COMPANY_USER], manager, on=f.days(-200))
    f.submit(users[Role.COMPANY_USER])  # waiting for the completeness check
    message_post(actor=manager, case=case, subject="Spørgsmål", body="Send planen.")
    callin_request(
        actor=users[Role.AUTHORITY_CASEWORKER],
        permit=f.permit_of(case, "local_plan"),
        to_authority_code="MST",
        reason="Kompleks sag",
    )
    parks_demo_load()
    landmap_demo_load(count=5, seed=7)
    return users


@pytest.mark.parametrize("lang", ["da", "en"])
def test_crawl_every_role(
    browser: Any, live_server: Any, make_user: Callable[..., User], lang: str
) -> None:
    users = _world(make_user)
    base = live_server.url
    problems: list[str] = []
    axed: set[str] = set()
    for who in ["anonymous", *Role.values]:
        context = browser.new_context(locale="da-DK")
        context.add_cookies([{"name": "django_language", "value": lang, "url": base}])
        page = context.new_page()
        page.set_default_timeout(20000)
        page.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
        crawl = Crawl(page, base, lang)
        if who != "anonymous":
            _login(page, base, users[who])
        start = "/min-side" if who != "anonymous" else "/"
        nav = crawl.render(start, axed)
        nav_links = page.eval_on_selector_all(
            "nav.nav a[href], .navigation-menu a[href]", "els => els.map(e => e.href)"
        )
        to_render = [start] + [p for p in (crawl.local(h) for h in nav_links) if p]
        to_render += [p for p in nav if not FILES.search(p)]
        rendered: set[str] = {start}
        patterns: set[str] = {_pattern(start)}
        found: list[str] = []
        for path in dict.fromkeys(to_render):
            # one page per pattern and role is rendered; the others are fetched below
            if _pattern(path) in patterns or len(rendered) >= MAX_RENDERED:
                continue
            rendered.add(path)
            patterns.add(_pattern(path))
            found += crawl.render(path, axed)
        for path in dict.fromkeys(found + to_render):
            if path not in rendered:
                crawl.fetch(path)
        problems += [f"{who}: {p}" for p in crawl.problems]
        context.close()
    assert not problems, "\n".join(dict.fromkeys(problems))
