"""``rodloeber eligibility FILE.json`` — the same answer as POST /api/v1/eligibility."""

from __future__ import annotations

from rodloeber.checks.management.commands._facts_cli import CheckCommand
from rodloeber.domain.eligibility import CheckResult


class Command(CheckCommand):
    help = "Eligibility for Én indgang and the binding cap, as JSON (exit 2 on invalid facts)."

    def part(self, result: CheckResult) -> dict[str, object]:
        return result.eligibility.to_dict()
