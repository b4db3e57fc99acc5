"""Every layers test writes GeoPackages into its own temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rodloeber.layers.loading import clear_cache

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BAD = FIXTURES / "bad"


@pytest.fixture(autouse=True)
def layers_dir(settings: Any, tmp_path: Path) -> Iterator[Path]:
    directory = tmp_path / "layers"
    settings.RODLOEBER_LAYERS_DIR = directory
    clear_cache()
    yield directory
    clear_cache()
