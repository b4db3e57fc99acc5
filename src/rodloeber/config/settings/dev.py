"""Local development: SQLite, debug on, demo data allowed."""

from __future__ import annotations

import os

from rodloeber.config.settings.base import *  # noqa: F403
from rodloeber.config.settings.base import VAR_DIR

DEBUG = True
SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production-7f3a9c"
)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
RODLOEBER_DEMO_MODE = os.environ.get("RODLOEBER_DEMO_MODE", "1") == "1"
VAR_DIR.mkdir(parents=True, exist_ok=True)
