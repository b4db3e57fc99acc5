"""Optimistic locking and idempotency under concurrency."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection, connections

from rodloeber.accounts.models import User
from rodloeber.cases.errors import CaseError, StaleVersion
from rodloeber.cases.models import Case, Milestone
from rodloeber.cases.services.intake import case_submit_new
from rodloeber.cases.services.milestones import milestone_update
from tests.cases import factories as f


@pytest.mark.django_db
def test_two_stale_updates_one_wins(applicant: User, manager: User, esbjerg: User) -> None:
    case = f.in_progress(applicant, manager)
    m = f.milestone_of(case, "local_plan")
    results = []
    for n in (10, 20):
        try:
            milestone_update(
                actor=esbjerg,
                milestone=m,
                expected_version=1,
                forecast=m.forecast + timedelta(days=n),
                reason=f"+{n}",
            )
            results.append("ok")
        except StaleVersion:
            results.append("412")
    assert results == ["ok", "412"]
    m.refresh_from_db()
    assert m.version == 2 and m.forecast_reason == "+10"


@pytest.mark.django_db
def test_idempotent_replay_creates_one_case(applicant: User, manager: User) -> None:
    body = f.FACTS
    first, replayed = case_submit_new(
        actor=applicant, company_cvr="90000047", facts=body, idempotency_key="k"
    )
    again, replayed_again = case_submit_new(
        actor=applicant, company_cvr="90000047", facts=body, idempotency_key="k"
    )
    assert (replayed, replayed_again) == (False, True) and first.pk == again.pk
    with pytest.raises(CaseError) as err:
        case_submit_new(
            actor=applicant,
            company_cvr="90000047",
            facts={**body, "title": "another"},
            idempotency_key="k",
        )
    assert err.value.code == "idempotency_key_reused"
    assert Case.objects.count() == 1


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite serialises)"
)


def _run_parallel(n: int, work: Any) -> list[str]:
    barrier = threading.Barrier(n)
    results: list[str] = []
    lock = threading.Lock()

    def run(i: int) -> None:
        try:
            barrier.wait()
            outcome = work(i)
        except StaleVersion:
            outcome = "412"
        except Exception as exc:
            outcome = f"error {type(exc).__name__}: {exc}"
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@postgres_only
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_threaded_milestone_updates_exactly_one_wins_per_version(
    applicant: User, manager: User, esbjerg: User
) -> None:
    case = f.in_progress(applicant, manager)
    m = f.milestone_of(case, "local_plan")
    n = 8

    def work(i: int) -> str:
        milestone_update(
            actor=esbjerg,
            milestone=m,
            expected_version=1,
            forecast=m.forecast + timedelta(days=i + 1),
            reason=f"client {i}",
        )
        return "ok"

    results = _run_parallel(n, work)
    assert results.count("ok") == 1, results
    assert results.count("412") == n - 1, results
    m.refresh_from_db()
    assert m.version == 2


@postgres_only
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_threaded_submissions_with_one_key_make_one_case(applicant: User, manager: User) -> None:
    def work(i: int) -> str:
        case, _ = case_submit_new(
            actor=applicant, company_cvr="90000047", facts=f.FACTS, idempotency_key="same"
        )
        return f"case {case.pk}"

    results = _run_parallel(6, work)
    assert len(set(results)) == 1 and results[0].startswith("case"), results
    assert Case.objects.count() == 1
    assert Milestone.objects.count() == 1  # only Invest in Denmark's guidance milestone
    assert date.today()
