"""``rodloeber audit verify`` — check the audit hash chain for tampering."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rodloeber.audit.services import verify_chain


class Command(BaseCommand):
    help = "Audit trail tools. 'verify' checks the hash chain (exit 1 on tampering)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify_chain()
        if result.ok:
            self.stdout.write(
                self.style.SUCCESS(f"OK: {result.checked} audit events, chain intact.")
            )
            return
        for problem in result.problems:
            self.stderr.write(f"event {problem.seq}: {problem.problem}")
        raise CommandError(
            f"Audit chain broken: {len(result.problems)} problem(s) in {result.checked} events."
        )
