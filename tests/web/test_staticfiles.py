"""The production static storage tolerates only the unvendored legacy fonts."""

from __future__ import annotations

from pathlib import Path

import pytest

from rodloeber.web.staticfiles import StaticFilesStorage


def test_missing_legacy_font_is_left_unhashed(tmp_path: Path) -> None:
    storage = StaticFilesStorage(location=str(tmp_path), base_url="/static/")
    name = "vendor/dkfds/fonts/IBMPlexSans/complete/eot/IBMPlexSans-Regular.eot?#iefix"
    assert storage.hashed_name(name) == name


def test_present_files_are_hashed_and_other_missing_files_fail(tmp_path: Path) -> None:
    (tmp_path / "a.woff2").write_bytes(b"font")
    storage = StaticFilesStorage(location=str(tmp_path), base_url="/static/")
    hashed = storage.hashed_name("a.woff2")
    assert hashed != "a.woff2" and hashed.endswith(".woff2")
    with pytest.raises(ValueError, match="could not be found"):
        storage.hashed_name("img/missing.svg")
