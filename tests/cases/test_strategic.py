"""The strategic-project register on a case (NZIA Art. 13, CRMA Art. 6-7, CRMA Art. 11(2))."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from rodloeber.accounts.models import User
from rodloeber.audit.models import AuditEvent
from rodloeber.cases.errors import CaseError, Forbidden
from rodloeber.cases.models import StrategicRecognition
from rodloeber.cases.services.strategic import case_strategic_recognition_record
from tests.cases import factories as f

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)

CRMA_RECYCLER = f.facts(
    title="Battery recycling (test)",
    net_zero_technology=None,
    capacity_gw_per_year=None,
    crma_stage="recycling",
    crma_materials=["lithium", "cobalt"],
    crma_strategic=False,
)


def _record(manager: User, case: Any, **overrides: Any) -> StrategicRecognition:
    values: dict[str, Any] = {
        "regime": "crma",
        "decided_on": date(2026, 2, 1),
        "decided_by": "Europa-Kommissionen",
        "reference": "C(2026) 123",
        "in_permitting_when_recognised": True,
        "today": TODAY,
    }
    values.update(overrides)
    return case_strategic_recognition_record(actor=manager, case=case, **values)


# (in permitting when recognised, binding regime after, months)
CASES = [
    (True, "crma_11_2_processing_recycling", 12),  # CRMA Art. 11(2)
    (False, "crma_11_1_processing_recycling", 15),  # CRMA Art. 11(1)(b)
]


@pytest.mark.parametrize(("in_permitting", "regime", "months"), CASES)
def test_recognition_before_the_clock_recomputes_the_stored_check(
    applicant: User, manager: User, in_permitting: bool, regime: str, months: int
) -> None:
    case = f.submit(applicant, CRMA_RECYCLER, on=TODAY)
    events = AuditEvent.objects.count()
    rec = _record(manager, case, in_permitting_when_recognised=in_permitting)
    case.refresh_from_db()
    assert rec.case_id == case.pk and case.facts["crma_strategic"] is True
    assert case.facts["crma_already_in_permitting"] is in_permitting
    assert (case.eligibility["cap"]["regime_code"], case.cap_months) == (regime, months)
    assert AuditEvent.objects.count() == events + 1
    event = AuditEvent.objects.latest("seq")
    assert event.action == "case.strategic_recognition"
    assert event.after["check_recomputed"] is True


def test_after_the_clock_started_the_cap_is_left_alone(applicant: User, manager: User) -> None:
    case = f.in_progress(applicant, manager, on=TODAY)
    months = case.cap_months
    _record(manager, case, regime="nzia", in_permitting_when_recognised=None)
    case.refresh_from_db()
    assert case.facts["nzia_strategic"] is True and case.cap_months == months
    assert AuditEvent.objects.latest("seq").after["check_recomputed"] is False


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"regime": "ets"}, "recognition_regime"),
        ({"decided_on": date(2026, 3, 3)}, "recognition_date"),
        ({"reference": "  "}, "recognition_text"),
        ({"decided_by": "x" * 201}, "recognition_text"),
    ],
)
def test_bad_input_is_refused_and_nothing_stored(
    applicant: User, manager: User, overrides: dict[str, Any], code: str
) -> None:
    case = f.submit(applicant, CRMA_RECYCLER, on=TODAY)
    with pytest.raises(CaseError) as info:
        _record(manager, case, **overrides)
    assert info.value.code == code and info.value.message_da and info.value.message_en
    assert not StrategicRecognition.objects.exists()


def test_only_case_managers_record(applicant: User, manager: User) -> None:
    case = f.submit(applicant, CRMA_RECYCLER, on=TODAY)
    with pytest.raises(Forbidden):
        _record(applicant, case)


def test_api_records_a_recognition(applicant: User, manager: User, client: Any) -> None:
    case = f.submit(applicant, CRMA_RECYCLER)
    client.force_login(manager)
    body = {
        "regime": "crma",
        "decided_on": "2026-02-01",
        "decided_by": "Europa-Kommissionen",
        "reference": "C(2026) 123",
        "in_permitting_when_recognised": True,
    }
    response = client.post(
        f"/api/v1/cases/{case.pk}/strategic-recognitions", body, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert StrategicRecognition.objects.get().reference == "C(2026) 123"
    refused = client.post(
        f"/api/v1/cases/{case.pk}/strategic-recognitions",
        {**body, "regime": "ets"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    client.force_login(applicant)
    forbidden = client.post(
        f"/api/v1/cases/{case.pk}/strategic-recognitions", body, content_type="application/json"
    )
    assert forbidden.status_code in (403, 404)
