"""``rodloeber outbox work [--once | --forever]`` and ``rodloeber outbox digest`` (udbakke)."""

from __future__ import annotations

import signal
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from rodloeber.cases.outbox import digest
from rodloeber.cases.worker import run


class Command(BaseCommand):
    help = (
        "Deliver queued notifications (e-mail and in-app) with retries, or queue the "
        "digest of upcoming deadlines."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["work", "digest"])
        parser.add_argument("--once", action="store_true", help="one pass, then exit")
        parser.add_argument(
            "--forever",
            action="store_true",
            help="long-lived worker: survives failures with backoff, queues the daily digest",
        )
        parser.add_argument(
            "--max-backoff", type=float, default=300.0, help="longest wait after failures (s)"
        )
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between passes")
        parser.add_argument("--days", type=int, default=14, help="digest horizon in days")
        parser.add_argument("--date", type=date.fromisoformat, help="digest date (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "digest":
            n = digest(today=options["date"] or timezone.localdate(), days=options["days"])
            self.stdout.write(f"Digest: {n} notifications queued.")
            return
        stopping = {"now": False}

        def stop(*_args: Any) -> None:
            stopping["now"] = True

        if options["forever"]:
            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)
            self.stdout.write("Outbox worker running (Ctrl+C or SIGTERM stops it).")
        state = run(
            forever=options["forever"] or not options["once"],
            interval=options["interval"],
            max_backoff=options["max_backoff"],
            stop=lambda: stopping["now"],
        )
        self.stdout.write(f"Outbox: {state.sent} sent in {state.passes} pass(es).")
