"""Bilingual errors of the land map (fejl)."""

from __future__ import annotations

from rodloeber.domain.errors import DomainError


class LandPermissionError(DomainError):
    """The user may not edit this municipality's business areas."""


def not_your_municipality() -> LandPermissionError:
    return LandPermissionError(
        "Du kan kun redigere erhvervsarealer i din egen kommune.",
        "You can only edit business areas in your own municipality.",
    )


def no_capability() -> LandPermissionError:
    return LandPermissionError(
        "Din rolle må ikke redigere erhvervsarealer (kræver kommunal planlægger).",
        "Your role may not edit business areas (requires municipal planner).",
    )
