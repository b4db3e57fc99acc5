"""``rodloeber navigate FILE.json`` — the same answer as POST /api/v1/navigator."""

from __future__ import annotations

from rodloeber.checks.management.commands._facts_cli import CheckCommand
from rodloeber.domain.eligibility import CheckResult


class Command(CheckCommand):
    help = "The permits a project needs (PermitSet JSON); exit 2 on invalid facts."

    def part(self, result: CheckResult) -> dict[str, object]:
        return result.permits.to_dict()
