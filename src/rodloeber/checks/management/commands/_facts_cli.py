"""Shared plumbing for the CLI twins of the public API (same JSON out)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rodloeber.checks.computation import run_check
from rodloeber.domain.eligibility import CheckResult
from rodloeber.domain.errors import DomainError
from rodloeber.domain.facts import FactsError
from rodloeber.domain.legal_citations import english_pairs


def add_common_arguments(parser: CommandParser) -> None:
    parser.add_argument("file", help="ProjectFacts JSON file (docs/api.md), or - for stdin")
    parser.add_argument(
        "--lang", choices=["da", "en"], default="da", help="language of error messages"
    )


def read_json(path: str) -> Any:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}"
        ) from exc


def domain_error_message(exc: DomainError, lang: str) -> str:
    """One line per field for FactsError; the message otherwise."""
    english = lang == "en"
    if isinstance(exc, FactsError):
        lines = [exc.message_en if english else exc.message_da]
        for err in exc.errors:
            lines.append(
                f"  {err.field or '(root)'}: {err.message_en if english else err.message_da}"
            )
        return "\n".join(lines)
    return exc.message_en if english else exc.message_da


def dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


class CheckCommand(BaseCommand):
    """Read ProjectFacts, run the check and print one part of the answer as JSON."""

    def part(self, result: CheckResult) -> dict[str, object]:
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        add_common_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        data = read_json(options["file"])
        try:
            result = run_check(data).result  # criterion C from the parks, as everywhere
        except DomainError as exc:
            raise CommandError(domain_error_message(exc, options["lang"]), returncode=2) from exc
        # the same bilingual pairs as the API (legal_basis_en beside legal_basis)
        self.stdout.write(dump(english_pairs(self.part(result))))
