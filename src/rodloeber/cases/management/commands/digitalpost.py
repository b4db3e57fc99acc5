"""``rodloeber digitalpost list [--limit N]`` and ``rodloeber digitalpost show <receipt>``:
read what the FAKE Digital Post adapter "sent" (letters written to a folder).
With a real provider configured there is nothing local to show."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rodloeber.core.digital_post import FAKE_LABEL, fake_sender, is_fake


class Command(BaseCommand):
    help = "List or show the letters the fake Digital Post adapter wrote (nothing is sent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["list", "show"])
        parser.add_argument("receipt", nargs="?", default="", help="receipt id (show)")
        parser.add_argument("--limit", type=int, default=20, help="newest letters to list")

    def handle(self, *args: Any, **options: Any) -> None:
        if not is_fake():
            raise CommandError(
                "A real Digital Post provider is configured (RODLOEBER_DIGITAL_POST_BACKEND): "
                "its receipts are in the outbox (Outbox.receipt), not in a local folder."
            )
        sender = fake_sender()
        self.stdout.write(f"{FAKE_LABEL}: {sender.root}")
        if options["action"] == "list":
            letters = sender.letters(limit=max(1, min(options["limit"], 500)))
            if not letters:
                self.stdout.write("No letters written yet.")
            for letter in letters:
                recipient = letter["recipient"]
                who = recipient["number"] if isinstance(recipient, dict) else recipient
                self.stdout.write(
                    f"{letter['written_at']}  {letter['receipt']}  {who}  {letter['subject']}"
                )
            return
        receipt = str(options["receipt"])
        path = sender.root / receipt / "letter.json"
        if not receipt or "/" in receipt or ".." in receipt or not path.is_file():
            raise CommandError(f"No letter with receipt {receipt!r} in {sender.root}.")
        self.stdout.write(
            json.dumps(json.loads(path.read_text("utf-8")), ensure_ascii=False, indent=2)
        )
