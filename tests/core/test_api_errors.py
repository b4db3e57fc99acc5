"""The one API error renderer: each error class carries its status, code and field."""

from __future__ import annotations

import json

import pytest
from django.test import RequestFactory

from rodloeber.cases.errors import (
    CaseError,
    Forbidden,
    IllegalTransition,
    NotFound,
    PreconditionRequired,
    StaleVersion,
)
from rodloeber.core.api_errors import error_response, wants_english
from rodloeber.domain.errors import DomainError
from rodloeber.domain.facts import FactsError
from rodloeber.domain.facts_reader import FieldError
from rodloeber.domain.landsearch import LandFilterError
from rodloeber.domain.screening import BodyTooLarge, GeometryError
from rodloeber.parks import errors as park_errors

RF = RequestFactory()


@pytest.mark.parametrize(
    ("exc", "status", "code"),
    [
        (CaseError("no_cap", "Intet loft.", "No cap."), 422, "no_cap"),
        (NotFound(), 404, "not_found"),
        (Forbidden(), 403, "forbidden"),
        (IllegalTransition("draft", "acknowledge"), 409, "illegal_transition"),
        (StaleVersion(3), 412, "stale_version"),
        (PreconditionRequired(), 428, "if_match_required"),
        (park_errors.NotFound(), 404, "not_found"),
        (park_errors.Forbidden(), 403, "forbidden"),
        (park_errors.IllegalTransition("open", "submit"), 409, "illegal_transition"),
        (DomainError("Forkert.", "Wrong."), 422, "invalid"),
        (BodyTooLarge("body_too_large", "For stor.", "Too large."), 413, "body_too_large"),
    ],
)
def test_status_and_code_come_from_the_error_class(
    exc: DomainError, status: int, code: str
) -> None:
    response = error_response(RF.get("/api/v1/x"), exc)
    assert response.status_code == status
    body = json.loads(response.content)
    assert body["detail"] == exc.message_da
    assert [e["code"] for e in body["errors"]] == [code]


def test_english_when_preferred_and_both_languages_always() -> None:
    request = RF.get("/api/v1/x", HTTP_ACCEPT_LANGUAGE="en;q=0.9, da;q=0.5")
    assert wants_english(request)
    body = json.loads(error_response(request, NotFound()).content)
    assert body["detail"] == "Not found."
    assert body["errors"][0] == {
        "field": "",
        "code": "not_found",
        "message": "Not found.",
        "message_da": "Findes ikke.",
        "message_en": "Not found.",
    }


def test_stale_version_names_the_current_etag() -> None:
    response = error_response(RF.patch("/api/v1/milestones/1"), StaleVersion(7))
    assert response.status_code == 412
    assert response["ETag"] == '"7"'


def test_geometry_errors_point_at_the_geometry_field() -> None:
    exc = GeometryError("not_polygon", "Ikke en polygon.", "Not a polygon.")
    body = json.loads(error_response(RF.post("/api/v1/screening"), exc).content)
    assert body["errors"][0]["field"] == "geometry"


def test_errors_about_several_fields_list_each_field() -> None:
    facts = FactsError(
        (
            FieldError("site.kommune_kode", "Ukendt kommune.", "Unknown municipality."),
            FieldError("investment_dkk", "Skal være et tal.", "Must be a number."),
        )
    )
    body = json.loads(error_response(RF.post("/api/v1/eligibility"), facts).content)
    assert [e["field"] for e in body["errors"]] == ["site.kommune_kode", "investment_dkk"]
    land = LandFilterError([("use", "Ukendt anvendelse.", "Unknown use.")])
    response = error_response(RF.get("/api/v1/land/areas"), land)
    assert response.status_code == 422
    assert json.loads(response.content)["errors"][0]["field"] == "use"


def test_django_level_api_errors_use_the_same_shape_and_language(db: object) -> None:
    from django.test import Client

    response = Client().get("/api/v1/no-such-path", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "errors": []}
    danish = Client().get("/api/v1/no-such-path")
    assert danish.json()["detail"] == "Findes ikke."
