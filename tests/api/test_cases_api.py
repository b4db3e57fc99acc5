"""Cases API contract (docs/api.md, "Cases API") end to end over HTTP."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.accounts.services import token_create
from rodloeber.accounts.token_scopes import ALL_SCOPES
from rodloeber.cases.models import Case, Milestone, Notice, Outbox
from rodloeber.cases.outbox import work
from tests.cases import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast(settings: Any, tmp_path: Any) -> None:
    settings.RODLOEBER_PLAN_SAMPLES = 200
    settings.MEDIA_ROOT = tmp_path / "media"


class Api:
    """A client acting as one user with a bearer token."""

    def __init__(self, user: User) -> None:
        self.user = user
        _, secret = token_create(actor=None, user=user, name="test", scopes=ALL_SCOPES)
        self.headers = {"Authorization": f"Bearer {secret}"}
        self.client = Client()

    def get(self, path: str, **headers: str) -> Any:
        return self.client.get(f"/api/v1{path}", headers={**self.headers, **headers})

    def post(self, path: str, body: Any = None, **headers: str) -> Any:
        return self.client.post(
            f"/api/v1{path}",
            body if body is not None else {},
            content_type="application/json",
            headers={**self.headers, **headers},
        )

    def patch(self, path: str, body: Any, **headers: str) -> Any:
        return self.client.patch(
            f"/api/v1{path}",
            body,
            content_type="application/json",
            headers={**self.headers, **headers},
        )


@pytest.fixture
def people(db: Any) -> dict[str, Api]:
    return {
        "company": Api(f.user(Role.COMPANY_USER, f.company())),
        "manager": Api(f.user(Role.CASE_MANAGER, f.org("ERST"))),
        "esbjerg": Api(f.user(Role.AUTHORITY_CASEWORKER, f.org("0561"))),
        "mst": Api(f.user(Role.AUTHORITY_CASEWORKER, f.org("MST"))),
        "plst": Api(f.user(Role.AUTHORITY_CASEWORKER, f.org("PLST"))),
        "idk": Api(f.user(Role.AUTHORITY_CASEWORKER, f.org("UM-IDK"))),
    }


BODY = {"facts": f.FACTS, "company_cvr": "90000047"}


def _submit_and_acknowledge(people: dict[str, Api]) -> dict[str, Any]:
    r = people["company"].post("/cases", BODY, **{"Idempotency-Key": "k-1"})
    assert r.status_code == 201, r.content
    case_id = r.json()["id"]
    r = people["manager"].post(f"/cases/{case_id}/acknowledge", {"date": date.today().isoformat()})
    assert r.status_code == 200, r.content
    body: dict[str, Any] = r.json()
    return body


def test_submit_is_idempotent(people: dict[str, Api]) -> None:
    company = people["company"]
    first = company.post("/cases", BODY, **{"Idempotency-Key": "abc"})
    assert first.status_code == 201
    data = first.json()
    assert data["status"] == "submitted"
    assert data["contact_person"]["email"]
    again = company.post("/cases", BODY, **{"Idempotency-Key": "abc"})
    assert again.status_code == 201 and again.json()["id"] == data["id"]
    other = company.post(
        "/cases", {**BODY, "facts": {**f.FACTS, "title": "Other"}}, **{"Idempotency-Key": "abc"}
    )
    assert other.status_code == 422
    assert Case.objects.count() == 1


def test_invalid_facts_answer_422_per_field(people: dict[str, Api]) -> None:
    r = people["company"].post(
        "/cases", {"facts": {**f.FACTS, "kind": "teleport"}, "company_cvr": "90000047"}
    )
    assert r.status_code == 422
    assert any(e["field"] == "kind" for e in r.json()["errors"])


def test_case_shape_and_acknowledge(people: dict[str, Api]) -> None:
    data = _submit_and_acknowledge(people)
    assert data["status"] == "in_progress"
    assert data["clock"]["started_on"] == date.today().isoformat()
    assert data["clock"]["running"] is True
    assert data["cap"]["months"] == 18
    permit = next(p for p in data["permits"] if p["code"] == "local_plan")
    assert permit["authority"]["code"] == "0561" and permit["status"] == "in_progress"
    m = permit["milestones"][0]
    assert {"planned", "forecast", "actual", "version"} <= set(m)
    listed = people["company"].get("/cases").json()
    assert [c["id"] for c in listed] == [data["id"]]


def test_milestone_patch_with_if_match(people: dict[str, Api]) -> None:
    data = _submit_and_acknowledge(people)
    case_id = data["id"]
    m = Milestone.objects.get(permit__case_id=case_id, permit__code="local_plan", kind="decision")
    path = f"/milestones/{m.pk}"
    esbjerg = people["esbjerg"]
    assert esbjerg.patch(path, {"actual": date.today().isoformat()}).status_code == 428
    new = (m.forecast + timedelta(days=30)).isoformat()
    ok = esbjerg.patch(path, {"forecast": new, "reason": "Høring"}, **{"If-Match": '"1"'})
    assert ok.status_code == 200, ok.content
    assert ok.json()["version"] == 2 and ok.json()["forecast"] == new
    stale = esbjerg.patch(path, {"forecast": new, "reason": "x"}, **{"If-Match": "1"})
    assert stale.status_code == 412
    assert stale["ETag"] == '"2"'
    assert people["mst"].patch(path, {"actual": "2026-01-01"}, **{"If-Match": "2"}).status_code in (
        403,
        404,
    )
    assert (
        people["company"].patch(path, {"actual": "2026-01-01"}, **{"If-Match": "2"}).status_code
        == 403
    )


def test_pause_resume_decision_extension(people: dict[str, Api]) -> None:
    data = _submit_and_acknowledge(people)
    permit = next(p for p in data["permits"] if p["code"] == "environmental_approval")
    mst = people["mst"]
    r = mst.post(f"/permits/{permit['id']}/pause", {"reason": "nope"})
    assert r.status_code == 422
    r = mst.post(
        f"/permits/{permit['id']}/pause", {"reason": "applicant_supplementing", "note": "VVM"}
    )
    assert r.status_code == 200 and r.json()["status"] == "paused"
    r = mst.post(f"/permits/{permit['id']}/resume", {"note": "ok"})
    assert r.status_code == 200 and r.json()["status"] == "in_progress"
    r = mst.post(f"/permits/{permit['id']}/extension", {"months": 3, "reason": "Kompleks"})
    assert r.status_code == 201
    ext = r.json()["id"]
    assert (
        mst.post(f"/extensions/{ext}/decide", {"approve": True, "reason": "x"}).status_code == 403
    )
    r = people["manager"].post(f"/extensions/{ext}/decide", {"approve": True, "reason": "Ok"})
    assert r.status_code == 200 and r.json()["status"] == "approved"
    r = mst.post(
        f"/permits/{permit['id']}/decision",
        {"outcome": "granted", "date": date.today().isoformat()},
    )
    assert r.status_code == 200
    assert r.json()["decision"] == "granted" and r.json()["appeal_period_end"]


def test_call_in_moves_competence_and_keeps_history(people: dict[str, Api]) -> None:
    data = _submit_and_acknowledge(people)
    permit = next(p for p in data["permits"] if p["code"] == "local_plan")
    path = f"/permits/{permit['id']}/call-in"
    assert people["plst"].get(f"/cases/{data['id']}").status_code == 404
    r = people["esbjerg"].post(path, {"authority_code": "PLST", "reason": "Statslig interesse"})
    assert r.status_code == 201, r.content
    assert people["plst"].get(f"/cases/{data['id']}").status_code == 200
    assert people["mst"].post(f"{path}/accept", {"reason": ""}).status_code == 404
    r = people["plst"].post(f"{path}/accept", {"reason": "Overtaget"})
    assert r.status_code == 200 and r.json()["status"] == "approved"
    detail = people["manager"].get(f"/cases/{data['id']}").json()
    moved = next(p for p in detail["permits"] if p["code"] == "local_plan")
    assert moved["authority"]["code"] == "PLST" and moved["called_in"] is True
    assert detail["call_ins"][0]["from"] == "Esbjerg Kommune"
    m = Milestone.objects.get(permit_id=permit["id"], kind="decision")
    r = people["esbjerg"].patch(
        f"/milestones/{m.pk}", {"actual": "2026-01-01"}, **{"If-Match": "1"}
    )
    assert r.status_code in (403, 404)


def test_invest_in_denmark_reads_and_owns_guidance(people: dict[str, Api]) -> None:
    data = _submit_and_acknowledge(people)
    idk = people["idk"]
    detail = idk.get(f"/cases/{data['id']}").json()
    assert detail["fdi_screening_flagged"] is True
    guidance = next(p for p in detail["permits"] if p["code"] == "invest_in_denmark_guidance")
    assert guidance["editable"] is True
    others = [p for p in detail["permits"] if p["code"] != "invest_in_denmark_guidance"]
    assert not any(p["editable"] for p in others)
    m = guidance["milestones"][0]
    r = idk.patch(
        f"/milestones/{m['id']}", {"actual": date.today().isoformat()}, **{"If-Match": "1"}
    )
    assert r.status_code == 200
    # guidance is Invest in Denmark's own track, so it may write to the company
    assert idk.post(f"/cases/{data['id']}/messages", {"body": "hej"}).status_code == 201


def test_documents_and_messages(people: dict[str, Api]) -> None:
    data = _submit_and_acknowledge(people)
    company = people["company"]
    url = f"/api/v1/cases/{data['id']}/documents"
    pdf = io.BytesIO(b"%PDF-1.7\n%test\n")
    pdf.name = "ansoegning.pdf"
    r = company.client.post(url, {"file": pdf, "description": "Ansøgning"}, headers=company.headers)
    assert r.status_code == 201, r.content
    doc_id = r.json()["id"]
    fake = io.BytesIO(b"MZ\x90\x00 not a pdf")
    fake.name = "virus.pdf"
    r = company.client.post(url, {"file": fake}, headers=company.headers)
    assert r.status_code == 422
    r = people["esbjerg"].get(f"/documents/{doc_id}/download")
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF")
    stranger = Api(f.user(Role.COMPANY_USER, f.company("90000012", "Anden ApS (test)")))
    assert stranger.get(f"/documents/{doc_id}/download").status_code == 404
    r = company.post(f"/cases/{data['id']}/messages", {"body": "Hej", "subject": "Spørgsmål"})
    assert r.status_code == 201
    msg = r.json()["id"]
    reply = people["manager"].post(
        f"/cases/{data['id']}/messages", {"body": "Svar", "thread_id": msg}
    )
    assert reply.json()["thread_id"] == msg
    r = people["manager"].post(f"/messages/{msg}/read")
    assert r.status_code == 200 and len(r.json()["read_by"]) == 2


def test_dashboard_export_and_outbox(people: dict[str, Api], mailoutbox: list[Any]) -> None:
    data = _submit_and_acknowledge(people)
    dash = people["manager"].get("/cases/dashboard")
    assert dash.status_code == 200
    assert dash.json()["my_cases"][0]["id"] == data["id"]
    assert people["company"].get("/cases/dashboard").status_code == 404
    csv = people["manager"].get("/cases/export?format=csv")
    assert csv.status_code == 200 and data["reference"].encode() in csv.content
    xlsx = people["manager"].get("/cases/export?format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None and sheet.max_row == 2
    assert Outbox.objects.filter(status="pending").exists()
    result = work()
    assert result.sent > 0 and not Outbox.objects.filter(status="pending").exists()
    assert work().sent == 0  # nothing twice
    assert Notice.objects.filter(user=people["company"].user).exists()
    assert len(mailoutbox) == Outbox.objects.filter(channel="email").count()
    notices = people["company"].get("/notices")
    assert notices.status_code == 200 and notices.json()


def test_settle_a_possible_permit(people: dict[str, Api]) -> None:
    """Case plans hold only needed permits; the case manager settles a possible one."""
    case = _submit_and_acknowledge(people)
    possible = next(p for p in case["permits"] if p["certainty"] == "possible")
    assert possible["milestones"] == []
    url = f"/permits/{possible['id']}/settle"
    r = people["manager"].post(url, {"certainty": "maybe"})
    assert r.status_code == 422 and "maybe" in r.content.decode()
    r = people["company"].post(url, {"certainty": "required"})
    assert r.status_code == 403  # sees the case, may not settle
    outsider = Api(f.user(Role.AUTHORITY_CASEWORKER, f.org("0101")))
    assert outsider.post(url, {"certainty": "required"}).status_code == 404  # hidden case
    r = people["manager"].post(url, {"certainty": "required"})
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["certainty"] == "required" and body["milestones"]
    assert {m["planned"] for m in body["milestones"]} == {m["forecast"] for m in body["milestones"]}
    detail = people["manager"].get(f"/cases/{case['id']}").json()
    assert detail["p_within_cap"] is not None
    r = people["manager"].post(url, {"certainty": "possible"})
    assert r.status_code == 200 and r.json()["milestones"] == []
