"""``rodloeber navigate FILE.json`` — the same answer as POST /api/v1/navigator."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rodloeber.accounts.reference import kommune_names
from rodloeber.api.management.commands._facts_cli import (
    add_common_arguments,
    domain_error_message,
    dump,
    read_json,
)
from rodloeber.domain.eligibility import check_project
from rodloeber.domain.errors import DomainError


class Command(BaseCommand):
    help = "The permits a project needs (PermitSet JSON); exit 2 on invalid facts."

    def add_arguments(self, parser: CommandParser) -> None:
        add_common_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        data = read_json(options["file"])
        try:
            result = check_project(data, kommune_names=kommune_names())
        except DomainError as exc:
            raise CommandError(domain_error_message(exc, options["lang"]), returncode=2) from exc
        self.stdout.write(dump(result.permits.to_dict()))
