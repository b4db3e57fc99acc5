"""All public figures in one place: the page /statistik, its downloads and
``GET /api/v1/statistics`` use :func:`public_figures`, so they agree."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from rodloeber.reports.figures import Scope, case_breakdowns, min_group_size
from rodloeber.reports.figures_land import land_figure, parks_figure
from rodloeber.reports.figures_time import processing_times, quarterly_trend, within_cap
from rodloeber.reports.tables import Figure

SYNTHETIC_NOTE_DA = "Tallene omfatter syntetiske demodata."
SYNTHETIC_NOTE_EN = "The figures include synthetic demo data (syntetiske demodata)."


def public_figures(scope: Scope | None = None) -> list[Figure]:
    """Every public figure, suppressed, in page order."""
    scope = scope or Scope.default()
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
    figures = public_figures(scope)
    synthetic = any(f.synthetic for f in figures)
    return {
        "as_of": scope.today.isoformat(),
        "generated_at": timezone.now().isoformat(),
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
