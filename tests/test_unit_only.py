"""`make test-fast` selects tests with `--unit-only` (tests/conftest.py, ADR 0015)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import needs_db_or_browser


class _Item:
    """The two things the filter reads from a collected test."""

    def __init__(self, markers: tuple[str, ...] = (), fixtures: tuple[str, ...] = ()) -> None:
        self.markers = markers
        self.fixturenames = list(fixtures)

    def get_closest_marker(self, name: str) -> Any:
        return name if name in self.markers else None


@pytest.mark.parametrize(
    ("item", "needs"),
    [
        (_Item(), False),
        (_Item(fixtures=("settings", "tmp_path", "monkeypatch")), False),
        (_Item(markers=("django_db",)), True),
        (_Item(markers=("e2e",)), True),
        (_Item(fixtures=("db",)), True),
        (_Item(fixtures=("make_user", "company", "db")), True),  # a fixture that needs the db
        (_Item(fixtures=("transactional_db",)), True),
        (_Item(fixtures=("live_server",)), True),
        (_Item(fixtures=("page", "browser")), True),
    ],
)
def test_db_and_browser_tests_are_told_apart(item: _Item, needs: bool) -> None:
    assert needs_db_or_browser(item) is needs  # type: ignore[arg-type]


def test_this_file_is_a_unit_test(request: pytest.FixtureRequest) -> None:
    assert not needs_db_or_browser(request.node)
