"""``rodloeber parks_sunset --days 180`` — parks whose state area reservation
(statslig arealreservation) expires within N days and still have no lokalplan."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rodloeber.parks.lifecycle import parks_near_sunset


class Command(BaseCommand):
    help = "List industrial parks within N days of the five-year sunset (no local plan yet)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=180)

    def handle(self, *args: Any, **options: Any) -> None:
        parks = list(parks_near_sunset(options["days"]))
        for park in parks:
            app = park.application
            self.stdout.write(
                f"{park.sunset_on.isoformat()}  {app.lead_municipality.name:<24} {app.name}"
            )
        self.stdout.write(f"{len(parks)} park(s) within {options['days']} days of sunset.")
