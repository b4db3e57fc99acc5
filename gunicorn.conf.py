"""gunicorn settings for Rød Løber (docs/operations.md "Web server", ADR 0030).

Run from the repository root (gunicorn reads ./gunicorn.conf.py by itself):

    gunicorn                       # serves rodloeber.config.wsgi:application

``preload_app`` imports the application once in the master; ``when_ready``
then loads the screening index and geography there (``rodloeber.config.warm``)
before the workers fork, so no worker pays for them on its first request.
Environment: ``RODLOEBER_BIND`` (default 127.0.0.1:8000), ``WEB_CONCURRENCY``
(workers, default 3), ``GUNICORN_TIMEOUT`` (seconds, default 60),
``RODLOEBER_FORWARDED_ALLOW_IPS`` (the reverse proxy's address, default 127.0.0.1).
"""

from __future__ import annotations

import os
from typing import Any

wsgi_app = "rodloeber.config.wsgi:application"
bind = os.environ.get("RODLOEBER_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
preload_app = True
forwarded_allow_ips = os.environ.get("RODLOEBER_FORWARDED_ALLOW_IPS", "127.0.0.1")
max_requests = 0  # workers live as long as the master: the warmed indexes stay shared


def when_ready(server: Any) -> None:
    """In the master, after preloading and before the first fork."""
    from rodloeber.config.warm import warm

    server.log.info("warmed screening index and geography in %.2f s", warm())
