"""One error shape for the whole API, in the caller's language.

Every 4xx caused by input is::

    {"detail": "<summary in the caller's language>",
     "errors": [{"field": "site.kommune_kode", "code": "…", "message": "…",
                 "message_da": "…", "message_en": "…"}]}

Language: ``Accept-Language`` (Danish unless English is preferred).
Pydantic's type errors are translated here; domain errors bring their own
Danish and English text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from rodloeber.domain.errors import DomainError
from rodloeber.domain.facts import FactsError

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


def field_path(loc: Sequence[Any]) -> str:
    """``["body", "payload", "site", "zone"]`` → ``"site.zone"``."""
    parts = list(loc)
    if parts and parts[0] == "body":
        parts = parts[2:] if len(parts) > 1 else []
    elif parts and parts[0] in ("query", "path", "header", "cookie"):
        parts = parts[1:]
    return ".".join(str(p) for p in parts)


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

    @api.exception_handler(FactsError)
    def on_facts_error(request: HttpRequest, exc: FactsError) -> HttpResponse:
        english = wants_english(request)
        items = [
            error_item(e.field, "invalid", e.message_da, e.message_en, english) for e in exc.errors
        ]
        body = error_body(english, exc.message_da, exc.message_en, items)
        return api.create_response(request, body, status=422)

    @api.exception_handler(DomainError)
    def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        english = wants_english(request)
        body = error_body(english, exc.message_da, exc.message_en)
        return api.create_response(request, body, status=422)
