"""``rodloeber plan FILE.json --clock-start YYYY-MM-DD [--format json|svg|ics]``.

JSON is the same answer as POST /api/v1/plans/preview; ``svg`` prints the
accessible Gantt chart and ``ics`` an iCalendar file of the milestones.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rodloeber.checks.computation import run_plan_preview
from rodloeber.checks.management.commands._facts_cli import (
    add_common_arguments,
    domain_error_message,
    dump,
    read_json,
)
from rodloeber.core.gantt import gantt_stylesheet
from rodloeber.domain.errors import DomainError
from rodloeber.domain.legal_citations import english_pairs
from rodloeber.domain.planning import plan_to_ics, render_gantt_svg


def _date(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise CommandError(f"--clock-start must be YYYY-MM-DD, not {raw!r}") from None


class Command(BaseCommand):
    help = "A combined process plan from ProjectFacts: JSON (default), SVG Gantt or iCalendar."

    def add_arguments(self, parser: CommandParser) -> None:
        add_common_arguments(parser)
        parser.add_argument("--clock-start", required=True, type=_date, help="YYYY-MM-DD")
        parser.add_argument("--format", choices=["json", "svg", "ics"], default="json")
        parser.add_argument("--samples", type=int, default=10_000, help="Monte Carlo samples")

    def handle(self, *args: Any, **options: Any) -> None:
        data = read_json(options["file"])
        try:
            preview = run_plan_preview(
                data, clock_start=options["clock_start"], n_samples=max(0, options["samples"])
            )
        except DomainError as exc:
            raise CommandError(domain_error_message(exc, options["lang"]), returncode=2) from exc
        fmt, lang = options["format"], options["lang"]
        if fmt == "svg":
            # A standalone file: it carries the chart's stylesheet (rodloeber/gantt.css).
            self.stdout.write(
                render_gantt_svg(preview.plan, lang=lang, stylesheet=gantt_stylesheet())
            )
        elif fmt == "ics":
            self.stdout.write(plan_to_ics(preview.plan, lang=lang), ending="")
        else:
            self.stdout.write(dump(english_pairs(preview.to_dict())))
