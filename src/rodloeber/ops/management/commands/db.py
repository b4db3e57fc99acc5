"""``rodloeber db harden-audit --role APP_ROLE`` — see rodloeber.ops.dbroles and
docs/operations.md (owner role vs app role)."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rodloeber.ops.dbroles import HardenError, audit_harden


class Command(BaseCommand):
    help = "Database hardening: harden-audit (PostgreSQL; run as the owner/migration role)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        harden = sub.add_parser(
            "harden-audit",
            help="app role: only SELECT/INSERT on audit events, UPDATE only on the chain head",
        )
        harden.add_argument(
            "--role",
            default=os.environ.get("RODLOEBER_APP_DB_ROLE", ""),
            help="the role the app logs in with (default: $RODLOEBER_APP_DB_ROLE)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = audit_harden(actor_label="cli", role=options["role"])
        except HardenError as exc:
            raise CommandError(f"{exc.message_da}\n{exc.message_en}") from exc
        for table, privileges in result.after.items():
            self.stdout.write(f"{result.role} on {table}: {', '.join(privileges) or '-'}")
        state = "changed" if result.changed else "already hardened"
        self.stdout.write(self.style.SUCCESS(f"OK: audit tables hardened ({state})."))
