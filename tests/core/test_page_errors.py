"""The one page renderer of domain errors."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.test import RequestFactory
from django.utils import translation

from rodloeber.cases import errors as case_errors
from rodloeber.core.page_errors import (
    error_message,
    errors_to_messages,
    page_status,
    raise_for_page,
)
from rodloeber.domain.errors import DomainError
from rodloeber.parks import errors as park_errors


@pytest.mark.parametrize("exc", [case_errors.NotFound(), park_errors.NotFound()])
def test_hidden_objects_answer_404(exc: DomainError) -> None:
    with pytest.raises(Http404):
        raise_for_page(exc)


@pytest.mark.parametrize("exc", [case_errors.Forbidden(), park_errors.Forbidden()])
def test_refused_actions_answer_403(exc: DomainError) -> None:
    with pytest.raises(PermissionDenied):
        raise_for_page(exc)


def test_business_rules_stay_on_the_page_with_conflicts_as_409() -> None:
    raise_for_page(case_errors.StaleVersion(2))  # does not raise
    assert page_status(case_errors.StaleVersion(2)) == 409
    assert page_status(case_errors.IllegalTransition("draft", "x")) == 409
    assert page_status(DomainError("Nej.", "No.")) == 422


def test_message_follows_the_page_language() -> None:
    exc = DomainError("Forkert dato.", "Wrong date.")
    with translation.override("da"):
        assert error_message(exc) == "Forkert dato."
    with translation.override("en"):
        assert error_message(exc) == "Wrong date."


def _post(path: str) -> HttpRequest:
    request = RequestFactory().post(path)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def test_errors_to_messages_flashes_and_redirects_back() -> None:
    @errors_to_messages()
    def view(request: HttpRequest) -> HttpResponse:
        raise DomainError("Runden er lukket.", "The round is closed.")

    request = _post("/parks/7?tab=a")
    with translation.override("da"):
        response = view(request)
    assert response.status_code == 302 and response["Location"] == "/parks/7?tab=a"
    assert [str(m) for m in get_messages(request)] == ["Runden er lukket."]


def test_errors_to_messages_keeps_404_for_hidden_objects() -> None:
    @errors_to_messages()
    def view(request: HttpRequest) -> HttpResponse:
        raise park_errors.NotFound()

    with pytest.raises(Http404):
        view(_post("/parks/7"))
