"""Monte Carlo sample counts are passed as parameters (no module global to flip)."""

from __future__ import annotations

from datetime import date

import pytest

from rodloeber.accounts.models import User
from rodloeber.cases.models import PlanSnapshot
from rodloeber.cases.services.completeness import case_acknowledge
from rodloeber.cases.services.permits import permit_pause
from tests.cases import factories as f

pytestmark = pytest.mark.django_db


def _samples(case_id: int, kind: str) -> int:
    snap = PlanSnapshot.objects.filter(case_id=case_id, kind=kind).latest("id")
    return int(snap.data["risk"]["n_samples"])


def test_a_service_uses_the_samples_it_is_given_else_the_setting(
    applicant: User, manager: User
) -> None:
    start = date.today()
    given = f.submit(applicant, on=start)
    case_acknowledge(actor=manager, case=given, on=start, today=start, plan_samples=37)
    assert _samples(given.pk, PlanSnapshot.CURRENT) == 37
    assert _samples(given.pk, PlanSnapshot.BASELINE) == 37

    default = f.submit(applicant, key="second", on=start)
    case_acknowledge(actor=manager, case=default, on=start, today=start)
    assert _samples(default.pk, PlanSnapshot.CURRENT) == 200  # RODLOEBER_PLAN_SAMPLES (conftest)

    permit = default.permits.filter(owner__isnull=False).exclude(code="fdi_screening").first()
    assert permit is not None and permit.owner is not None
    worker = f.user("authority_caseworker", permit.owner, "pause-worker")
    permit_pause(
        actor=worker, permit=permit, reason="applicant_supplementing", on=start, plan_samples=41
    )
    assert _samples(default.pk, PlanSnapshot.CURRENT) == 41
