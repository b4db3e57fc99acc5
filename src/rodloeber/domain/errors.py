"""Domain error base class (fejl i domænelaget).

Every error raised by the framework-free domain layer derives from
:class:`DomainError` and carries a Danish and an English message so that the
web, API and CLI layers can show the user's language without translating.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base error of the domain layer with bilingual messages (da/en)."""

    def __init__(self, message_da: str, message_en: str | None = None) -> None:
        self.message_da = message_da
        self.message_en = message_en if message_en is not None else message_da
        super().__init__(self.message_en)

    def __str__(self) -> str:
        return self.message_en
