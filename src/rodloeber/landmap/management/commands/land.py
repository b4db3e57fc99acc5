"""``rodloeber land import FILE --kommune 0561`` — import business land for one municipality."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rodloeber.domain.errors import DomainError
from rodloeber.landmap.importing import land_import


class Command(BaseCommand):
    help = (
        "Import Plandata kommuneplanrammer (GeoJSON/GML) or a municipal vacant-land list "
        "(CSV/XLSX/GeoJSON, see docs/land-template.md) into one municipality; prints the report."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["import"])
        parser.add_argument("file", type=Path)
        parser.add_argument("--kommune", required=True, help="4-digit kommunekode, e.g. 0561")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        komnr = str(options["kommune"]).zfill(4)
        if not komnr.isdigit() or len(komnr) != 4:
            raise CommandError("--kommune must be a 4-digit code / skal være en kommunekode")
        try:
            report = land_import(actor=None, komnr=komnr, path=options["file"])
        except DomainError as exc:
            raise CommandError(f"{exc.message_da}\n{exc.message_en}") from exc
        except OSError as exc:
            raise CommandError(f"Filen kan ikke læses / cannot read the file: {exc}") from exc
        summary = report.summary()
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{summary['added']} added, {summary['updated']} updated, "
            f"{summary['rejected']} rejected (kommune {komnr})."
        )
        for row in report.rejected:
            self.stdout.write(f"  row {row['row']} {row['id']}: {row['reason_en']}")
