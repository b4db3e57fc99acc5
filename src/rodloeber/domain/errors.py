"""Domain error base class (fejl i domænelaget).

Every error raised by the framework-free domain layer derives from
:class:`DomainError` and carries a Danish and an English message so that the
web, API and CLI layers can show the user's language without translating.

Like Zulip's ``JsonableError``, an error class also carries what an HTTP
answer needs — ``http_status`` (class attribute), a stable machine ``code``
and the ``field`` it concerns — so there is one renderer for the API
(``rodloeber.core.api_errors.error_response``) and one for pages
(``rodloeber.core.page_errors``), and no per-router mapping tables. The
numbers are plain integers: the domain stays free of any web framework.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ErrorDetail:
    """One problem of an error answer: the field it concerns ("" for the whole
    request), a stable code and the message in Danish and English."""

    field: str
    code: str
    message_da: str
    message_en: str


class DomainError(Exception):
    """Base error of the domain layer with bilingual messages (da/en).

    Subclasses set ``http_status`` (default 422: the request broke a business
    rule), ``code`` (a stable machine code) and ``field``; an instance may set
    ``code`` itself. Errors about several fields override :meth:`details`.
    """

    http_status: int = 422
    code: str = "invalid"
    field: str = ""

    def __init__(self, message_da: str, message_en: str | None = None) -> None:
        self.message_da = message_da
        self.message_en = message_en if message_en is not None else message_da
        super().__init__(self.message_en)

    def __str__(self) -> str:
        return self.message_en

    def message(self, language: str) -> str:
        """The message in ``language`` ("en…" → English, anything else Danish)."""
        return self.message_en if language.startswith("en") else self.message_da

    def details(self) -> list[ErrorDetail]:
        """The problems to list in an error answer (one by default)."""
        return [ErrorDetail(self.field, self.code, self.message_da, self.message_en)]

    def headers(self) -> dict[str, str]:
        """Extra HTTP headers of the answer (e.g. the current ``ETag`` on 412)."""
        return {}
