"""Test settings: fast hashing, in-memory SQLite unless DATABASE_URL is set."""

from __future__ import annotations

import os

import dj_database_url

from rodloeber.config.settings.base import *  # noqa: F403

SECRET_KEY = "test-only-key-not-secret-0123456789abcdef0123456789"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATABASES = {
    "default": sqlite_for_concurrency(  # noqa: F405
        dict(dj_database_url.parse(os.environ.get("DATABASE_URL", "sqlite://:memory:")))
    )
}
RODLOEBER_DEMO_MODE = True
RODLOEBER_STATISTICS_CACHE_SECONDS = 0  # tests change data and read figures at once
# Rate limits are off by default in tests (every test client shares one address);
# tests/security/test_ratelimit.py switches them on.
RODLOEBER_RATE_LIMITS_ENABLED = False
# No anchor file unless a test sets one (tests/audit/test_keyed_chain.py).
RODLOEBER_AUDIT_ANCHOR_FILE = ""
