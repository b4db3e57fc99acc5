"""Authorisation matrix: every URL pattern and every API operation × every caller.

Endpoints are discovered (``endpoints.py``), never hand-listed; public ones
are allow-listed with a reason. For each caller (anonymous, one user per role
of an unrelated organisation, the rightful owners) and each endpoint with its
path parameters filled from another tenant's objects:

- protected endpoint, anonymous: never 2xx (API 401, pages redirect to log-in);
- hidden object, caller not entitled: never 2xx, and the answer for a real
  foreign id equals the answer for an id that does not exist (404 for the API),
  so existence is not revealed;
- any 2xx answer to a caller contains none of the hidden objects' markers
  (lists, searches, exports, map layers, files);
- the rightful owner gets 200 on the object's GET endpoints (the ids are real).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client

from rodloeber.accounts.services import token_create
from rodloeber.accounts.token_scopes import ALL_SCOPES
from tests.security.endpoints import (
    API_PREFIX,
    PUBLIC_API,
    PUBLIC_WEB,
    Endpoint,
    api_endpoints,
    api_resolver_routes,
    web_endpoints,
)
from tests.security.world import CALLERS, ENTITLED, MARKERS, PUBLIC_KINDS, World, build_world, fill

pytestmark = pytest.mark.django_db

TODAY = "2026-01-05"
#: Valid bodies so a write reaches its object check (others get {} and fail validation).
API_BODIES: dict[str, dict[str, Any]] = {
    "PUT /api/v1/cases/{case_id}/draft": {"facts": {}},
    "POST /api/v1/cases/{case_id}/withdraw": {"reason": "x"},
    "POST /api/v1/cases/{case_id}/request-info": {"text": "x"},
    "POST /api/v1/cases/{case_id}/supplement": {"text": "x"},
    "POST /api/v1/cases/{case_id}/acknowledge": {"date": TODAY},
    "POST /api/v1/cases/{case_id}/reject": {"reason": "x"},
    "POST /api/v1/cases/{case_id}/reassign": {"contact_person_id": 1, "reason": "x"},
    "POST /api/v1/cases/{case_id}/foreign-investor": {"investor_country": "SE"},
    "PATCH /api/v1/milestones/{milestone_id}": {"actual": TODAY},
    "POST /api/v1/permits/{permit_id}/pause": {"reason": "appeal"},
    "POST /api/v1/permits/{permit_id}/decision": {"outcome": "granted", "date": TODAY},
    "POST /api/v1/permits/{permit_id}/settle": {"certainty": "not_needed"},
    "POST /api/v1/permits/{permit_id}/extension": {"months": 1, "reason": "x"},
    "POST /api/v1/extensions/{extension_id}/decide": {"approve": True, "reason": "x"},
    "POST /api/v1/permits/{permit_id}/call-in": {"authority_code": "MST", "reason": "x"},
    "POST /api/v1/permits/{permit_id}/call-in/accept": {"reason": "x"},
    "POST /api/v1/permits/{permit_id}/call-in/decline": {"reason": "x"},
    "POST /api/v1/cases/{case_id}/messages": {"body": "x"},
    "PATCH /api/v1/parks/applications/{app_id}": {"name": "x"},
}
#: Pages whose object is shown to outsiders as "not allowed" (403) because the
#: object itself is public (open data); no existence is revealed.
WEB_OK_403 = frozenset({"landmap:area_edit"})

# Log-out ends the caller's session, so it goes last.
#: (endpoint, caller) allowed to show case references, with the reason.
REFERENCE_OK = {
    ("reports:evaluation", "analyst"): "L 206 evaluation export for the ministry (case level)",
    ("reports:evaluation", "administrator"): "administrators read the internal reports",
}

ALL = sorted([*web_endpoints(), *api_endpoints()], key=lambda e: e.key == "accounts:logout")


def _client(world: World | None, caller: str) -> tuple[Client, dict[str, str]]:
    client = Client()
    if caller == "anonymous" or world is None:
        return client, {}
    user = world.users[caller]
    _, secret = token_create(actor=None, user=user, name="matrix", scopes=ALL_SCOPES)
    client.force_login(user)
    return client, {"Authorization": f"Bearer {secret}"}


def _call(client: Client, ep: Endpoint, method: str, url: str, headers: dict[str, str]) -> Any:
    call = getattr(client, method.lower())
    if ep.api:
        kwargs: dict[str, Any] = {"headers": {**headers, "If-Match": "1"}}
        if method != "GET":
            kwargs["content_type"] = "application/json"
            kwargs["data"] = API_BODIES.get(ep.key, {})
        return call(url, **kwargs)
    return call(url) if method == "GET" else call(url, {})


def _granted(response: HttpResponse, ep: Endpoint, method: str) -> bool:
    """Did the caller get what they asked for (2xx, or a redirect after a web POST)?"""
    if 200 <= response.status_code < 300:
        return True
    location = response.get("Location", "") if 300 <= response.status_code < 400 else ""
    return bool(location) and method == "POST" and "/konto/log-ind" not in location


def _leaks(response: HttpResponse, hidden: set[str], reference: str) -> list[str]:
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    else:
        body = response.content
    text = body.decode("utf-8", "replace")
    found = [k for k in hidden if MARKERS[k] in text]
    if "case" in hidden and reference and reference in text:
        found.append("case reference")
    return found


def test_every_api_route_is_in_the_schema() -> None:
    schema_paths = {e.template for e in api_endpoints()}
    extra = {"/api/v1/openapi.json", "/api/v1/docs", "/api/v1/"}
    assert api_resolver_routes() - extra <= schema_paths


def test_allow_lists_name_real_endpoints() -> None:
    keys = {e.key for e in ALL}
    assert set(PUBLIC_WEB) <= keys, set(PUBLIC_WEB) - keys
    assert set(PUBLIC_API) <= keys, set(PUBLIC_API) - keys


@pytest.fixture
def world(settings: Any, tmp_path: Any) -> World:
    settings.RODLOEBER_PLAN_SAMPLES = 100
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RODLOEBER_RATE_LIMITS_ENABLED = False
    return build_world()


@pytest.fixture(autouse=True)
def _layers() -> Any:
    from rodloeber.layers import screening_service
    from tests.domain.screening.conftest import small_world

    layers = small_world()
    screening_service.set_layer_loader(lambda name: layers[name])
    yield
    screening_service.set_layer_loader(None)


def _hidden_for(caller: str) -> set[str]:
    return set(MARKERS) - ENTITLED.get(caller, frozenset())


@pytest.mark.parametrize("caller", ["anonymous", *CALLERS])
def test_matrix(world: World, caller: str) -> None:
    client, headers = _client(world, caller)
    hidden = _hidden_for(caller)
    problems: list[str] = []
    calls = 0
    for ep in ALL:
        url, kinds = fill(ep.template, world)
        missing_url, _ = fill(ep.template, world, missing=True)
        private_kinds = kinds - PUBLIC_KINDS
        refused = private_kinds - ENTITLED.get(caller, frozenset())
        for method in ep.methods:
            calls += 1
            r = _call(client, ep, method, url, headers)
            where = f"{caller} {method} {url} [{ep.key}] -> {r.status_code}"
            if r.status_code >= 500:
                problems.append(f"server error: {where}")
                continue
            granted = _granted(r, ep, method)
            if caller == "anonymous" and not ep.public and granted:
                problems.append(f"anonymous access to protected endpoint: {where}")
            if refused and granted:
                problems.append(f"access to another tenant's {sorted(refused)}: {where}")
            if refused and not granted:
                other = _call(client, ep, method, missing_url, headers)
                if ep.api and caller != "anonymous" and r.status_code not in (404, 422):
                    problems.append(f"hidden object must answer 404: {where}")
                if r.status_code != other.status_code and ep.key not in WEB_OK_403:
                    problems.append(f"existence oracle ({other.status_code} if missing): {where}")
            if granted:
                ref = "" if (ep.key, caller) in REFERENCE_OK else world.reference
                leaks = _leaks(r, hidden, ref)
                if leaks:
                    problems.append(f"leaks {leaks}: {where}")
    assert calls >= len(ALL)
    assert not problems, "\n".join(problems)


OWNER_GETS = {
    "company_a": [
        "/sager/{case}",
        "/tjek/gemte/{check}",
        "/sager/dokumenter/{document}",
        f"{API_PREFIX}/cases/{{case}}",
        f"{API_PREFIX}/cases/{{draft}}",
        f"{API_PREFIX}/cases/{{case}}/documents",
        f"{API_PREFIX}/documents/{{document}}/download",
        f"{API_PREFIX}/cases/{{case}}/messages",
    ],
    "planner_0561": [
        "/industriparker/ansoegninger/{park_app}",
        f"{API_PREFIX}/parks/applications/{{park_app}}",
        f"{API_PREFIX}/parks/applications/{{park_app}}/attachments",
        f"{API_PREFIX}/parks/attachments/{{park_attachment}}/download",
        "/industriparker/ansoegninger/{park_app}/bilag/{park_attachment}",
    ],
    "planner_0751": ["/kort/omraade/{land_area}/rediger"],
}


@pytest.mark.parametrize("owner", sorted(OWNER_GETS))
def test_owners_see_their_objects(world: World, owner: str) -> None:
    client, headers = _client(world, owner)
    for template in OWNER_GETS[owner]:
        url = template.format(**world.ids)
        r = client.get(url, headers=headers)
        assert r.status_code == 200, (owner, url, r.status_code)
