"""One CPU budget per request (issue #20): with a tiny budget the expensive paths stop
cleanly — a 422 in Danish and English, nothing stored, the stop logged."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from shapely.geometry import mapping

from rodloeber.accounts.roles import Role
from rodloeber.audit.models import AuditEvent
from rodloeber.domain.screening import to_exchange
from rodloeber.domain.screening.testing import square
from rodloeber.landmap.models import BusinessArea
from rodloeber.layers import screening_service
from tests.domain.screening.conftest import small_world

TINY = 1e-6  # seconds: every checkpoint is past it


@pytest.fixture
def layers() -> Iterator[None]:
    world = small_world()
    screening_service.set_layer_loader(lambda name: world[name])
    yield
    screening_service.set_layer_loader(None)


def _screen(lang: str) -> Any:
    body = {"geometry": dict(mapping(to_exchange(square(0, 0, 1000))))}
    return Client().post(
        "/api/v1/screening",
        json.dumps(body),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=lang,
    )


def test_screening_within_the_default_budget_answers(layers: None, settings: Any) -> None:
    assert settings.RODLOEBER_REQUEST_CPU_BUDGET_S == 2.0
    assert _screen("da").status_code == 200


def test_screening_past_its_budget_answers_422_in_both_languages(
    layers: None, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.RODLOEBER_REQUEST_CPU_BUDGET_S = TINY
    with caplog.at_level(logging.WARNING, logger="rodloeber.cpu_budget"):
        da, en = _screen("da"), _screen("en")
    assert da.status_code == en.status_code == 422
    assert da.json()["errors"][0]["code"] == "cpu_budget"
    assert "regnetid" in da.json()["detail"] and "computing time" in en.json()["detail"]
    assert "/api/v1/screening" in caplog.text and "at screening" in caplog.text


@pytest.mark.django_db
def test_land_import_past_its_budget_stores_nothing(
    settings: Any, make_user: Callable[..., Any]
) -> None:
    client = Client()
    client.force_login(make_user(Role.MUNICIPAL_PLANNER))
    template = client.get("/kort/skabelon.csv").content
    events = AuditEvent.objects.count()
    settings.RODLOEBER_REQUEST_CPU_BUDGET_S = TINY
    upload = io.BytesIO(template)
    upload.name = "skabelon.csv"
    page = client.post("/kort/import", {"file": upload})
    assert page.status_code == 422
    assert "regnetid" in page.content.decode()
    assert not BusinessArea.objects.exists() and AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_an_export_past_its_budget_gets_an_error_page_not_a_500(
    settings: Any, make_user: Callable[..., Any]
) -> None:
    from tests.landmap.demo_cache import demo_load

    mp = pytest.MonkeyPatch()
    try:
        demo_load(mp, count=20, seed=3)
    finally:
        mp.undo()
    settings.RODLOEBER_REQUEST_CPU_BUDGET_S = TINY
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/kort/eksport.csv")
    assert response.status_code == 422
    html = response.content.decode()
    assert "The request was stopped" in html and "computing time" in html
