"""``rodloeber restore PATH`` — see rodloeber.ops.backup and docs/operations.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rodloeber.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore an archive written by `rodloeber backup`: checks every checksum of its "
        "manifest first, then replaces the database, the uploaded files and the layers."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = restore(options["path"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for table, (expected, found) in sorted(result["row_counts"].items()):
            self.stderr.write(f"row count differs: {table}: backup {expected}, now {found}")
        self.stdout.write(self.style.SUCCESS(f"OK: restore {options['path']}"))
        self.stdout.write("Next: rodloeber audit verify")
