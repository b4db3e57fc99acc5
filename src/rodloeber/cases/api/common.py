"""Shared pieces of the case routers: the caller, today, error mapping."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.api.errors import error_body, error_item, wants_english
from rodloeber.cases.api.schemas import ErrorOut
from rodloeber.cases.errors import (
    CaseError,
    Forbidden,
    IllegalTransition,
    NotFound,
    PreconditionRequired,
    StaleVersion,
)

P = ParamSpec("P")
R = TypeVar("R")

STATUS_BY_ERROR: tuple[tuple[type[CaseError], int], ...] = (
    (NotFound, 404),
    (Forbidden, 403),
    (IllegalTransition, 409),
    (StaleVersion, 412),
    (PreconditionRequired, 428),
)

#: Documented error responses of case endpoints (OpenAPI).
ERRORS: dict[int, Any] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def caller(request: HttpRequest) -> User:
    user = getattr(request, "auth", None)
    assert isinstance(user, User)
    return user


def today() -> Any:
    return timezone.localdate()


def error_response(request: HttpRequest, exc: CaseError) -> HttpResponse:
    english = wants_english(request)
    status = next((s for cls, s in STATUS_BY_ERROR if isinstance(exc, cls)), 422)
    item = error_item("", exc.code, exc.message_da, exc.message_en, english)
    body = error_body(english, exc.message_da, exc.message_en, [item])
    response = JsonResponse(body, status=status)
    if isinstance(exc, StaleVersion):
        response["ETag"] = f'"{exc.current}"'
    return response


def case_errors(view: Callable[P, R]) -> Callable[P, R | HttpResponse]:
    """Map case errors to 404/403/409/412/428/422 with the API's error shape."""

    @functools.wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R | HttpResponse:
        try:
            return view(*args, **kwargs)
        except CaseError as exc:
            request = args[0]
            assert isinstance(request, HttpRequest)
            return error_response(request, exc)

    # django-ninja reads the signature; resolve the view's string annotations in
    # the view's own module (the wrapper's globals are this module's).
    wrapper.__signature__ = inspect.signature(view, eval_str=True)  # type: ignore[attr-defined]
    return wrapper
