"""Case pages per role: visibility (another organisation's case → 404), the
list, filters and export, and each form posting through its service."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.cases.models import Case, CaseStatus, Milestone
from tests.cases import factories as f

pytestmark = pytest.mark.django_db


def login(user: User) -> Client:
    c = Client()
    c.force_login(user)
    return c


def other_applicant() -> User:
    return f.user(Role.COMPANY_USER, f.company("90000055", "Andenfabrik ApS (test)"))


def test_company_sees_own_case_and_not_others(applicant: User, manager: User) -> None:
    case = f.submit(applicant)
    other = other_applicant()
    r = login(applicant).get(reverse("cases:detail", args=[case.pk]))
    assert r.status_code == 200
    html = r.content.decode()
    assert case.reference in html
    assert 'data-testid="next-steps"' in html
    assert 'data-testid="contact-person"' in html
    assert login(other).get(reverse("cases:detail", args=[case.pk])).status_code == 404
    listing = login(other).get(reverse("web:cases")).content.decode()
    assert case.reference not in listing


def test_list_filters_and_export_respect_visibility(
    applicant: User, manager: User, esbjerg: User
) -> None:
    case = f.submit(applicant)
    other_case = f.submit(other_applicant())
    c = login(applicant)
    html = c.get(reverse("web:cases")).content.decode()
    assert case.reference in html and other_case.reference not in html
    r = c.get(reverse("cases:export") + "?format=csv")
    assert r["Content-Type"].startswith("text/csv")
    body = r.content.decode("utf-8-sig")
    assert case.reference in body and other_case.reference not in body
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert len(rows) == 2
    r = c.get(reverse("cases:export") + "?format=xlsx")
    assert r.content[:2] == b"PK"
    # filters
    mgr = login(manager)
    html = mgr.get(reverse("web:cases") + "?status=withdrawn").content.decode()
    assert case.reference not in html.split('id="all-heading"')[1]
    html = mgr.get(reverse("web:cases")).content.decode()
    assert "Workload" in html or "Arbejdsbyrde" in html or 'data-testid="workload"' in html
    # the municipality sees nothing before the clock starts (no permits yet)
    assert case.reference not in login(esbjerg).get(reverse("web:cases")).content.decode()


def test_case_manager_acknowledges_and_authority_updates_milestone(
    applicant: User, manager: User, esbjerg: User, mst: User
) -> None:
    case = f.submit(applicant)
    mgr = login(manager)
    r = mgr.post(
        reverse("cases:acknowledge", args=[case.pk]),
        {"date": f.days(0).isoformat(), "eligibility_override": ""},
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS
    page = login(esbjerg).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-testid="gantt"' in page and "rodloeber/gantt.css" in page
    assert 'data-testid="duration-source"' in page  # each duration with its source (#16.5)
    svg_url = reverse("cases:plan_svg", args=[case.pk])
    svg = login(esbjerg).get(svg_url)
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    assert "<style><![CDATA[" in svg.content.decode()
    assert login(other_applicant()).get(svg_url).status_code == 404  # not theirs: hidden
    m = Milestone.objects.filter(permit__case=case, permit__owner=esbjerg.organisation).first()
    assert m is not None
    url = reverse("cases:milestone", args=[m.pk])
    r = login(esbjerg).post(url, {"version": m.version, "actual": f.days(0).isoformat()})
    assert r.status_code == 302
    m.refresh_from_db()
    assert m.actual == f.days(0) and m.version == 2
    # stale version → conflict error on the page
    r = login(esbjerg).post(url, {"version": 1, "forecast": f.days(30).isoformat(), "reason": "x"})
    assert r.status_code == 409
    html = r.content.decode()
    assert 'data-testid="error-summary"' in html
    assert "Reload" in html or "Genindlæs" in html or "Hent" in html
    # another authority may see the case but not edit the municipality's milestone
    r = login(mst).post(url, {"version": 2, "actual": f.days(0).isoformat()})
    assert r.status_code == 403


def test_company_start_from_saved_check_is_idempotent(applicant: User, manager: User) -> None:
    from rodloeber.checks.services import saved_check_create

    saved = saved_check_create(actor=applicant, facts=f.FACTS, title="Fabrik (test)")
    c = login(applicant)
    assert saved.title in c.get(reverse("cases:start")).content.decode()
    data = {"saved_check": saved.pk, "idempotency_key": "abc-1", "mode": "submit"}
    r1 = c.post(reverse("cases:start"), data)
    r2 = c.post(reverse("cases:start"), data)
    assert r1.status_code == r2.status_code == 302
    assert r1["Location"] == r2["Location"]
    assert Case.objects.filter(company=applicant.organisation).count() == 1
    # draft → edit → submit; a second submit click is harmless
    r = c.post(reverse("cases:start"), {**data, "mode": "draft", "idempotency_key": ""})
    draft = Case.objects.get(status=CaseStatus.DRAFT)
    r = c.post(
        reverse("cases:draft_update", args=[draft.pk]),
        {"title": "Ny titel", "facts": "{not json", "version": draft.draft_version},
    )
    assert r.status_code == 422
    assert 'data-testid="error-summary"' in r.content.decode()
    r = c.post(reverse("cases:submit", args=[draft.pk]))
    assert r.status_code == 302
    r = c.post(reverse("cases:submit", args=[draft.pk]))
    assert r.status_code == 302
    draft.refresh_from_db()
    assert draft.status == CaseStatus.SUBMITTED


def test_information_request_and_answer(applicant: User, manager: User) -> None:
    case = f.submit(applicant)
    r = login(manager).post(reverse("cases:request_info", args=[case.pk]), {"text": "Kort?"})
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.INFORMATION_REQUESTED
    r = login(applicant).post(reverse("cases:supplement", args=[case.pk]), {"text": "Her."})
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED
    # the company may not acknowledge
    r = login(applicant).post(
        reverse("cases:acknowledge", args=[case.pk]), {"date": f.days(0).isoformat()}
    )
    assert r.status_code == 403


def test_messages_documents_and_receipts(applicant: User, manager: User, settings: Any) -> None:
    case = f.submit(applicant)
    c = login(applicant)
    r = c.post(reverse("cases:message", args=[case.pk]), {"subject": "Hej", "body": "Spørgsmål"})
    assert r.status_code == 302
    msg = case.messages.get()
    r = login(manager).post(
        reverse("cases:message", args=[case.pk]), {"body": "Svar", "thread": msg.pk}
    )
    assert r.status_code == 302
    assert login(manager).post(reverse("cases:mark_read", args=[msg.pk])).status_code == 302
    page = c.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Svar" in page and manager.get_full_name() in page
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    assert c.post(reverse("cases:upload", args=[case.pk]), {"file": pdf}).status_code == 302
    fake = SimpleUploadedFile("b.pdf", b"MZ not a pdf", content_type="application/pdf")
    r = c.post(reverse("cases:upload", args=[case.pk]), {"file": fake})
    assert r.status_code == 422
    doc = case.documents.get()
    assert c.get(reverse("cases:download", args=[doc.pk])).status_code == 200
    other = login(other_applicant())
    assert other.get(reverse("cases:download", args=[doc.pk])).status_code == 404


def test_draft_edit_stale_version_and_withdraw(applicant: User) -> None:
    import json

    from rodloeber.checks.services import saved_check_create

    saved = saved_check_create(actor=applicant, facts=f.FACTS, title="Kladde (test)")
    c = login(applicant)
    c.post(reverse("cases:start"), {"saved_check": saved.pk, "mode": "draft"})
    draft = Case.objects.get(status=CaseStatus.DRAFT)
    page = c.get(reverse("cases:detail", args=[draft.pk])).content.decode()
    assert "Hvad sker der nu, og hvornår" in page  # Danish by default
    url = reverse("cases:draft_update", args=[draft.pk])
    body = {"title": "Ny titel", "facts": json.dumps(f.FACTS), "version": draft.draft_version}
    assert c.post(url, body).status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Ny titel" and draft.draft_version == 2
    r = c.post(url, {**body, "version": 1})  # another tab saved first
    assert r.status_code == 409
    assert 'data-testid="error-summary"' in r.content.decode()
    r = c.post(reverse("cases:withdraw", args=[draft.pk]), {"reason": "Ombestemt"})
    assert r.status_code == 302
    draft.refresh_from_db()
    assert draft.status == CaseStatus.WITHDRAWN


def test_authority_filter_shows_names_never_codes(applicant: User, manager: User) -> None:
    case = f.in_progress(applicant, manager)
    assert case.permits.filter(authority_code="GRID").exists()
    html = login(manager).get("/sager").content.decode()
    assert '<option value="GRID"' in html
    assert ">GRID</option>" not in html
    assert "Energinet / det lokale netselskab</option>" in html


def test_permit_status_follows_the_plan(applicant: User, manager: User) -> None:
    from datetime import date

    from rodloeber.cases.views.detail import permit_progress

    later = {"status": "in_progress", "milestones": [{"actual": None, "forecast": "2027-05-01"}]}
    assert permit_progress(later, date(2026, 12, 4)) == "not_started"
    assert permit_progress(later, date(2027, 5, 1)) == "in_progress"
    begun = {"status": "in_progress", "milestones": [{"actual": "2026-12-01", "forecast": "x"}]}
    assert permit_progress(begun, date(2026, 12, 4)) == "in_progress"
    assert permit_progress({**later, "status": "decided"}, date(2026, 12, 4)) == "decided"

    case = f.in_progress(applicant, manager)
    html = login(applicant).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Ikke startet" in html and "Under behandling" in html  # not all "in progress"
