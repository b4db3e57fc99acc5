"""Errors of the cases app (fejl i sagsbehandlingen), each bilingual.

Each class carries its HTTP status (``http_status``, see
:class:`~rodloeber.domain.errors.DomainError`): :class:`CaseError` → 422
(business rule), :class:`NotFound` → 404 (invisible or missing — never 403
with details), :class:`Forbidden` → 403 (visible, but the caller may not do
this; no details), :class:`IllegalTransition` → 409, :class:`StaleVersion` →
412 (with the current ``ETag``), :class:`PreconditionRequired` → 428.
"""

from __future__ import annotations

from rodloeber.domain.errors import DomainError


class CaseError(DomainError):
    """A business rule was broken (422)."""

    def __init__(self, code: str, message_da: str, message_en: str) -> None:
        self.code = code
        super().__init__(message_da, message_en)


class NotFound(CaseError):
    """The object does not exist or the caller may not see it (404)."""

    http_status = 404

    def __init__(self) -> None:
        super().__init__("not_found", "Findes ikke.", "Not found.")


class Forbidden(CaseError):
    """The caller sees the object but may not perform the action (403)."""

    http_status = 403

    def __init__(self) -> None:
        super().__init__(
            "forbidden",
            "Du har ikke adgang til denne handling.",
            "You may not perform this action.",
        )


class IllegalTransition(CaseError):
    """The object's state does not allow the action (409)."""

    http_status = 409

    def __init__(self, current: str, action: str) -> None:
        super().__init__(
            "illegal_transition",
            f"Handlingen '{action}' er ikke mulig, når status er '{current}'.",
            f"The action '{action}' is not possible in status '{current}'.",
        )
        self.current = current


class StaleVersion(CaseError):
    """``If-Match`` names an old version (412)."""

    http_status = 412

    def __init__(self, current: int) -> None:
        super().__init__(
            "stale_version",
            f"Milepælen er ændret af en anden (aktuel version {current}). Hent den igen.",
            f"The milestone was changed by someone else (current version {current}). Reload it.",
        )
        self.current = current

    def headers(self) -> dict[str, str]:
        return {"ETag": f'"{self.current}"'}


class PreconditionRequired(CaseError):
    """``If-Match`` is missing (428)."""

    http_status = 428

    def __init__(self) -> None:
        super().__init__(
            "if_match_required",
            "Angiv versionen i headeren If-Match.",
            "Send the version in the If-Match header.",
        )
