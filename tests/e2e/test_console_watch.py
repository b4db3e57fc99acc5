"""The console watch in tests/e2e/conftest.py really catches what it promises.

Each case opens its own watched context (not the ``page`` fixture, which would
fail the test at teardown) and provokes one kind of problem on a real page.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.conftest import watched_context

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _visit(browser: Any, url: str, script: str, allowed: list[str] | None = None) -> list[str]:
    context, watch = watched_context(browser, [re.compile(p) for p in allowed or []])
    try:
        pg = context.new_page()
        pg.goto(url)
        pg.evaluate(script)
        pg.wait_for_timeout(200)  # let the violation event reach the console
    finally:
        context.close()
    return watch.problems


def test_inline_style_blocked_by_csp_is_reported(browser: Any, live_server: Any) -> None:
    problems = _visit(
        browser,
        f"{live_server.url}/procesplan",
        "() => { const s = document.createElement('style');"
        " s.textContent = 'body{color:red}'; document.head.appendChild(s); }",
    )
    assert any("CSP violation: style-src" in p for p in problems), problems


def test_console_error_and_uncaught_error_are_reported(browser: Any, live_server: Any) -> None:
    problems = _visit(
        browser,
        f"{live_server.url}/",
        "() => { console.error('boom from test');"
        " setTimeout(() => { throw new Error('kaboom'); }); }",
    )
    assert any("boom from test" in p for p in problems), problems
    assert any("kaboom" in p for p in problems), problems


def test_allowed_pattern_is_not_reported(browser: Any, live_server: Any) -> None:
    problems = _visit(
        browser, f"{live_server.url}/", "() => console.error('expected noise')", ["expected noise"]
    )
    assert problems == []
