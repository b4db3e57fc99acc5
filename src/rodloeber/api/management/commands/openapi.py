"""``rodloeber openapi [--write | --check]`` — the committed OpenAPI schema."""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rodloeber.api.api import api

SCHEMA_PATH = Path(settings.PROJECT_ROOT) / "docs" / "api" / "openapi.json"


def current_schema() -> str:
    return json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


class Command(BaseCommand):
    help = "Print, write (--write) or check (--check) docs/api/openapi.json."

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--write", action="store_true")
        group.add_argument("--check", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        schema = current_schema()
        if options["write"]:
            SCHEMA_PATH.parent.mkdir(parents=True, exist_ok=True)
            SCHEMA_PATH.write_text(schema, encoding="utf-8")
            self.stdout.write(f"Wrote {SCHEMA_PATH}")
        elif options["check"]:
            committed = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
            if committed != schema:
                diff = "".join(
                    difflib.unified_diff(
                        committed.splitlines(True), schema.splitlines(True), "committed", "current"
                    )
                )
                self.stderr.write(diff[:5000])
                raise CommandError(
                    "docs/api/openapi.json is out of date: run `rodloeber openapi --write` "
                    "and commit it."
                )
            self.stdout.write("OpenAPI schema matches docs/api/openapi.json.")
        else:
            self.stdout.write(schema)
