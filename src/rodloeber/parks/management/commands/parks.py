"""``rodloeber parks remind [--days 365,180,90,30] [--dry-run] [--today YYYY-MM-DD]``.

E-mails the park's contact and the applying municipalities' planners before the
five-year sunset of a park whose lokalplan is not yet adopted. Idempotent (one
reminder per park, sunset date and threshold); one audit event per reminder.
Schedule it daily (docs/operations.md).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from rodloeber.parks.reminders import (
    DEFAULT_THRESHOLDS,
    due_reminders,
    parse_thresholds,
    send_reminder,
)


class Command(BaseCommand):
    help = "Industrial parks: 'remind' e-mails parks near the five-year sunset (no lokalplan)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        remind = sub.add_parser("remind", help="send sunset reminders that are due")
        remind.add_argument(
            "--days",
            default=",".join(str(d) for d in DEFAULT_THRESHOLDS),
            help="thresholds in days before the sunset (default 365,180,90,30)",
        )
        remind.add_argument("--dry-run", action="store_true", help="list, send nothing")
        remind.add_argument("--today", default="", help="pretend today is YYYY-MM-DD (testing)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            thresholds = parse_thresholds(options["days"])
            today = date.fromisoformat(options["today"]) if options["today"] else None
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        today = today or timezone.localdate()
        due = due_reminders(thresholds, today)
        verb = "would send" if options["dry_run"] else "sent"
        sent = failed = 0
        for n, item in enumerate(due, start=1):
            park = item.park
            line = (
                f"[{n}/{len(due)}] {park.sunset_on.isoformat()} ({item.days_left:+d} d, "
                f"threshold {item.threshold}) {park.application.name}: "
                f"{', '.join(item.recipients) or 'no recipients'}"
            )
            if options["dry_run"]:
                self.stdout.write(f"{line} — dry run")
                continue
            try:
                send_reminder(item, today)
                sent += 1
                self.stdout.write(f"{line} — sent")
            except Exception as exc:  # one failing mail server answer must not stop the rest
                failed += 1
                self.stderr.write(f"{line} — FAILED: {type(exc).__name__}: {exc}")
        count = len(due) if options["dry_run"] else sent
        self.stdout.write(
            f"{count} reminder(s) {verb}, {failed} failed; thresholds "
            f"{','.join(map(str, thresholds))} days; today {today.isoformat()}."
        )
        if failed:
            raise CommandError(
                f"{failed} reminder(s) could not be sent; they are retried next run."
            )
