"""Errors raised by the checks services, with Danish and English messages."""

from __future__ import annotations

from rodloeber.domain.errors import DomainError


class CheckError(DomainError):
    """A refused request (422 unless a subclass says otherwise), with a stable code."""

    def __init__(self, code: str, message_da: str, message_en: str) -> None:
        self.code = code
        super().__init__(message_da, message_en)
