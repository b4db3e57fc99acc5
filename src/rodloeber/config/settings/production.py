"""Production: everything secret or host-specific comes from the environment.

Required: DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL (PostgreSQL).
Start-up fails loudly when one is missing rather than running insecurely.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from rodloeber.config.settings.base import *  # noqa: F403
from rodloeber.config.settings.base import ALLOWED_HOSTS, MIDDLEWARE, SECRET_KEY

if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set to at least 50 random characters.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list the public host names.")
if "DATABASE_URL" not in os.environ:
    raise ImproperlyConfigured("DATABASE_URL must point at the production PostgreSQL database.")

DEBUG = False
# WhiteNoise serves the collected static files right after the security middleware.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
RODLOEBER_DEMO_MODE = os.environ.get("RODLOEBER_DEMO_MODE", "0") == "1"

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "rodloeber.web.staticfiles.StaticFilesStorage"},
}

# Rate-limit counters must be shared by every gunicorn worker (and host): a
# per-process LocMemCache would multiply each limit by the number of workers.
# Default: Django's DatabaseCache in the production database (the table is
# created by `rodloeber migrate`, see rodloeber.ops.apps). RODLOEBER_CACHE_URL
# = redis://… uses Redis instead (atomic counters; needs the `redis` package).
_CACHE_URL = os.environ.get("RODLOEBER_CACHE_URL", "")
if _CACHE_URL.startswith(("redis://", "rediss://")):
    _RATELIMIT_CACHE = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _CACHE_URL,
    }
elif _CACHE_URL:
    raise ImproperlyConfigured("RODLOEBER_CACHE_URL must be a redis:// or rediss:// URL.")
else:
    _RATELIMIT_CACHE = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "rodloeber_cache",
    }
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": _RATELIMIT_CACHE,
}
RODLOEBER_RATE_LIMIT_CACHE = "ratelimit"
