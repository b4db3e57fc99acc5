"""``rodloeber parks_rescreen`` — screen submitted applications again when the
reference layers changed (a new report is stored; older ones are kept)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rodloeber.parks.models import ApplicationStatus, ParkApplication
from rodloeber.parks.services import application_rescreen


class Command(BaseCommand):
    help = "Re-screen submitted industrial park applications whose layer versions changed."

    def handle(self, *args: Any, **options: Any) -> None:
        changed = 0
        apps = ParkApplication.objects.exclude(status=ApplicationStatus.DRAFT)
        for app in apps:
            if application_rescreen(actor=None, application=app) is not None:
                changed += 1
        self.stdout.write(f"{changed} of {apps.count()} application(s) re-screened.")
