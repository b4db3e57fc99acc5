"""``rodloeber demo load`` — synthetic demo data (only in demo mode)."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rodloeber.accounts.demo import demo_load, demo_logins
from rodloeber.accounts.services import reference_authorities_load
from rodloeber.cases.demo import cases_demo_load
from rodloeber.landmap.demo import landmap_demo_load
from rodloeber.parks.demo import parks_demo_load


class Command(BaseCommand):
    help = (
        "Load synthetic demo data (companies and one user per role), clearly labelled as demo. "
        "Refused unless RODLOEBER_DEMO_MODE is on."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["load", "logins"])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "logins":
            self._print_logins()
            return
        if not settings.RODLOEBER_DEMO_MODE:
            raise CommandError(
                "Demo data is only allowed in demo mode (set RODLOEBER_DEMO_MODE=1). "
                "Demodata kan kun indlæses i demotilstand."
            )
        reference_authorities_load(actor=None)
        result = demo_load()
        cases_created = cases_demo_load()
        self.stdout.write(
            f"Demo data (synthetic): {result.companies_created} companies and "
            f"{result.users_created} users created; {cases_created} demo cases created."
        )
        landmap_demo_load()
        parks_demo_load()
        self._print_logins()

    def _print_logins(self) -> None:
        # `make run` passes the address runserver will listen on (HOST, PORT)
        base = os.environ.get("RODLOEBER_SERVER_URL", "http://127.0.0.1:8000").rstrip("/")
        self.stdout.write(f"\nDemo log-ins (syntetiske demobrugere) at {base}/konto/log-ind")
        for login in demo_logins():
            self.stdout.write(
                f"  {login['username']:<20} {login['password']:<22} {login['role_label']}"
            )
