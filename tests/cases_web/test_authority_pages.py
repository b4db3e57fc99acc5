"""Authority and case-manager forms on permits: pause/resume with a reason code,
decision, extension request and decision, call-in and its acceptance, and
Invest in Denmark's read access with its guidance milestone."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.cases.models import (
    GUIDANCE_CODE,
    CallIn,
    Case,
    CaseStatus,
    ExtensionRequest,
    Permit,
    PermitStatus,
    RequestStatus,
)
from tests.cases import factories as f

pytestmark = pytest.mark.django_db


def login(user: User) -> Client:
    c = Client()
    c.force_login(user)
    return c


def started(applicant: User, manager: User) -> Case:
    return f.in_progress(applicant, manager)


def municipal_permit(case: Case, user: User) -> Permit:
    p = Permit.objects.filter(case=case, owner=user.organisation).first()
    assert p is not None
    return p


def test_pause_resume_and_decision(applicant: User, manager: User, esbjerg: User) -> None:
    case = started(applicant, manager)
    permit = municipal_permit(case, esbjerg)
    c = login(esbjerg)
    r = c.post(reverse("cases:pause", args=[permit.pk]), {"reason": "nonsense"})
    assert r.status_code == 422  # not in the controlled list
    r = c.post(
        reverse("cases:pause", args=[permit.pk]),
        {"reason": "applicant_supplementing", "note": "Mangler støjberegning"},
    )
    assert r.status_code == 302
    permit.refresh_from_db()
    assert permit.status == PermitStatus.PAUSED
    page = login(applicant).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "badge-warning" in page
    assert c.post(reverse("cases:resume", args=[permit.pk]), {"note": "ok"}).status_code == 302
    permit.refresh_from_db()
    assert permit.status == PermitStatus.IN_PROGRESS
    r = c.post(
        reverse("cases:decision", args=[permit.pk]),
        {"outcome": "granted", "date": f.days(0).isoformat()},
    )
    assert r.status_code == 302
    permit.refresh_from_db()
    assert permit.status == PermitStatus.DECIDED and permit.decision == "granted"


def test_extension_request_and_decision(applicant: User, manager: User, esbjerg: User) -> None:
    case = started(applicant, manager)
    permit = municipal_permit(case, esbjerg)
    r = login(esbjerg).post(
        reverse("cases:extension", args=[permit.pk]), {"months": 3, "reason": "Kompleks sag"}
    )
    assert r.status_code == 302, r.content.decode()[:500]
    ext = ExtensionRequest.objects.get(case=case)
    page = login(manager).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f'id="form-extension-{ext.pk}"' in page
    # the company cannot decide; the case manager can
    r = login(applicant).post(
        reverse("cases:decide_extension", args=[ext.pk]), {"decision": "approve", "reason": "x"}
    )
    assert r.status_code == 403
    r = login(manager).post(
        reverse("cases:decide_extension", args=[ext.pk]),
        {"decision": "approve", "reason": "Begrundet"},
    )
    assert r.status_code == 302
    ext.refresh_from_db()
    assert ext.status == RequestStatus.APPROVED


def test_call_in_requested_and_accepted(
    applicant: User, manager: User, esbjerg: User, mst: User
) -> None:
    case = started(applicant, manager)
    permit = municipal_permit(case, esbjerg)
    page = login(esbjerg).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f'id="form-callin-{permit.pk}"' in page
    # nothing is preselected: the caseworker must choose the state authority
    assert 'name="authority_code"><option value="">' in page
    r = login(esbjerg).post(
        reverse("cases:call_in", args=[permit.pk]), {"authority_code": "", "reason": "Kompleks"}
    )
    assert r.status_code == 422 and not CallIn.objects.filter(permit=permit).exists()
    r = login(esbjerg).post(
        reverse("cases:call_in", args=[permit.pk]),
        {"authority_code": "MST", "reason": "Stor og kompleks"},
    )
    assert r.status_code == 302, r.content.decode()[:800]
    page = login(mst).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f'id="form-callin-decide-{permit.pk}"' in page
    r = login(mst).post(
        reverse("cases:call_in_decide", args=[permit.pk]), {"decision": "accept", "reason": ""}
    )
    assert r.status_code == 302
    permit.refresh_from_db()
    assert permit.owner == mst.organisation
    assert CallIn.objects.get(permit=permit).status == RequestStatus.APPROVED


def test_invest_in_denmark_reads_and_records_guidance(
    applicant: User, manager: User, idk: User
) -> None:
    case = started(applicant, manager)
    c = login(idk)
    r = c.get(reverse("cases:detail", args=[case.pk]))
    assert r.status_code == 200
    guidance = Permit.objects.get(case=case, code=GUIDANCE_CODE)
    m = guidance.milestones.get()
    r = c.post(
        reverse("cases:milestone", args=[m.pk]),
        {"version": m.version, "actual": f.days(0).isoformat()},
    )
    assert r.status_code == 302
    other = Permit.objects.filter(case=case).exclude(code=GUIDANCE_CODE).first()
    assert other is not None
    r = c.post(reverse("cases:pause", args=[other.pk]), {"reason": "appeal"})
    assert r.status_code == 403
    # IdK sees no domestic case
    domestic = f.submit(applicant, f.SMALL_FACTS)
    assert c.get(reverse("cases:detail", args=[domestic.pk])).status_code == 404


def test_manager_reassigns_rejects_and_publishes(applicant: User, manager: User) -> None:
    other_manager = f.user(Role.CASE_MANAGER, f.org("ERST"))
    case = f.submit(applicant)
    c = login(manager)
    r = c.post(
        reverse("cases:reassign", args=[case.pk]),
        {"contact_person": other_manager.pk, "reason": "Ferie"},
    )
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.contact_person == other_manager
    r = c.post(reverse("cases:reject", args=[case.pk]), {"reason": ""})
    assert r.status_code == 422
    r = c.post(reverse("cases:reject", args=[case.pk]), {"reason": "Uden for"})
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.NOT_ELIGIBLE
    live = started(applicant, manager)
    assert c.post(reverse("cases:publish", args=[live.pk])).status_code == 302
    live.refresh_from_db()
    assert live.schedule_published_at is not None


def test_non_party_authority_and_other_roles_get_404(applicant: User, manager: User) -> None:
    case = started(applicant, manager)
    aarhus = f.user(Role.AUTHORITY_CASEWORKER, f.org("0751"))
    assert login(aarhus).get(reverse("cases:detail", args=[case.pk])).status_code == 404
    permit = Permit.objects.filter(case=case).first()
    assert permit is not None
    r = login(aarhus).post(reverse("cases:pause", args=[permit.pk]), {"reason": "appeal"})
    assert r.status_code == 404
    planner = f.user(Role.MUNICIPAL_PLANNER, f.org("0751"))
    assert login(planner).get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert login(applicant).post(reverse("cases:withdraw", args=[case.pk])).status_code == 409


def test_english_page(applicant: User, manager: User) -> None:
    case = started(applicant, manager)
    c = login(applicant)
    c.cookies["django_language"] = "en"
    html = c.get(reverse("cases:detail", args=[case.pk]), HTTP_ACCEPT_LANGUAGE="en").content
    assert b"What happens next and when" in html


def test_permit_authorities_are_named_in_the_page_language(applicant: User, manager: User) -> None:
    """Issue #15: "Building permit – Esbjerg Municipality" on the English page."""
    case = started(applicant, manager)
    esbjerg = f.org("0561")
    assert esbjerg.name_en and esbjerg.name_en != esbjerg.name
    c = login(applicant)
    danish = c.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert esbjerg.name in danish
    c.cookies["django_language"] = "en"
    english = c.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f"– {esbjerg.name_en}</summary>" in english
    assert f"– {esbjerg.name}</summary>" not in english
    api = c.get(f"/api/v1/cases/{case.pk}").json()
    names = {p["authority"]["name_en"] for p in api["permits"] if p["authority"]["code"] == "0561"}
    assert names == {esbjerg.name_en}


def test_call_in_choices_name_state_authorities_in_english(
    applicant: User, manager: User, esbjerg: User
) -> None:
    case = started(applicant, manager)
    c = login(esbjerg)
    danish = c.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert '<option value="MST">Miljøstyrelsen</option>' in danish
    c.cookies["django_language"] = "en"
    english = c.get(reverse("cases:detail", args=[case.pk])).content.decode()
    mst = f.org("MST")
    assert f'<option value="MST">{mst.name_en}</option>' in english
    assert ">Miljøstyrelsen</option>" not in english
