"""Permission matrix: every case API operation × every role × a foreign object.

A caller who may not see an object gets 404 (never 403 with details), and
lists, search and exports leak nothing.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.accounts.services import token_create
from rodloeber.accounts.token_scopes import ALL_SCOPES
from rodloeber.cases.models import Case, Milestone
from rodloeber.cases.services.callin import callin_request
from rodloeber.cases.services.documents import document_upload, message_post
from rodloeber.cases.services.extensions import extension_request
from rodloeber.cases.services.intake import case_draft_create
from tests.cases import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast(settings: Any, tmp_path: Any) -> None:
    settings.RODLOEBER_PLAN_SAMPLES = 100
    settings.MEDIA_ROOT = tmp_path / "media"


def _headers(user: User) -> dict[str, str]:
    _, secret = token_create(actor=None, user=user, name="matrix", scopes=ALL_SCOPES)
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    """One in-progress foreign-investor case with every kind of child object."""
    applicant = f.user(Role.COMPANY_USER, f.company())
    manager = f.user(Role.CASE_MANAGER, f.org("ERST"))
    esbjerg = f.user(Role.AUTHORITY_CASEWORKER, f.org("0561"))
    mst = f.user(Role.AUTHORITY_CASEWORKER, f.org("MST"))
    case = f.in_progress(applicant, manager)
    local_plan = f.permit_of(case, "local_plan")
    approval = f.permit_of(case, "environmental_approval")
    callin_request(actor=esbjerg, permit=local_plan, to_authority_code="PLST", reason="r")
    ext = extension_request(actor=mst, permit=approval, months=2, reason="r")
    doc = document_upload(actor=applicant, case=case, filename="a.pdf", content=b"%PDF-1.4 x")
    msg = message_post(actor=applicant, case=case, body="Hej")
    draft = case_draft_create(actor=applicant, company_cvr="90000047", facts=f.FACTS)
    return {
        "case": case,
        "draft": draft,
        "permit": approval,
        "municipal_permit": local_plan,
        "milestone": Milestone.objects.get(permit=approval, kind="decision"),
        "extension": ext,
        "document": doc,
        "message": msg,
        "manager": manager,
    }


def _operations(w: dict[str, Any]) -> list[tuple[str, str, dict[str, Any], dict[str, str]]]:
    c, d, p = w["case"].pk, w["draft"].pk, w["permit"].pk
    mp, m, e = w["municipal_permit"].pk, w["milestone"].pk, w["extension"].pk
    doc, msg = w["document"].pk, w["message"].pk
    today = date.today().isoformat()
    return [
        ("get", f"/cases/{c}", {}, {}),
        ("get", f"/cases/{d}", {}, {}),
        ("get", f"/cases/{c}/plan", {}, {}),
        ("put", f"/cases/{d}/draft", {"facts": {}}, {}),
        ("post", f"/cases/{d}/submit", {}, {}),
        ("post", f"/cases/{d}/withdraw", {"reason": "x"}, {}),
        ("post", f"/cases/{c}/request-info", {"text": "x"}, {}),
        ("post", f"/cases/{c}/supplement", {"text": "x"}, {}),
        ("post", f"/cases/{c}/acknowledge", {"date": today}, {}),
        ("post", f"/cases/{c}/reject", {"reason": "x"}, {}),
        ("post", f"/cases/{c}/reassign", {"contact_person_id": 1, "reason": "x"}, {}),
        ("post", f"/cases/{c}/publish", {}, {}),
        ("post", f"/cases/{c}/foreign-investor", {"investor_country": "SE"}, {}),
        ("patch", f"/milestones/{m}", {"actual": today}, {"If-Match": "1"}),
        ("patch", f"/milestones/{m}", {"actual": today}, {}),
        ("post", f"/permits/{p}/pause", {"reason": "appeal"}, {}),
        ("post", f"/permits/{p}/resume", {}, {}),
        ("post", f"/permits/{p}/decision", {"outcome": "granted", "date": today}, {}),
        ("post", f"/permits/{p}/extension", {"months": 1, "reason": "x"}, {}),
        ("post", f"/extensions/{e}/decide", {"approve": True, "reason": "x"}, {}),
        ("post", f"/permits/{mp}/call-in", {"authority_code": "MST", "reason": "x"}, {}),
        ("post", f"/permits/{mp}/call-in/accept", {"reason": "x"}, {}),
        ("post", f"/permits/{mp}/call-in/decline", {"reason": "x"}, {}),
        ("get", f"/cases/{c}/documents", {}, {}),
        ("get", f"/documents/{doc}/download", {}, {}),
        ("get", f"/cases/{c}/messages", {}, {}),
        ("post", f"/cases/{c}/messages", {"body": "x"}, {}),
        ("post", f"/messages/{msg}/read", {}, {}),
    ]


OUTSIDERS = [
    (Role.COMPANY_USER, None),  # another company
    (Role.CASE_MANAGER, "ERST"),  # sees no drafts (checked separately)
    (Role.AUTHORITY_CASEWORKER, "0751"),  # a municipality without permits here
    (Role.AUTHORITY_CASEWORKER, "KDI"),  # a state authority without permits here
    (Role.MUNICIPAL_PLANNER, "0561"),  # the site's municipality, wrong role
    (Role.STATE_SCREENER, "ERST"),
    (Role.MINISTRY_ANALYST, "EM"),
    (Role.ADMINISTRATOR, "ERST"),
]


def _outsider(role: str, code: str | None) -> User:
    if code is None:
        return f.user(role, f.company("90000012", "Fremmed ApS (test)"))
    return f.user(role, f.org(code))


@pytest.mark.parametrize(("role", "code"), [o for o in OUTSIDERS if o[0] != Role.CASE_MANAGER])
def test_outsiders_get_404_everywhere_and_see_nothing(
    world: dict[str, Any], role: str, code: str | None
) -> None:
    user = _outsider(role, code)
    client, headers = Client(), _headers(user)
    for method, path, body, extra in _operations(world):
        call = getattr(client, method)
        kwargs: dict[str, Any] = {"headers": {**headers, **extra}}
        if method != "get":
            kwargs["content_type"] = "application/json"
            kwargs["data"] = body
        r = call(f"/api/v1{path}", **kwargs)
        assert r.status_code == 404, (role, code, method, path, r.status_code)
    _assert_no_leaks(client, headers, world["case"])


def _assert_no_leaks(client: Client, headers: dict[str, str], case: Case) -> None:
    assert client.get("/api/v1/cases", headers=headers).json() == []
    found = client.get(f"/api/v1/cases?q={case.reference}", headers=headers).json()
    assert found == []
    csv = client.get("/api/v1/cases/export?format=csv", headers=headers)
    assert csv.status_code == 200 and case.reference.encode() not in csv.content
    xlsx = client.get("/api/v1/cases/export?format=xlsx", headers=headers)
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None and sheet.max_row == 1
    assert client.get("/api/v1/cases/dashboard", headers=headers).status_code == 404


def test_case_manager_sees_cases_but_not_drafts(world: dict[str, Any]) -> None:
    client, headers = Client(), _headers(world["manager"])
    assert client.get(f"/api/v1/cases/{world['case'].pk}", headers=headers).status_code == 200
    assert client.get(f"/api/v1/cases/{world['draft'].pk}", headers=headers).status_code == 404
    ids = [c["id"] for c in client.get("/api/v1/cases", headers=headers).json()]
    assert ids == [world["case"].pk]


def test_case_manager_may_not_edit_authority_permits(world: dict[str, Any]) -> None:
    client, headers = Client(), _headers(world["manager"])
    m = world["milestone"]
    r = client.patch(
        f"/api/v1/milestones/{m.pk}",
        {"actual": date.today().isoformat()},
        content_type="application/json",
        headers={**headers, "If-Match": "1"},
    )
    assert r.status_code == 403
    assert "errors" in r.json() and world["case"].title not in r.content.decode()


def test_invest_in_denmark_only_on_foreign_cases(world: dict[str, Any]) -> None:
    applicant = f.user(Role.COMPANY_USER, f.company("90000020", "Dansk ApS (test)"))
    domestic = f.submit(applicant, f.facts(foreign_investor=False, investor_country=None))
    client, headers = Client(), _headers(f.user(Role.AUTHORITY_CASEWORKER, f.org("UM-IDK")))
    assert client.get(f"/api/v1/cases/{domestic.pk}", headers=headers).status_code == 404
    assert client.get(f"/api/v1/cases/{world['case'].pk}", headers=headers).status_code == 200
    ids = [c["id"] for c in client.get("/api/v1/cases", headers=headers).json()]
    assert ids == [world["case"].pk]


def test_only_company_users_submit(world: dict[str, Any]) -> None:
    for role, code in OUTSIDERS[1:]:
        client, headers = Client(), _headers(_outsider(role, code))
        r = client.post(
            "/api/v1/cases",
            {"facts": f.FACTS, "company_cvr": "90000047"},
            content_type="application/json",
            headers=headers,
        )
        assert r.status_code == 403, role


def test_anonymous_gets_401() -> None:
    assert Client().get("/api/v1/cases").status_code == 401
