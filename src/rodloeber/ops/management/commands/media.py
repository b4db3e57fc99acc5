"""``rodloeber media check [--delete] [--min-age MINUTES]`` — see rodloeber.ops.media."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rodloeber.ops.media import media_check, media_delete_orphans


class Command(BaseCommand):
    help = (
        "Uploaded files against their rows: list files with no row (orphans, e.g. staged by a "
        "process killed mid-upload), staged files whose row committed but which were never "
        "moved into place (stranded), and rows whose file is missing; --delete removes orphans "
        "and moves stranded files into place, both when older than --min-age minutes. "
        "Exit 1 when files are missing or stranded files are left."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["check"])
        parser.add_argument("--delete", action="store_true", help="delete the orphans")
        parser.add_argument("--min-age", type=int, default=60, help="minutes (default 60)")

    def handle(self, *args: Any, **options: Any) -> None:
        age = max(options["min_age"], 0) * 60
        report = media_delete_orphans(age) if options["delete"] else media_check(age)
        for name in report.orphans:
            self.stdout.write(f"{'deleted' if options['delete'] else 'orphan'}: {name}")
        for name in report.young_orphans:
            self.stdout.write(f"orphan (younger than --min-age, kept): {name}")
        verb = "moved into place" if options["delete"] else "stranded (row committed)"
        for staged, name in report.stranded:
            self.stdout.write(f"{verb}: {staged} -> {name}")
        for staged, name in report.young_stranded:
            self.stdout.write(f"stranded (younger than --min-age, kept): {staged} -> {name}")
        for name in report.missing:
            self.stderr.write(f"missing file: {name}")
        self.stdout.write(
            f"{report.referenced} files referenced, {len(report.orphans)} orphans"
            f"{' deleted' if options['delete'] else ''}, {len(report.young_orphans)} recent, "
            f"{len(report.stranded) + len(report.young_stranded)} stranded, "
            f"{len(report.missing)} missing."
        )
        if report.missing:
            raise CommandError(f"{len(report.missing)} file(s) missing: downloads would fail.")
        left = len(report.young_stranded) + (0 if options["delete"] else len(report.stranded))
        if left:
            raise CommandError(
                f"{left} stranded file(s): downloads fail until `media check --delete` "
                "moves them into place."
            )
