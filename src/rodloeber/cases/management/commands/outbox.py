"""``rodloeber outbox work [--once]`` and ``rodloeber outbox digest`` (udbakke)."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from rodloeber.cases.outbox import digest, work


class Command(BaseCommand):
    help = (
        "Deliver queued notifications (e-mail and in-app) with retries, or queue the "
        "digest of upcoming deadlines."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["work", "digest"])
        parser.add_argument("--once", action="store_true", help="one pass, then exit")
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between passes")
        parser.add_argument("--days", type=int, default=14, help="digest horizon in days")
        parser.add_argument("--date", type=date.fromisoformat, help="digest date (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "digest":
            n = digest(today=options["date"] or timezone.localdate(), days=options["days"])
            self.stdout.write(f"Digest: {n} notifications queued.")
            return
        while True:
            result = work()
            if result.sent or result.failed or result.dead or options["once"]:
                self.stdout.write(
                    f"Outbox: {result.sent} sent, {result.failed} to retry, {result.dead} given up."
                )
            if options["once"]:
                return
            time.sleep(options["interval"])
