"""The strategic-project recognition form on the case page (issue #15 item 4):
case managers register a recognition; errors come back as a DKFDS error
summary in the user's language; hidden cases answer 404; one audit event."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from rodloeber.accounts.models import User
from rodloeber.audit.models import AuditEvent
from rodloeber.cases.models import StrategicRecognition
from tests.cases import factories as f
from tests.cases.test_strategic import CRMA_RECYCLER

pytestmark = pytest.mark.django_db


def login(user: User, language: str = "da") -> Client:
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(user)
    return client


def _post(client: Client, case_id: int, **overrides: str) -> object:
    data = {
        "regime": "crma",
        "decided_on": "2026-02-01",
        "decided_by": "Europa-Kommissionen",
        "reference": "C(2026) 123",
        "in_permitting": "yes",
    }
    data.update(overrides)
    return client.post(reverse("cases:strategic_recognition", args=[case_id]), data)


def test_case_manager_registers_a_recognition_and_the_cap_follows(
    applicant: User, manager: User
) -> None:
    case = f.submit(applicant, CRMA_RECYCLER, on=date(2026, 3, 2))
    page = login(manager).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="form-strategic"' in page and "Anerkendelser som strategisk projekt" in page
    events = AuditEvent.objects.filter(action="case.strategic_recognition").count()
    response = _post(login(manager), case.pk)
    assert response.status_code == 302  # type: ignore[attr-defined]
    rec = StrategicRecognition.objects.get(case=case)
    assert (rec.regime, rec.in_permitting_when_recognised) == ("crma", True)
    assert AuditEvent.objects.filter(action="case.strategic_recognition").count() == events + 1
    case.refresh_from_db()
    assert (case.eligibility["cap"]["regime_code"], case.cap_months) == (
        "crma_11_2_processing_recycling",
        12,
    )
    page = login(manager).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "1. feb. 2026" in page and "C(2026) 123" in page
    english = login(manager, "en").get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "1 Feb 2026" in english and "Already in permit-granting" in english


@pytest.mark.parametrize(
    ("overrides", "da", "en"),
    [
        ({"decided_on": "2999-01-01"}, "kan ikke ligge i fremtiden", "cannot be in the future"),
        ({"decided_on": ""}, "Dato for afgørelsen", "Date of the recognition decision"),
        ({"reference": "   "}, "Afgørelsens reference", "Decision reference"),
        ({"regime": "eu"}, "Forordning", "Regulation"),
    ],
)
def test_bad_input_gets_an_error_summary_and_nothing_is_stored(
    applicant: User, manager: User, overrides: dict[str, str], da: str, en: str
) -> None:
    case = f.submit(applicant, CRMA_RECYCLER, on=date(2026, 3, 2))
    for language, text in (("da", da), ("en", en)):
        response = _post(login(manager, language), case.pk, **overrides)
        html = response.content.decode()  # type: ignore[attr-defined]
        assert response.status_code == 422, html[:300]  # type: ignore[attr-defined]
        assert 'data-testid="error-summary"' in html and 'href="#form-strategic"' in html
        assert text in html
    assert not StrategicRecognition.objects.filter(case=case).exists()


def test_others_cannot_register(applicant: User, manager: User, esbjerg: User) -> None:
    case = f.submit(applicant, CRMA_RECYCLER, on=date(2026, 3, 2))
    assert _post(login(applicant), case.pk).status_code in (403, 404)  # type: ignore[attr-defined]
    stranger = f.user("company_user", f.company("90000055", "Andenfabrik ApS (test)"))
    assert _post(login(stranger), case.pk).status_code == 404  # type: ignore[attr-defined]
    assert not StrategicRecognition.objects.filter(case=case).exists()
