"""One check computation: every entry point gives the same answer (issue #15 item 10).

200 generated projects, some with a site point inside an industrial park
designated under § 13 (criterion C follows from the park), go through the
reference computation (``run_check``), ``POST /api/v1/eligibility``,
``POST /api/v1/navigator``, ``POST /api/v1/plans/preview``, the CLI
(``eligibility``, ``navigate``), saved checks, case intake (``POST
/api/v1/cases`` service) and the completeness acknowledgement; every answer
must be identical.

Speed (ADR 0015): the 200 projects call each entry point in-process: the API
operations through django-ninja's test client (the same request and response
schemas and handler, without Django's middleware) and the CLI commands'
``handle`` (without argument parsing). A handful of generated projects go the
whole way, through Django's test client (URL routing and every middleware) and
``call_command``, so a difference there is caught too.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ninja.testing import TestClient

from rodloeber.accounts.roles import Role
from rodloeber.cases.planning import GUIDANCE_CODE
from rodloeber.cases.services.completeness import case_acknowledge
from rodloeber.checks.api.router import router as check_router
from rodloeber.checks.computation import run_check
from rodloeber.checks.management.commands import eligibility, navigate
from rodloeber.checks.services import saved_check_create
from rodloeber.domain.legal_citations import english_pairs
from rodloeber.parks.models import ParkStatus
from tests.cases import factories as f
from tests.domain.strategies_domain import facts_data

from .test_parks import INSIDE, OUTSIDE_POINT, make_park

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)
#: The API operations in-process: ninja's request and response schemas and the handler.
CHECK_API = TestClient(check_router)
CLI_COMMANDS = {"eligibility": eligibility.Command, "navigate": navigate.Command}

Post = Callable[[str, Any], Any]
Cli = Callable[[str, dict[str, Any]], Any]
PROJECTS = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
}
POINTS = st.sampled_from([None, INSIDE, OUTSIDE_POINT])


def _json(data: Any) -> Any:
    return json.loads(json.dumps(data))


def _post_in_process(path: str, body: Any) -> Any:
    response = CHECK_API.post(path.removeprefix("/api/v1"), json=body)
    assert response.status_code == 200, response.content
    return response.json()


def _post_http(client: Client) -> Post:
    def post(path: str, body: Any) -> Any:
        response = client.post(path, json.dumps(body), content_type="application/json")
        assert response.status_code == 200, response.content
        return response.json()

    return post


def _facts_file(facts: dict[str, Any], tmp: Path) -> str:
    path = tmp / "facts.json"
    path.write_text(json.dumps(facts), encoding="utf-8")
    return str(path)


def _cli_in_process(tmp: Path) -> Cli:
    def cli(command: str, facts: dict[str, Any]) -> Any:
        out = StringIO()
        CLI_COMMANDS[command](stdout=out).handle(file=_facts_file(facts, tmp), lang="da")
        return json.loads(out.getvalue())

    return cli


def _cli_command(tmp: Path) -> Cli:
    def cli(command: str, facts: dict[str, Any]) -> Any:
        out = StringIO()
        call_command(command, _facts_file(facts, tmp), stdout=out)
        return json.loads(out.getvalue())

    return cli


@pytest.fixture
def world(settings: Any, tmp_path: Path) -> dict[str, Any]:
    settings.RODLOEBER_PLAN_SAMPLES = 0
    settings.MEDIA_ROOT = tmp_path / "media"
    make_park(f.org("0561"), ParkStatus.OPEN)
    return {
        "applicant": f.user(Role.COMPANY_USER, f.company()),
        "manager": f.user(Role.CASE_MANAGER, f.org("ERST")),
        "tmp": tmp_path,
    }


def _facts(data: dict[str, Any], point: Any) -> dict[str, Any]:
    facts = _json(data)
    if point is not None:
        facts["site"]["point"] = list(point)
    return facts


def assert_every_entry_point_agrees(
    world: dict[str, Any], facts: dict[str, Any], post: Post, cli: Cli
) -> None:
    """The reference answer, and the same answer from every other entry point."""
    reference = _json(run_check(facts).to_dict())
    elig, nav = reference["eligibility"], reference["navigator"]

    # API and CLI answers carry legal_basis_en beside each legal_basis (the stored ones do not)
    elig_out, nav_out = english_pairs(elig), english_pairs(nav)
    assert post("/api/v1/eligibility", facts) == elig_out
    assert post("/api/v1/navigator", facts) == nav_out
    plan = post(
        "/api/v1/plans/preview",
        {"facts": facts, "clock_start": "2026-03-02", "n_samples": 0},
    )
    # the plan holds the permits the navigator marks as planned; the rest stand beside it
    planned = [p["code"] for p in nav["permits"] if p["planned"]]
    assert [p["code"] for p in plan["permits_included"]] == planned
    assert [b["code"] for b in plan["permits_beside_plan"]] == [
        p["code"] for p in nav["permits"] if not p["planned"]
    ]
    if elig["cap"]["months"] is None:  # no cap binds: the plan shows the L 206 reference
        assert plan["cap"]["applies"] is False
    else:
        assert (plan["cap"]["months"], plan["cap"]["applies"]) == (elig["cap"]["months"], True)
    assert cli("eligibility", facts) == elig_out
    assert cli("navigate", facts) == nav_out

    saved = saved_check_create(actor=world["applicant"], facts=facts)
    assert _json(saved.result) == reference

    applicant = world["applicant"]
    case = f.submit(applicant, facts, on=TODAY)
    assert (_json(case.eligibility), _json(case.navigator)) == (elig, nav)
    assert case.catalogue_version == elig["catalogue_version"] == nav["catalogue_version"]
    assert case.eligible is elig["eligible"]
    case = case_acknowledge(
        actor=world["manager"],
        case=case,
        on=TODAY,
        today=TODAY,
        eligibility_override="" if case.eligible else "Behandles alligevel (test).",
    )
    created = [p.code for p in case.permits.order_by("position") if p.code != GUIDANCE_CODE]
    assert created == [p["code"] for p in nav["permits"]]


def test_run_check_never_changes_the_callers_facts(world: dict[str, Any]) -> None:
    facts = {"site": {"kommune_kode": "0561", "point": list(INSIDE)}}
    run = run_check(facts)
    assert "in_industrial_park" not in facts["site"]
    assert run.facts["site"]["in_industrial_park"] is True
    assert run.result.eligibility.criterion("C").met


@settings(max_examples=200, **PROJECTS)
@given(data=facts_data(), point=POINTS)
def test_every_entry_point_gives_the_same_answer(
    world: dict[str, Any], data: dict[str, Any], point: Any
) -> None:
    assert_every_entry_point_agrees(
        world, _facts(data, point), _post_in_process, _cli_in_process(world["tmp"])
    )


@settings(max_examples=6, **PROJECTS)
@given(data=facts_data(), point=POINTS)
def test_through_http_and_the_command_line_too(
    world: dict[str, Any], client: Client, data: dict[str, Any], point: Any
) -> None:
    """The whole way: URL routing, every middleware, argument parsing."""
    assert_every_entry_point_agrees(
        world, _facts(data, point), _post_http(client), _cli_command(world["tmp"])
    )
