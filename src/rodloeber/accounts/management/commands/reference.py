"""``rodloeber reference load`` — load the municipalities and state authorities."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rodloeber.accounts.services import reference_authorities_load


class Command(BaseCommand):
    help = "Load reference organisations: 98 municipalities (DAGI) and the state authorities."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["load"])

    def handle(self, *args: Any, **options: Any) -> None:
        result = reference_authorities_load(actor=None)
        self.stdout.write(
            f"Reference authorities: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )
