"""Twelve concurrent If-Match writes: one 200 and eleven 412, never a 500 (issue #20).

Before: on SQLite eleven of twelve concurrent ``PATCH /milestones/{id}``
with the same ``If-Match`` answered 500 ("database is locked"): a deferred
transaction that read first could not become a write transaction. Now every
transaction starts ``IMMEDIATE`` with a busy timeout
(``config.settings.base.sqlite_for_concurrency``).

SQLite: the test database is copied to a file and twelve threads in a child
process (each with its own connection) send the requests. PostgreSQL: twelve
threads in this process against the test database. One table,
``CONDITIONAL``, lists every If-Match endpoint; a test checks the OpenAPI
schema names no other.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from rodloeber.accounts.roles import Role
from rodloeber.accounts.services import token_create
from rodloeber.accounts.token_scopes import ALL_SCOPES
from rodloeber.audit.models import AuditEvent
from rodloeber.cases.models import Milestone
from rodloeber.cases.services.completeness import case_acknowledge
from tests.cases import factories as f
from tests.security.contention import Conditional, fire, send

pytestmark = pytest.mark.django_db(transaction=True)

N = 12
ROOT = Path(__file__).resolve().parents[2]


def milestone_patch() -> tuple[Conditional, Callable[[], int]]:
    """PATCH /api/v1/milestones/{id}; returns the request and the object's version now."""
    company = f.user(Role.COMPANY_USER, f.company(), "kon-firma")
    manager = f.user(Role.CASE_MANAGER, f.org("ERST"), "kon-sb")
    esbjerg = f.user(Role.AUTHORITY_CASEWORKER, f.org("0561"), "kon-esbjerg")
    case = f.submit(company, f.facts())
    case_acknowledge(actor=manager, case=case, on=date.today())
    m = Milestone.objects.filter(permit__case=case, permit__authority_code="0561").first()
    assert m is not None
    _, token = token_create(actor=None, user=esbjerg, name="kon", scopes=ALL_SCOPES)
    forecast = (m.forecast + timedelta(days=30)).isoformat()
    request = Conditional(
        "PATCH",
        f"/api/v1/milestones/{m.pk}",
        {"forecast": forecast, "reason": "Samtidig test"},
        token,
        m.version,
    )
    return request, lambda: Milestone.objects.get(pk=m.pk).version


#: Every endpoint that takes If-Match ("METHOD /api/v1 path" -> set-up).
CONDITIONAL: dict[str, Callable[[], tuple[Conditional, Callable[[], int]]]] = {
    "PATCH /api/v1/milestones/{milestone_id}": milestone_patch,
}


def _fire(request: Conditional, tmp_path: Path) -> list[int]:
    if connection.vendor != "sqlite":
        return fire(N, lambda: send(request))
    db_file = tmp_path / "contention.sqlite3"
    target = sqlite3.connect(db_file)
    connection.ensure_connection()
    connection.connection.backup(target)  # the test database, committed rows and all
    target.close()
    args = [sys.executable, "-m", "tests.security.contention", str(db_file)]
    out = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [*args, json.dumps(asdict(request)), str(N)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    _STDERR["last"] = out.stderr
    codes: list[int] = json.loads(out.stdout.strip().splitlines()[-1])
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(db_file)
        events = copy.execute("select count(*) from audit_auditevent").fetchone()[0]
        copy.close()
        _EVENTS[request.path] = int(events)
    return codes


_EVENTS: dict[str, int] = {}
_STDERR: dict[str, str] = {}


@pytest.mark.parametrize("key", sorted(CONDITIONAL))
def test_concurrent_conditional_writes_give_one_200_and_412s(
    key: str, tmp_path: Path, settings: Any
) -> None:
    settings.RODLOEBER_PLAN_SAMPLES = 100
    request, version_now = CONDITIONAL[key]()
    events_before = AuditEvent.objects.count()
    codes = _fire(request, tmp_path)
    assert codes == [200] + [412] * (N - 1), (codes, _STDERR.get("last", "")[-3000:])
    if connection.vendor == "sqlite":  # the writes went to the copied file
        assert _EVENTS[request.path] == events_before + 1
    else:
        assert version_now() == request.version + 1
        assert AuditEvent.objects.count() == events_before + 1


def test_every_if_match_endpoint_is_in_the_table() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    found = {
        f"{method.upper()} /api/v1{path.removeprefix('/api/v1')}"
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
        if any(
            p.get("in") == "header" and p.get("name") == "If-Match"
            for p in op.get("parameters", [])
        )
    }
    assert found, "no If-Match endpoint found in the OpenAPI schema"
    assert found == set(CONDITIONAL), found ^ set(CONDITIONAL)
