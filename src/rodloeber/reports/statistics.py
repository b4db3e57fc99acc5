"""All public figures in one place: the page /statistik, its downloads and
``GET /api/v1/statistics`` use :func:`public_figures`, so they agree."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from rodloeber.reports.figures import Scope, case_breakdowns, min_group_size
from rodloeber.reports.figures_land import land_figure, parks_figure
from rodloeber.reports.figures_time import processing_times, quarterly_trend, within_cap
from rodloeber.reports.tables import Figure

SYNTHETIC_NOTE_DA = "Tallene omfatter syntetiske demodata."
SYNTHETIC_NOTE_EN = "The figures include synthetic demo data (syntetiske demodata)."


CACHE_PREFIX = "rodloeber:statistics:v1"


def public_figures(scope: Scope | None = None) -> list[Figure]:
    """Every public figure, suppressed, in page order."""
    return computed_figures(scope)[1]


def computed_figures(scope: Scope | None = None) -> tuple[datetime, list[Figure]]:
    """(when computed, figures), cached for ``RODLOEBER_STATISTICS_CACHE_SECONDS``.

    The public figures are aggregates over every case, permit, park and land
    area (about 30 queries): under load they were the most expensive public
    requests. They are the same for every visitor, so each process computes
    them at most once per interval (default 300 s; 0 switches the cache off,
    as the tests do). The page and the API say when they were computed.
    """
    scope = scope or Scope.default()
    ttl = int(getattr(settings, "RODLOEBER_STATISTICS_CACHE_SECONDS", 0))
    key = f"{CACHE_PREFIX}:{int(scope.include_demo)}:{scope.today.isoformat()}"
    if ttl > 0:
        hit = cache.get(key)
        if hit is not None:
            return hit  # type: ignore[no-any-return]
    result = (timezone.now(), _compute(scope))
    if ttl > 0:
        cache.set(key, result, ttl)
    return result


def _compute(scope: Scope) -> list[Figure]:
    return [
        *case_breakdowns(scope),
        *processing_times(scope),
        within_cap(scope),
        quarterly_trend(scope),
        parks_figure(scope),
        land_figure(scope),
    ]


def figure_by_key(key: str, scope: Scope | None = None) -> Figure | None:
    return next((f for f in public_figures(scope) if f.key == key), None)


def public_payload(scope: Scope | None = None) -> dict[str, Any]:
    """The JSON of ``GET /api/v1/statistics``."""
    scope = scope or Scope.default()
    generated_at, figures = computed_figures(scope)
    synthetic = any(f.synthetic for f in figures)
    return {
        "as_of": scope.today.isoformat(),
        "generated_at": generated_at.isoformat(),
        "min_group_size": min_group_size(),
        "suppression_mark": "–",
        "suppression_note_da": (
            f"Grupper med færre end {min_group_size()} sager vises som – (null i JSON), så "
            "ingen enkelt virksomhed kan genkendes."
        ),
        "suppression_note_en": (
            f"Groups of fewer than {min_group_size()} cases are shown as – (null in JSON) so "
            "that no single company can be identified."
        ),
        "synthetic_included": synthetic,
        "synthetic_note_da": SYNTHETIC_NOTE_DA if synthetic else "",
        "synthetic_note_en": SYNTHETIC_NOTE_EN if synthetic else "",
        "figures": [f.as_json() for f in figures],
    }
