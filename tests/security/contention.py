"""Concurrent conditional writes (If-Match) against one object (issue #20).

``fire(n, send)`` starts ``n`` threads behind a barrier; each sends the same
conditional request with its own database connection and returns its HTTP
status. Run as a module it is the SQLite probe: ``python -m
tests.security.contention DB_FILE JSON`` opens the copied test database file
(a real file, so SQLite locks between connections as in production) and
prints the statuses as JSON.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Conditional:
    """One If-Match request: method, path, body, token and the version sent."""

    method: str
    path: str
    body: dict[str, Any]
    token: str
    version: int


def send(request: Conditional) -> int:
    from django.db import connection
    from django.test import Client

    try:
        client = Client(raise_request_exception=False)
        response = client.generic(
            request.method,
            request.path,
            json.dumps(request.body),
            content_type="application/json",
            headers={"Authorization": f"Bearer {request.token}", "If-Match": str(request.version)},
        )
        if response.status_code >= 500:
            print(response.content[:2000].decode(errors="replace"), file=sys.stderr)
        return int(response.status_code)
    finally:
        connection.close()


def fire(n: int, job: Callable[[], int]) -> list[int]:
    """Run ``job`` in ``n`` threads at once; their statuses, sorted."""
    barrier = threading.Barrier(n)
    codes: list[int] = []
    lock = threading.Lock()

    def run() -> None:
        barrier.wait()
        code = job()
        with lock:
            codes.append(code)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return sorted(codes)


def main(db_file: str, spec: str, n: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_file}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rodloeber.config.settings.test")
    import django

    django.setup()
    from django.conf import settings

    settings.RODLOEBER_PLAN_SAMPLES = 100  # as the parent test: re-planning is not under test
    request = Conditional(**json.loads(spec))
    print(json.dumps(fire(int(n), lambda: send(request))))


if __name__ == "__main__":
    main(*sys.argv[1:4])
