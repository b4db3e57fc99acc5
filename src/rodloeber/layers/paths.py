"""Where layer files live (lagmappe): ``RODLOEBER_LAYERS_DIR`` or ``VAR_DIR / "layers"``."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

from rodloeber.domain.geodata.errors import GeodataError

NAME_RE = re.compile(r"^[a-z][a-z0-9_]{1,62}$")


def layers_dir() -> Path:
    return Path(getattr(settings, "RODLOEBER_LAYERS_DIR", Path(settings.VAR_DIR) / "layers"))


def check_name(name: str) -> str:
    if not NAME_RE.match(name):
        raise GeodataError(
            "layer_name",
            f"Ugyldigt lagnavn '{name[:70]}': brug små bogstaver, tal og _ (fx section3_nature).",
            f"Invalid layer name '{name[:70]}': use lower-case letters, digits and _ "
            "(e.g. section3_nature).",
        )
    return name


def layer_path(name: str) -> Path:
    """The GeoPackage of layer ``name`` (it may not exist yet)."""
    return layers_dir() / f"{check_name(name)}.gpkg"
