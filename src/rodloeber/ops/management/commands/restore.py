"""``rodloeber restore PATH`` — see rodloeber.ops.backup and docs/operations.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rodloeber.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore the whole database (SQLite online backup / PostgreSQL pg_dump)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            restore(options["path"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"OK: restore {options['path']}"))
