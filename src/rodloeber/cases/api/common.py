"""Shared pieces of the case routers: today's date in the site's time zone."""

from __future__ import annotations

from datetime import date

from django.utils import timezone


def today() -> date:
    return timezone.localdate()
