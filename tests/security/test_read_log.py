"""Read log of personal data: who viewed a case, its documents and exports
(issue #10, ADR 0014). One row per view; refused attempts never count as views."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.accounts.services import token_create
from rodloeber.accounts.token_scopes import ALL_SCOPES
from rodloeber.cases.access import access_log_record
from rodloeber.cases.models import AccessLog, Case
from rodloeber.cases.models.access import AccessLogImmutable
from rodloeber.cases.services.completeness import case_acknowledge
from rodloeber.cases.services.documents import document_upload
from tests.cases import factories as f
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings: Any, tmp_path: Any) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RODLOEBER_PLAN_SAMPLES = 200
    applicant = f.user(Role.COMPANY_USER, f.company(), "rl-firma")
    colleague = f.user(Role.COMPANY_USER, f.company(), "rl-kollega")
    manager = f.user(Role.CASE_MANAGER, f.org("ERST"), "rl-sb")
    case = f.submit(applicant, f.facts())
    case = case_acknowledge(actor=manager, case=case, on=timezone.localdate())
    doc = document_upload(actor=applicant, case=case, filename="plan.pdf", content=b"%PDF-1.4 x")
    return {
        "case": case,
        "doc": doc,
        "applicant": applicant,
        "colleague": colleague,
        "manager": manager,
        "mst": f.user(Role.AUTHORITY_CASEWORKER, f.org("MST"), "rl-mst"),  # sees the case
        "other_company": f.user(Role.COMPANY_USER, f.company("90000012", "Anden A/S"), "rl-b"),
        "planner": f.user(Role.MUNICIPAL_PLANNER, f.org("0561"), "rl-planner"),
    }


def _client(user: User, lang: str = "da") -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    client.cookies["django_language"] = lang
    return client


def _api(user: User) -> Client:
    _, secret = token_create(actor=None, user=user, name="t", scopes=ALL_SCOPES)
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def _views(case: Case, **filters: Any) -> list[AccessLog]:
    return list(AccessLog.objects.filter(case=case, outcome="viewed", **filters))


def test_each_view_writes_exactly_one_row(world: dict[str, Any]) -> None:
    case, manager = world["case"], world["manager"]
    client = _client(manager)
    assert client.get(f"/sager/{case.pk}").status_code == 200
    rows = _views(case)
    assert len(rows) == 1
    row = rows[0]
    assert (row.user, row.organisation, row.what) == (manager, manager.organisation, "case_page")
    assert len(row.request_id) == 32  # ties the view to the request's log lines
    assert client.get(f"/sager/{case.pk}").status_code == 200
    assert len(_views(case)) == 2  # every view, not only the first


def test_api_document_and_export_views_are_logged(world: dict[str, Any]) -> None:
    case, doc, mst = world["case"], world["doc"], world["mst"]
    api = _api(mst)
    assert api.get(f"/api/v1/cases/{case.pk}").status_code == 200
    assert len(_views(case, what="case_api", user=mst)) == 1
    web = _client(mst)
    assert web.get(f"/sager/dokumenter/{doc.pk}").status_code == 200
    assert api.get(f"/api/v1/documents/{doc.pk}/download").status_code == 200
    downloads = _views(case, what="document", user=mst)
    assert len(downloads) == 2 and downloads[0].detail == "plan.pdf"
    assert web.get("/sager/eksport?format=csv").status_code == 200
    assert api.get("/api/v1/cases/export?format=xlsx").status_code == 200
    assert len(_views(case, what="export", user=mst)) == 2  # one row per case per export


def test_refused_attempts_are_not_views(world: dict[str, Any]) -> None:
    case, doc, outsider = world["case"], world["doc"], world["other_company"]
    assert _client(outsider).get(f"/sager/{case.pk}").status_code == 404
    assert _api(outsider).get(f"/api/v1/cases/{case.pk}").status_code == 404
    assert _client(outsider).get(f"/sager/dokumenter/{doc.pk}").status_code == 404
    assert _views(case) == []
    denied = AccessLog.objects.filter(case=case, outcome="denied", user=outsider)
    assert sorted(denied.values_list("what", flat=True)) == ["case_api", "case_page"]
    assert _client(outsider).get("/sager/999999").status_code == 404  # no such case: no row
    assert AccessLog.objects.count() == 2


def test_who_may_read_the_log(world: dict[str, Any]) -> None:
    case = world["case"]
    access_log_record(viewer=world["mst"], case=case, what="case_page")
    url, api_url = f"/sager/{case.pk}/adgangslog", f"/api/v1/cases/{case.pk}/access-log"
    for who in ("applicant", "colleague", "manager"):  # the company and the case managers
        page = _client(world[who]).get(url)
        assert page.status_code == 200, who
        assert "rl-mst" in page.content.decode() or "Test" in page.content.decode()
        rows = _api(world[who]).get(api_url).json()
        assert rows[-1]["organisation"] == world["mst"].organisation.name
    for who in ("mst", "other_company", "planner"):  # sees the case, or nothing: 404 either way
        assert _client(world[who]).get(url).status_code == 404, who
        assert _api(world[who]).get(api_url).status_code == 404, who
    assert Client().get(url).status_code == 302  # anonymous: log in first
    assert Client().get(api_url).status_code == 401


def test_page_is_bilingual_and_linked_from_the_case(world: dict[str, Any]) -> None:
    case = world["case"]
    client = _client(world["applicant"])
    assert "Hvem har set oplysningerne" in client.get(f"/sager/{case.pk}").content.decode()
    da = client.get(f"/sager/{case.pk}/adgangslog").content.decode()
    en = _client(world["applicant"], "en").get(f"/sager/{case.pk}/adgangslog").content.decode()
    assert "Hvem har set oplysningerne" in da and "Sagsside" in da
    assert "Who has viewed this information" in en and "Case page" in en
    assert "Hvem har set" not in _client(world["mst"]).get(f"/sager/{case.pk}").content.decode()


def test_the_log_is_append_only(world: dict[str, Any]) -> None:
    row = access_log_record(viewer=world["manager"], case=world["case"], what="case_page")
    with pytest.raises(AccessLogImmutable):
        AccessLog.objects.filter(pk=row.pk).update(what="export")
    with pytest.raises(AccessLogImmutable):
        AccessLog.objects.filter(pk=row.pk).delete()
    with pytest.raises(AccessLogImmutable):
        row.save()


def test_api_download_resolves_the_caller_once(world: dict[str, Any], monkeypatch: Any) -> None:
    from rodloeber.accounts.current import caller
    from rodloeber.cases.api import files

    calls: list[object] = []

    def counting(request: Any) -> User:
        calls.append(request)
        return caller(request)

    monkeypatch.setattr(files, "caller", counting)
    doc, mst = world["doc"], world["mst"]
    assert _api(mst).get(f"/api/v1/documents/{doc.pk}/download").status_code == 200
    assert len(calls) == 1  # one caller for the permission check and the read log
    assert [r.user for r in _views(world["case"], what="document")] == [mst]
