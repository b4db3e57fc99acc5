"""Geodata errors (fejl i geodata) with a stable code and Danish/English messages."""

from __future__ import annotations

from rodloeber.domain.errors import DomainError


class GeodataError(DomainError):
    """A file or geometry that cannot be imported (kan ikke indlæses).

    ``code`` is stable (tests and the API match on it); the messages tell the
    user what is wrong and what to do. In an error answer the problem is the
    submitted ``geometry`` (or the area file holding it).
    """

    field = "geometry"

    def __init__(self, code: str, message_da: str, message_en: str) -> None:
        self.code = code
        super().__init__(message_da, message_en)
