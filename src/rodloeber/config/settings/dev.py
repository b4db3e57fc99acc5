"""Local development: SQLite, debug on, demo data allowed."""

from __future__ import annotations

import os

from rodloeber.config.settings.base import *  # noqa: F403
from rodloeber.config.settings.base import VAR_DIR

# `make run` serves with DEBUG off so a newcomer sees the real error pages
# (403/404/429/500) and never Django's debug page; static files are served by
# `runserver --insecure`. RODLOEBER_DEBUG=1 turns the debug pages back on.
DEBUG = os.environ.get("RODLOEBER_DEBUG", "0") == "1"
SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production-7f3a9c"
)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
RODLOEBER_DEMO_MODE = os.environ.get("RODLOEBER_DEMO_MODE", "1") == "1"
VAR_DIR.mkdir(parents=True, exist_ok=True)
