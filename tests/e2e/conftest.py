"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

Skipped with a clear reason when Chromium is absent, except in CI where
RODLOEBER_REQUIRE_BROWSER=1 turns a missing browser into a failure.

Every page a browser test opens is watched (the ``page`` fixture, not a
per-test habit): a console error, an uncaught script error or a
Content-Security-Policy violation on any page visited fails the test. A test
that deliberately opens an error page names what it expects with
``@pytest.mark.allow_console(r"regex", ...)``.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def shoot(page: Any, name: str) -> None:
    """Save a full-page screenshot (and the Gantt chart's, if any) when
    RODLOEBER_SCREENSHOTS names a directory, for a person to look at."""
    folder = os.environ.get("RODLOEBER_SCREENSHOTS")
    if not folder:
        return
    from pathlib import Path

    Path(folder).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
    chart = page.locator("[data-testid=gantt]")
    if chart.count():
        chart.first.screenshot(path=str(Path(folder) / f"{name}-chart.png"))


def chromium_path() -> str | None:
    return os.environ.get("RODLOEBER_CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        if os.environ.get("RODLOEBER_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (apt-get install chromium) but was not found.")
        pytest.skip("Chromium not installed: apt-get install chromium to run browser tests.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


#: Runs before any page script (Playwright injects it past the CSP): turns each
#: CSP violation, also in report-only mode, into a console error we can see.
CSP_WATCH = """
document.addEventListener('securitypolicyviolation', (e) => {
  console.error('CSP violation: ' + e.effectiveDirective + ' blocked '
    + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
});
"""


class ConsoleWatch:
    """Console errors, page errors and CSP violations seen in one browser context."""

    def __init__(self, allowed: list[re.Pattern[str]]) -> None:
        self.allowed = allowed
        self.problems: list[str] = []

    def on_console(self, msg: Any) -> None:
        if msg.type not in ("error", "assert"):
            return
        where = (msg.location or {}).get("url", "")
        self._add(f"console.{msg.type}: {msg.text} ({where})")

    def on_page_error(self, exc: Any) -> None:
        self._add(f"uncaught error: {exc}")

    def _add(self, text: str) -> None:
        if not any(p.search(text) for p in self.allowed):
            self.problems.append(text)


def watched_context(browser: Any, allowed: list[re.Pattern[str]]) -> tuple[Any, ConsoleWatch]:
    """A new browser context (Danish locale) whose every page is watched."""
    watch = ConsoleWatch(allowed)
    context = browser.new_context(locale="da-DK")
    context.add_init_script(script=CSP_WATCH)
    context.on("console", watch.on_console)
    context.on("weberror", lambda err: watch.on_page_error(err.error))
    return context, watch


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    allowed = [
        re.compile(pattern)
        for marker in request.node.iter_markers("allow_console")
        for pattern in marker.args
    ]
    context, watch = watched_context(browser, allowed)
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()
    if watch.problems:
        pytest.fail(
            "The browser reported errors on the pages this test visited:\n  "
            + "\n  ".join(watch.problems),
            pytrace=False,
        )
