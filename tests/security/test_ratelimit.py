"""Rate limits: 429 with Retry-After and a Danish/English message; blocked writes audited."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from rodloeber.accounts.roles import Role
from rodloeber.accounts.services import token_create
from rodloeber.accounts.token_scopes import ALL_SCOPES
from rodloeber.audit.models import AuditEvent
from rodloeber.web.ratelimit import MESSAGE_DA, MESSAGE_EN, ROUTES, hit
from tests.cases import factories as f
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limits(settings: Any, tmp_path: Any) -> Iterator[None]:
    cache.clear()
    settings.RODLOEBER_RATE_LIMITS_ENABLED = True
    settings.RODLOEBER_RATE_LIMITS = {
        "login": (3, 60),
        "case_submit": (2, 60),
        "document_upload": (2, 60),
        "search": (3, 60),
        "screening": (3, 60),
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RODLOEBER_PLAN_SAMPLES = 100
    yield
    cache.clear()


def test_every_route_names_a_real_url() -> None:
    from tests.security.endpoints import _CONVERTER, api_resolver_routes, web_endpoints

    names = {e.key for e in web_endpoints()}
    routes = api_resolver_routes()
    for _method, name in ROUTES:
        if name.startswith("/api/"):
            assert _CONVERTER.sub(lambda m: "{" + m.group(2) + "}", name) in routes, name
        else:
            assert name in names, name


def test_counter_window() -> None:
    verdicts = [hit("login", "k") for _ in range(4)]
    assert [v.allowed for v in verdicts] == [True, True, True, False]
    assert verdicts[-1].retry_after >= 1
    assert hit("login", "other").allowed


def test_login_form_is_limited_per_address() -> None:
    client = Client()
    codes = [
        client.post("/konto/log-ind", {"username": f"u{i}", "password": "x"}).status_code
        for i in range(4)
    ]
    assert codes[:3] == [200, 200, 200] and codes[3] == 429
    r = client.post("/konto/log-ind", {"username": "u", "password": PASSWORD})
    assert r.status_code == 429 and MESSAGE_DA in r.content.decode()
    assert int(r["Retry-After"]) >= 1
    client.cookies["django_language"] = "en"  # pages follow the language switch
    english = client.post("/konto/log-ind", {})
    assert MESSAGE_EN in english.content.decode()
    assert AuditEvent.objects.filter(action="security.rate_limited").count() == 1


def test_api_case_submit_is_limited_and_audited(make_user: Callable[..., Any]) -> None:
    user = f.user(Role.COMPANY_USER, f.company())
    _, secret = token_create(actor=None, user=user, name="rl", scopes=ALL_SCOPES)
    headers = {"Authorization": f"Bearer {secret}", "Accept-Language": "en"}
    client = Client()
    codes = []
    for _ in range(3):
        r = client.post(
            "/api/v1/cases",
            {"facts": f.FACTS, "company_cvr": "90000047"},
            content_type="application/json",
            headers=headers,
        )
        codes.append(r.status_code)
    assert codes[:2] == [201, 201] or codes[:2] == [200, 200], codes
    assert codes[2] == 429
    assert r.json()["detail"] == MESSAGE_EN
    event = AuditEvent.objects.filter(action="security.rate_limited").get()
    assert event.subject_id == "case_submit"


def test_document_upload_is_limited(make_user: Callable[..., Any]) -> None:
    applicant = f.user(Role.COMPANY_USER, f.company())
    case = f.submit(applicant)
    client = Client()
    client.force_login(applicant)
    codes = []
    for i in range(3):
        upload = _pdf(f"d{i}.pdf")
        codes.append(
            client.post(f"/api/v1/cases/{case.pk}/documents", {"file": upload}).status_code
        )
    assert codes[2] == 429 and codes[0] < 400, codes


def test_search_lists_are_limited_per_user(make_user: Callable[..., Any]) -> None:
    a, b = make_user(Role.CASE_MANAGER), make_user(Role.CASE_MANAGER)
    ca, cb = Client(), Client()
    ca.force_login(a)
    cb.force_login(b)
    assert [ca.get("/api/v1/cases").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert cb.get("/api/v1/cases").status_code == 200  # another user has their own budget
    assert ca.get("/api/v1/land/areas").status_code == 429  # one budget for the scope
    assert Client().get("/kort/eksport.csv").status_code == 200


def test_anonymous_screening_is_limited_per_address() -> None:
    from rodloeber.layers import screening_service
    from tests.domain.screening.conftest import small_world

    world = small_world()
    screening_service.set_layer_loader(lambda name: world[name])
    body = '{"geometry": {"type": "Point", "coordinates": [8.6, 55.5]}}'

    def post(addr: str, **headers: str) -> int:
        response = Client(REMOTE_ADDR=addr).post(
            "/api/v1/screening", body, content_type="application/json", headers=headers
        )
        return response.status_code

    try:
        assert [post("10.0.0.1") for _ in range(3)] == [422, 422, 422]
        assert post("10.0.0.1") == 429
        # a made-up bearer token (the endpoint ignores it) buys no fresh counter
        assert post("10.0.0.1", Authorization="Bearer made-up-1") == 429
        assert post("10.0.0.2") == 422  # another address has its own budget
    finally:
        screening_service.set_layer_loader(None)


def test_disabled_by_setting(settings: Any) -> None:
    settings.RODLOEBER_RATE_LIMITS_ENABLED = False
    client = Client()
    for _ in range(6):
        assert client.post("/konto/log-ind", {"username": "u", "password": "x"}).status_code == 200


def _pdf(name: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


def test_a_random_authorization_header_does_not_reset_the_login_limit() -> None:
    client = Client()
    codes = [
        client.post(
            "/konto/log-ind",
            {"username": f"u{i}", "password": "x"},
            headers={"Authorization": f"Bearer random-{i}"},
        ).status_code
        for i in range(4)
    ]
    assert codes == [200, 200, 200, 429]


def test_forwarded_for_is_ignored_without_trusted_proxies() -> None:
    client = Client()
    codes = [
        client.post(
            "/konto/log-ind",
            {"username": "u", "password": "x"},
            headers={"X-Forwarded-For": f"203.0.113.{i}"},
        ).status_code
        for i in range(4)
    ]
    assert codes[3] == 429


def test_behind_one_trusted_proxy_the_client_is_the_last_forwarded_address(
    settings: Any,
) -> None:
    from django.test import RequestFactory

    from rodloeber.core.clientaddr import client_address

    settings.RODLOEBER_TRUSTED_PROXIES = 1
    rf = RequestFactory()
    forged = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7", REMOTE_ADDR="10.0.0.2")
    assert client_address(forged) == "198.51.100.7"  # the client's own entry is ignored
    assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"
    assert client_address(rf.get("/", HTTP_X_FORWARDED_FOR="junk", REMOTE_ADDR="10.0.0.2")) == (
        "10.0.0.2"
    )
    client = Client(REMOTE_ADDR="10.0.0.2")
    same_client = [
        client.post(
            "/konto/log-ind",
            {"username": "u", "password": "x"},
            headers={"X-Forwarded-For": f"203.0.113.{i}, 198.51.100.7"},
        ).status_code
        for i in range(4)
    ]
    assert same_client[3] == 429
    other = client.post(
        "/konto/log-ind",
        {"username": "u", "password": "x"},
        headers={"X-Forwarded-For": "198.51.100.8"},
    )
    assert other.status_code == 200


def test_the_429_page_is_styled_and_localised() -> None:
    client = Client()
    for _ in range(3):
        client.post("/konto/log-ind", {"username": "u", "password": "x"})
    da = client.post("/konto/log-ind", {"username": "u", "password": "x"}).content.decode()
    assert '<html lang="da">' in da and "dkfds" in da and "Fejlkode" in da
    client.cookies["django_language"] = "en"
    en = client.post("/konto/log-ind", {}).content.decode()
    assert '<html lang="en">' in en and "Error code" in en and "Too many requests" in en
