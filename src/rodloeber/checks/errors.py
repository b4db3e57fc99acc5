"""Errors raised by the checks services, with Danish and English messages."""

from __future__ import annotations


class CheckError(Exception):
    def __init__(self, code: str, message_da: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code = code
        self.message_da = message_da
        self.message_en = message_en

    def message(self, language: str) -> str:
        return self.message_en if language.startswith("en") else self.message_da
