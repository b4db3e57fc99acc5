"""``rodloeber budget seed|show`` — load the agreement's Tabel 1 (idempotent;
the data migration ``reports.0002_seed_budget`` already does this) and print it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rodloeber.reports.services import budget_seed
from rodloeber.reports.variance import totals, variance_rows, years


class Command(BaseCommand):
    help = "Seed (idempotent) or show the agreement's budget, Tabel 1 (DKK million)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["seed", "show"])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "seed":
            changed = budget_seed(actor=None)
            self.stdout.write(f"Budget (Tabel 1): {changed} row(s) created or updated.")
            return
        rows = variance_rows()
        ys = years()
        self.stdout.write(f"{'line':<40}" + "".join(f"{y:>8}" for y in ys))
        for row in rows:
            name = "  " * row.line.level + row.line.code
            self.stdout.write(
                f"{name:<40}" + "".join(f"{row.cells[y].allocated:>8.1f}" for y in ys)
            )
        total = totals(rows)
        self.stdout.write(f"{'I alt':<40}" + "".join(f"{total[y].allocated:>8.1f}" for y in ys))
