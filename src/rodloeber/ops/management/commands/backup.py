"""``rodloeber backup PATH`` — see rodloeber.ops.backup and docs/operations.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rodloeber.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write one archive (tar) with the database (SQLite online backup / PostgreSQL "
        "pg_dump), the uploaded files, the built layers and a manifest of SHA-256 checksums."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup(options["path"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["database"]["row_counts"].values())
        files = len(manifest["files"]) - 1
        self.stdout.write(
            self.style.SUCCESS(f"OK: backup {options['path']} ({rows} rows, {files} files)")
        )
