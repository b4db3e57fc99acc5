"""``rodloeber audit verify`` — check the audit hash chain for tampering."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rodloeber.audit.anchoring import anchor
from rodloeber.audit.anchors import anchor_count, anchor_file
from rodloeber.audit.services import verify_chain


class Command(BaseCommand):
    help = (
        "Audit trail tools. 'verify' checks the keyed hash chain, the read-log seals and "
        "the anchors (exit 1 on tampering); 'anchor' seals the read log and appends the "
        "chain head to RODLOEBER_AUDIT_ANCHOR_FILE (run it from cron)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "anchor"])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "anchor":
            line = anchor()
            where = anchor_file() or "the rodloeber.audit.anchor log only"
            self.stdout.write(self.style.SUCCESS(f"OK: anchored event {line['seq']} ({where})."))
            return
        result = verify_chain()
        if result.ok:
            self.stdout.write(
                self.style.SUCCESS(
                    f"OK: {result.checked} audit events, chain intact "
                    f"({anchor_count()} anchors checked)."
                )
            )
            return
        for problem in result.problems:
            self.stderr.write(f"event {problem.seq}: {problem.problem}")
        raise CommandError(
            f"Audit chain broken: {len(result.problems)} problem(s) in {result.checked} events."
        )
