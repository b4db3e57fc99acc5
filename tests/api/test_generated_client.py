"""A client generated from docs/api/openapi.json (openapi-python-client) calls the API.

Proves the contract is usable as published: short operation ids become the
client's function names, and every answer parses into its typed model (the
schedule, the case plan and the statistics were untyped ``dict`` before, so a
generated client dropped them). Generation is offline (no network, no post
hooks); the client talks to the Django app in-process over WSGI.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from rodloeber.accounts.roles import Role
from rodloeber.accounts.services import token_create
from rodloeber.accounts.token_scopes import ALL_SCOPES
from rodloeber.cases.services.completeness import case_publish_schedule
from tests.cases import factories as f

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "rodloeber_api_client"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("client")
    config = out / "config.yaml"
    config.write_text(
        f"project_name_override: {PACKAGE}\npackage_name_override: {PACKAGE}\npost_hooks: []\n",
        encoding="utf-8",
    )
    tool = Path(sys.executable).with_name("openapi-python-client")
    result = subprocess.run(  # noqa: S603 - our own venv's generator, fixed arguments
        [
            str(tool),
            "generate",
            "--path",
            str(ROOT / "docs" / "api" / "openapi.json"),
            "--config",
            str(config),
            "--meta",
            "none",
            "--output-path",
            str(out / PACKAGE),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout + result.stderr, result.stdout + result.stderr
    sys.path.insert(0, str(out))
    try:
        yield PACKAGE
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"{PACKAGE}.{name}")


@pytest.fixture
def transport(db: Any, settings: Any) -> Iterator[httpx.WSGITransport]:
    settings.RODLOEBER_PLAN_SAMPLES = 100
    # As Django's test client does: keep the test's database connection open
    # (on PostgreSQL, closing it at request start or end drops the test transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield httpx.WSGITransport(app=WSGIHandler())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_a_generated_client_calls_five_endpoints(
    generated: str, transport: httpx.WSGITransport
) -> None:
    client_mod = _module("client")
    models = _module("models")
    base = "http://testserver"
    public = client_mod.Client(base_url=base, httpx_args={"transport": transport})

    health = _module("api.system.health").sync(client=public)
    assert isinstance(health, models.Health) and health.status == "ok"

    facts = models.ProjectFactsIn.from_dict(f.FACTS)
    eligibility = _module("api.check.eligibility").sync(client=public, body=facts)
    assert isinstance(eligibility, models.EligibilityOut)
    assert {c.code for c in eligibility.criteria} >= {"A", "C"}

    company = f.company()
    applicant = f.user(Role.COMPANY_USER, company)
    manager = f.user(Role.CASE_MANAGER, f.org("ERST"))
    case = f.in_progress(applicant, manager)
    case_publish_schedule(actor=manager, case=case)
    _token, secret = token_create(
        actor=None, user=manager, name="generated client", scopes=ALL_SCOPES
    )
    authed = client_mod.AuthenticatedClient(
        base_url=base, token=secret, httpx_args={"transport": transport}
    )

    cases = _module("api.cases.cases_list").sync(client=authed)
    assert [c.id for c in cases] == [case.pk]

    plan = _module("api.cases.case_plan").sync(client=authed, case_id=case.pk)
    assert isinstance(plan, models.CasePlanOut)
    assert isinstance(plan.current, models.PlanOut) and plan.current.permits
    assert isinstance(plan.baseline, models.PlanOut)

    schedule = _module("api.cases.schedule_get").sync(client=public, public_id=case.public_id)
    assert isinstance(schedule, models.ScheduleOut)
    assert schedule.title == case.title and schedule.permits
    assert isinstance(schedule.permits[0].milestones[0], models.ScheduleMilestoneOut)

    statistics = _module("api.statistics.statistics").sync(client=public)
    assert isinstance(statistics, models.StatisticsOut)
    assert statistics.figures and isinstance(statistics.figures[0], models.FigureOut)

    missing = _module("api.cases.schedule_get").sync(
        client=public, public_id="00000000-0000-4000-8000-000000000000"
    )
    assert isinstance(missing, models.ErrorOut) and missing.errors[0].code == "not_found"
