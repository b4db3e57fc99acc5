"""The API's global error handlers: every failure answers the one error shape.

The shape, the language choice and the renderer for domain errors live in
:mod:`rodloeber.core.api_errors`; this module wires them into the NinjaAPI
instance and translates what is not a domain error: pydantic's type errors,
django-ninja's own HTTP errors, missing credentials, too large bodies and 404s.
Routers raise bilingual domain errors (each carrying its HTTP status and code)
and never map them themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from rodloeber.core.api_errors import error_body, error_item, error_response, wants_english
from rodloeber.domain.errors import DomainError

# pydantic error type -> (Danish, English)
_PYDANTIC_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("Feltet skal udfyldes.", "This field is required."),
    "int_type": ("Skal være et heltal.", "Must be a whole number."),
    "int_parsing": ("Skal være et heltal.", "Must be a whole number."),
    "int_from_float": ("Skal være et heltal.", "Must be a whole number."),
    "float_type": ("Skal være et tal.", "Must be a number."),
    "float_parsing": ("Skal være et tal.", "Must be a number."),
    "bool_type": ("Skal være true eller false.", "Must be true or false."),
    "bool_parsing": ("Skal være true eller false.", "Must be true or false."),
    "string_type": ("Skal være en tekst.", "Must be a text."),
    "string_too_long": ("Teksten er for lang.", "The text is too long."),
    "string_too_short": ("Teksten er for kort.", "The text is too short."),
    "string_pattern_mismatch": ("Har ikke det forventede format.", "Has the wrong format."),
    "literal_error": ("Er ikke en af de tilladte værdier.", "Is not one of the allowed values."),
    "enum": ("Er ikke en af de tilladte værdier.", "Is not one of the allowed values."),
    "greater_than": ("Er for lille.", "Is too small."),
    "greater_than_equal": ("Er for lille.", "Is too small."),
    "less_than": ("Er for stor.", "Is too large."),
    "less_than_equal": ("Er for stor.", "Is too large."),
    "date_type": ("Skal være en dato (ÅÅÅÅ-MM-DD).", "Must be a date (YYYY-MM-DD)."),
    "date_parsing": ("Skal være en dato (ÅÅÅÅ-MM-DD).", "Must be a date (YYYY-MM-DD)."),
    "date_from_datetime_parsing": (
        "Skal være en dato (ÅÅÅÅ-MM-DD).",
        "Must be a date (YYYY-MM-DD).",
    ),
    "list_type": ("Skal være en liste.", "Must be a list."),
    "too_long": ("Listen er for lang.", "The list is too long."),
    "dict_type": ("Skal være et JSON-objekt.", "Must be a JSON object."),
    "model_type": ("Skal være et JSON-objekt.", "Must be a JSON object."),
    "model_attributes_type": ("Skal være et JSON-objekt.", "Must be a JSON object."),
    "extra_forbidden": ("Feltet er ukendt.", "Unknown field."),
    "json_invalid": ("Indholdet er ikke gyldig JSON.", "The body is not valid JSON."),
}
_FALLBACK = ("Ugyldig værdi.", "Invalid value.")

# django-ninja's own HTTP errors (English text) -> (Danish, English)
_HTTP_MESSAGES: dict[str, tuple[str, str]] = {
    "Cannot parse request body": (
        "Indholdet kan ikke læses.",
        "The request body cannot be parsed.",
    ),
    "CSRF check Failed": ("CSRF-kontrollen fejlede.", "CSRF check failed."),
    "Forbidden": ("Adgang nægtet.", "Forbidden."),
}
_UNAUTHENTICATED = (
    "Log ind, eller send et API-token (Authorization: Bearer).",
    "Sign in, or send an API token (Authorization: Bearer).",
)
_NOT_FOUND = ("Findes ikke.", "Not found.")
_TOO_BIG = (
    "Forespørgslen er for stor (højst 2,5 MB JSON; dokumenter højst 25 MB).",
    "The request is too large (at most 2.5 MB of JSON; documents at most 25 MB).",
)

ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}


def declare_common_responses(schema: dict[str, Any]) -> dict[str, Any]:
    """Declare the error answers every operation can give, so the schema is honest.

    The handlers in ``install`` give them all the error shape (``ErrorOut``):
    401 (no or bad credentials) and 403 (CSRF for session callers) on
    authenticated operations, 404 for a path parameter that is not an id,
    400 for an unparseable body, 422 for invalid parameters or body.
    """
    for item in schema.get("paths", {}).values():
        for operation in item.values():
            responses = operation.setdefault("responses", {})
            declared: list[tuple[int, str]] = []
            if operation.get("security"):
                declared += [(401, "Not authenticated"), (403, "Forbidden (CSRF)")]
            params = operation.get("parameters", [])
            if any(p.get("in") == "path" for p in params):
                declared.append((404, "Not found"))
            if "requestBody" in operation:
                declared.append((400, "Unparseable body"))
            if params or "requestBody" in operation:
                declared.append((422, "Invalid input"))
            for status, description in declared:
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": ERROR_REF}},
                    },
                )
    return schema


def field_path(loc: Sequence[Any]) -> str:
    """``["body", "payload", "site", "zone"]`` → ``"site.zone"``."""
    parts = list(loc)
    if parts and parts[0] == "body":
        parts = parts[2:] if len(parts) > 1 else []
    elif parts and parts[0] in ("query", "path", "header", "cookie"):
        parts = parts[1:]
    return ".".join(str(p) for p in parts)


def _pydantic_items(errors: Iterable[Mapping[str, Any]], english: bool) -> list[dict[str, str]]:
    items = []
    for err in errors:
        code = str(err.get("type", "invalid"))
        da, en = _PYDANTIC_MESSAGES.get(code, _FALLBACK)
        items.append(error_item(field_path(err.get("loc", ())), code, da, en, english))
    return items


def install(api: NinjaAPI) -> None:
    """Register the handlers on the API instance."""

    @api.exception_handler(ValidationError)
    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        english = wants_english(request)
        body = error_body(
            english,
            "Forespørgslen indeholder ugyldige felter.",
            "The request has invalid fields.",
            _pydantic_items(exc.errors, english),
        )
        return api.create_response(request, body, status=422)

    @api.exception_handler(DomainError)
    def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return error_response(request, exc)

    @api.exception_handler(AuthenticationError)
    def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        body = error_body(wants_english(request), *_UNAUTHENTICATED)
        return api.create_response(request, body, status=exc.status_code)

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        da, en = _HTTP_MESSAGES.get(str(exc), (str(exc), str(exc)))
        body = error_body(wants_english(request), da, en)
        return api.create_response(request, body, status=exc.status_code)

    @api.exception_handler(RequestDataTooBig)
    def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        body = error_body(wants_english(request), *_TOO_BIG)
        return api.create_response(request, body, status=413)

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        body = error_body(wants_english(request), *_NOT_FOUND)
        return api.create_response(request, body, status=404)
