"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

Skipped with a clear reason when Chromium is absent, except in CI where
RODLOEBER_REQUIRE_BROWSER=1 turns a missing browser into a failure.
"""

from __future__ import annotations

import os
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


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="da-DK")
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()
