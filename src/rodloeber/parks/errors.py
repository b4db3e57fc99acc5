"""Errors of the parks app (fejl), each bilingual.

Each class carries its HTTP status (``http_status``): :class:`NotFound` → 404
(invisible or missing), :class:`Forbidden` → 403, :class:`IllegalTransition` →
409 and any other :class:`ParkError` → 422.
"""

from __future__ import annotations

from rodloeber.domain.errors import DomainError


class ParkError(DomainError):
    def __init__(self, code: str, message_da: str, message_en: str) -> None:
        self.code = code
        super().__init__(message_da, message_en)


class NotFound(ParkError):
    http_status = 404

    def __init__(self) -> None:
        super().__init__("not_found", "Findes ikke.", "Not found.")


class Forbidden(ParkError):
    http_status = 403

    def __init__(self) -> None:
        super().__init__(
            "forbidden",
            "Du har ikke adgang til denne handling.",
            "You may not perform this action.",
        )


class IllegalTransition(ParkError):
    http_status = 409

    def __init__(self, current: str, action: str) -> None:
        super().__init__(
            "illegal_transition",
            f"Handlingen '{action}' er ikke mulig, når status er '{current}'.",
            f"The action '{action}' is not possible in status '{current}'.",
        )
