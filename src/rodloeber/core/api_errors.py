"""One error shape for the whole API, in the caller's language — and its one renderer.

Every 4xx caused by input is::

    {"detail": "<summary in the caller's language>",
     "errors": [{"field": "site.kommune_kode", "code": "…", "message": "…",
                 "message_da": "…", "message_en": "…"}]}

Language: ``Accept-Language`` (Danish unless English is preferred).
A :class:`~rodloeber.domain.errors.DomainError` brings its own status, code,
field and Danish/English text; :func:`error_response` turns it into the
answer. The global handlers in ``rodloeber.api.errors`` call it for any
domain error a router lets through, so routers raise and never map.

This module is in ``core`` (below every app) so that each context's API
package (``rodloeber.<app>.api``) can declare ``ErrorOut`` responses without
importing the ``rodloeber.api`` wiring that imports it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.http import HttpRequest, JsonResponse
from ninja import Schema

from rodloeber.domain.errors import DomainError


class ErrorItemOut(Schema):
    field: str
    code: str
    message: str
    message_da: str
    message_en: str


class ErrorOut(Schema):
    detail: str
    errors: list[ErrorItemOut]


#: Error answers most object endpoints declare (OpenAPI); the schema adds the
#: common 401/403/404/400/422 for every operation (``declare_common_responses``).
ERRORS: dict[int, Any] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def wants_english(request: HttpRequest) -> bool:
    """True when the caller prefers English over Danish (Accept-Language)."""
    header = request.headers.get("Accept-Language", "")
    best_lang, best_q = "da", -1.0
    for part in header.split(","):
        bits = part.strip().split(";")
        lang = bits[0].strip().lower()[:2]
        q = 1.0
        for bit in bits[1:]:
            if bit.strip().startswith("q="):
                try:
                    q = float(bit.strip()[2:])
                except ValueError:
                    q = 0.0
        if lang in ("da", "en") and q > best_q:
            best_lang, best_q = lang, q
    return best_lang == "en"


def error_item(
    field: str, code: str, message_da: str, message_en: str, english: bool
) -> dict[str, str]:
    return {
        "field": field,
        "code": code,
        "message": message_en if english else message_da,
        "message_da": message_da,
        "message_en": message_en,
    }


def error_body(
    english: bool, summary_da: str, summary_en: str, items: Iterable[Mapping[str, str]] = ()
) -> dict[str, Any]:
    return {"detail": summary_en if english else summary_da, "errors": list(items)}


def json_error(
    request: HttpRequest,
    status: int,
    summary_da: str,
    summary_en: str,
    items: Iterable[Mapping[str, str]] = (),
) -> JsonResponse:
    """An error answer in the API's shape, Danish text kept readable (no \\u escapes)."""
    body = error_body(wants_english(request), summary_da, summary_en, items)
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def error_response(request: HttpRequest, exc: DomainError) -> JsonResponse:
    """The API's answer to a domain error: its status, headers and details."""
    english = wants_english(request)
    items = [
        error_item(d.field, d.code, d.message_da, d.message_en, english) for d in exc.details()
    ]
    response = json_error(request, exc.http_status, exc.message_da, exc.message_en, items)
    for name, value in exc.headers().items():
        response[name] = value
    return response
