"""Settings shared by every environment.

Environment-specific files (dev, test, production) import from here and
override only what differs. Values that an operator sets come from the
environment (12-factor); nothing secret is committed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parents[2]  # src/rodloeber
PROJECT_ROOT = PACKAGE_DIR.parents[1]  # repository root
VAR_DIR = Path(os.environ.get("RODLOEBER_VAR_DIR", PROJECT_ROOT / "var"))

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rodloeber.audit",
    "rodloeber.accounts",
    "rodloeber.saml",  # NemLog-in / MitID Erhverv (ADR 0013)
    "rodloeber.web",
    "rodloeber.api",
    "rodloeber.cases",
    "rodloeber.layers",
    "rodloeber.checks",
    "rodloeber.landmap",
    "rodloeber.parks",
    "rodloeber.reports",
    "rodloeber.ops",  # backup / restore / audit hardening commands
    "ninja",  # serves Swagger UI from our own static files (CSP: no CDN, no inline script)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # CSP (per-request nonce), Permissions-Policy, no-store for signed-in callers
    "rodloeber.web.security.SecurityHeadersMiddleware",
    "rodloeber.audit.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "rodloeber.web.middleware.DanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "rodloeber.accounts.middleware.SessionLifetimeMiddleware",
    "rodloeber.web.ratelimit.RateLimitMiddleware",  # 429 per RODLOEBER_RATE_LIMITS
    # a bearer token is held to its scopes on public API operations too (ADR 0026)
    "rodloeber.api.token_scope_middleware.TokenScopeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # CPU seconds one request may use (RODLOEBER_REQUEST_CPU_BUDGET_S, ADR 0027)
    "rodloeber.web.cpu_budget.CpuBudgetMiddleware",
]
#: Issue #20: no single request costs more than 2 s of CPU; 0 switches the guard off.
RODLOEBER_REQUEST_CPU_BUDGET_S = float(os.environ.get("RODLOEBER_REQUEST_CPU_BUDGET_S", "2"))

ROOT_URLCONF = "rodloeber.config.urls"
WSGI_APPLICATION = "rodloeber.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rodloeber.web.context_processors.platform",
            ],
        },
    },
]

SQLITE_BUSY_TIMEOUT_SECONDS = 20


def sqlite_for_concurrency(database: dict[str, Any]) -> dict[str, Any]:
    """SQLite settings for concurrent writers (ADR 0018, issue #20: several workers, one file).

    Every transaction starts ``IMMEDIATE`` (takes the write lock at ``BEGIN``),
    so two writers queue for up to the busy timeout instead of failing with
    "database is locked" when a read transaction tries to become a write;
    WAL lets readers continue while one writer writes. Other engines unchanged.
    """
    if database.get("ENGINE", "").endswith("sqlite3"):
        options = database.setdefault("OPTIONS", {})
        options.setdefault("transaction_mode", "IMMEDIATE")
        options.setdefault("timeout", SQLITE_BUSY_TIMEOUT_SECONDS)
        options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    return database


DATABASES = {
    "default": sqlite_for_concurrency(
        dict(
            dj_database_url.parse(
                os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'rodloeber.sqlite3'}"),
                conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
            )
        )
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rodloeber.accounts.backends.LocalAccountBackend",
    "rodloeber.saml.backends.NemLoginBackend",  # sessions opened by a NemLog-in assertion
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:home"

# Strong password hashing (Argon2id first; older hashes are upgraded on log-in).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions: idle timeout (cookie age renewed on each request) plus an absolute
# lifetime enforced by SessionLifetimeMiddleware.
SESSION_COOKIE_AGE = int(os.environ.get("RODLOEBER_SESSION_IDLE_SECONDS", 30 * 60))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
RODLOEBER_SESSION_ABSOLUTE_SECONDS = int(
    os.environ.get("RODLOEBER_SESSION_ABSOLUTE_SECONDS", 10 * 60 * 60)
)

# NemLog-in / MitID Erhverv (SAML 2.0, OIOSAML 3; docs/nemlogin.md, ADR 0013).
# Enabled only when entity id, base URL, key, certificate and IdP metadata are
# all set; with none set the log-in page has no NemLog-in button (make run).
RODLOEBER_SAML: dict[str, object] = {
    "SP_ENTITY_ID": os.environ.get("RODLOEBER_SAML_SP_ENTITY_ID", ""),
    "BASE_URL": os.environ.get("RODLOEBER_SAML_BASE_URL", ""),  # e.g. https://roedloeber.dk
    "KEY_FILE": os.environ.get("RODLOEBER_SAML_KEY_FILE", ""),  # signing (function certificate)
    "CERT_FILE": os.environ.get("RODLOEBER_SAML_CERT_FILE", ""),
    "ENCRYPTION_KEY_FILE": os.environ.get("RODLOEBER_SAML_ENCRYPTION_KEY_FILE", ""),
    "ENCRYPTION_CERT_FILE": os.environ.get("RODLOEBER_SAML_ENCRYPTION_CERT_FILE", ""),
    "IDP_METADATA_FILE": os.environ.get("RODLOEBER_SAML_IDP_METADATA_FILE", ""),
    "IDP_METADATA_URL": os.environ.get("RODLOEBER_SAML_IDP_METADATA_URL", ""),
    "IDP_METADATA_CERT_FILE": os.environ.get("RODLOEBER_SAML_IDP_METADATA_CERT_FILE", ""),
    "IDP_ENTITY_ID": os.environ.get("RODLOEBER_SAML_IDP_ENTITY_ID", ""),
    "MIN_LOA": os.environ.get("RODLOEBER_SAML_MIN_LOA", "Substantial"),
    "CLOCK_SKEW_SECONDS": int(os.environ.get("RODLOEBER_SAML_CLOCK_SKEW_SECONDS", "60")),
    "XMLSEC_BINARY": os.environ.get("RODLOEBER_SAML_XMLSEC1", ""),  # default: xmlsec1 on PATH
}

# Login throttling: failures counted per user name and per client address.
RODLOEBER_LOGIN_MAX_FAILURES_PER_USER = 5
RODLOEBER_LOGIN_MAX_FAILURES_PER_IP = 20
RODLOEBER_LOGIN_WINDOW_SECONDS = 15 * 60

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"

# Demo mode labels every page "syntetiske demodata" and allows `rodloeber demo load`.
RODLOEBER_DEMO_MODE = os.environ.get("RODLOEBER_DEMO_MODE", "0") == "1"
# Public statistics (/statistik, GET /api/v1/statistics) are recomputed at most
# this often per process; 0 recomputes on every request.
RODLOEBER_STATISTICS_CACHE_SECONDS = int(os.environ.get("RODLOEBER_STATISTICS_CACHE_SECONDS", 300))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("RODLOEBER_LOG_LEVEL", "INFO")},
    "loggers": {
        # pysaml2 logs NameIDs and attributes at INFO/DEBUG: personal data stays out
        # of the logs (the audit trail records what is needed; docs/nemlogin.md).
        "saml2": {"level": "WARNING"},
        "xmlschema": {"level": "WARNING"},  # "Resource ... already loaded" on import
    },
}

# HTTP hardening (rodloeber.web.security; ADR 0012). Scripts need the request's
# nonce; RODLOEBER_CSP_EXTRA adds sources per directive, e.g. {"connect-src": "https://x"}.
RODLOEBER_CSP_ENABLED = True
RODLOEBER_CSP_REPORT_ONLY = os.environ.get("RODLOEBER_CSP_REPORT_ONLY", "0") == "1"
RODLOEBER_CSP_EXTRA: dict[str, str] = {}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Rate limits (rodloeber.web.ratelimit): scope -> (requests, window seconds), counted
# per user (or client address when anonymous) in the cache. 429 beyond the limit.
# Audit chain (issue #20, docs/operations.md "Audit chain keys"): HMAC keys from the
# environment, never the database; anchors appended to a file outside the database.
RODLOEBER_AUDIT_KEY = os.environ.get("RODLOEBER_AUDIT_KEY", "")
RODLOEBER_AUDIT_OLD_KEYS = os.environ.get("RODLOEBER_AUDIT_OLD_KEYS", "")
# Events up to this number may be unkeyed (written before keys existed); 0 = none.
RODLOEBER_AUDIT_UNKEYED_UNTIL = int(os.environ.get("RODLOEBER_AUDIT_UNKEYED_UNTIL", "0"))
RODLOEBER_AUDIT_ANCHOR_FILE = os.environ.get(
    "RODLOEBER_AUDIT_ANCHOR_FILE", str(VAR_DIR / "audit-anchors.jsonl")
)
RODLOEBER_AUDIT_SEALED_LOGS: tuple[str, ...] = ("cases.AccessLog",)
RODLOEBER_RATE_LIMITS_ENABLED = os.environ.get("RODLOEBER_RATE_LIMITS", "1") == "1"
RODLOEBER_RATE_LIMIT_CACHE = "default"  # production: a cache shared by all workers
# Reverse proxies in front of the app (0 = none). Rate limits and log-in throttling
# key anonymous callers by the address the outermost trusted proxy saw
# (rodloeber.core.clientaddr); X-Forwarded-For is never trusted beyond this count.
# Local hour from which the outbox worker queues the daily digest (rodloeber.cases.worker).
RODLOEBER_DIGEST_HOUR = int(os.environ.get("RODLOEBER_DIGEST_HOUR", "7"))
RODLOEBER_TRUSTED_PROXIES = int(os.environ.get("RODLOEBER_TRUSTED_PROXIES", "0"))
RODLOEBER_RATE_LIMITS: dict[str, tuple[int, int]] = {
    "login": (20, 15 * 60),  # per address, on top of the failure-based lock-out
    "case_submit": (10, 60 * 60),
    "document_upload": (30, 60 * 60),
    "search": (120, 60),  # list, search and export endpoints
    # anonymous POST /api/v1/screening per address; one request is at most ~2 s of CPU
    "screening": (30, 60),
}

# The contact person is alerted on the case page (and in the task inbox) when the
# plan's probability of meeting the cap falls below this (0..1; issue #16).
RODLOEBER_PLAN_ALERT_THRESHOLD = float(os.environ.get("RODLOEBER_PLAN_ALERT_THRESHOLD", "0.8"))
# Measures are fitted so the plan meets the cap with each permit at this percentile
# of its duration (0..1, exclusive; issue #16 item 3).
RODLOEBER_PLAN_FIT_PERCENTILE = float(os.environ.get("RODLOEBER_PLAN_FIT_PERCENTILE", "0.8"))
