"""Errors of the planning engine (fejl i procesplanlægningen).

Every error carries a Danish and an English message (``message_da`` /
``message_en``) through :class:`rodloeber.domain.errors.DomainError`, so the
API, the web pages and the CLI can show the user's language.
"""

from __future__ import annotations

from collections.abc import Sequence

from rodloeber.domain.errors import DomainError


class PlanningError(DomainError):
    """Base error of the planning engine (fejl i procesplanen)."""


class CycleError(PlanningError):
    """The permits' dependencies form a cycle (cirkulær afhængighed)."""

    def __init__(self, cycle: Sequence[str]) -> None:
        self.cycle = tuple(cycle)
        chain = " → ".join(self.cycle)
        super().__init__(
            f"Tilladelsernes rækkefølge er cirkulær: {chain}.",
            f"The permits' dependencies form a cycle: {chain}.",
        )


class MissingPrerequisiteError(PlanningError):
    """A permit depends on a permit that is not in the plan (manglende forudsætning)."""

    def __init__(self, code: str, missing: Sequence[str]) -> None:
        self.code = code
        self.missing = tuple(missing)
        names = ", ".join(self.missing)
        super().__init__(
            f"Tilladelsen '{code}' forudsætter {names}, som ikke er med i planen.",
            f"Permit '{code}' depends on {names}, which is not in the plan.",
        )


class DuplicatePermitError(PlanningError):
    """The same permit code appears twice (dublet)."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(
            f"Tilladelsen '{code}' optræder mere end én gang.",
            f"Permit '{code}' appears more than once.",
        )


class InvalidDurationError(PlanningError):
    """A duration range or milestone template is not valid (ugyldig varighed)."""


class InvalidPauseError(PlanningError):
    """A pause is not valid, e.g. an unknown reason code (ugyldig pause)."""


class ExtensionError(PlanningError):
    """A deadline extension breaks the regime's rules (ugyldig fristforlængelse)."""


class InvalidUpdateError(PlanningError):
    """A milestone update refers to an unknown permit or milestone (ugyldig opdatering)."""
