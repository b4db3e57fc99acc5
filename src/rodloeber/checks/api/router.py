"""Eligibility, permit navigator and plan preview (public, no login).

Nothing is stored: these endpoints compute an explained answer from the
facts given. Each answer carries the catalogue version it was computed with.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Router

from rodloeber.checks.api.schemas import (
    EligibilityOut,
    PermitSetOut,
    PlanOut,
    PlanPreviewIn,
    ProjectFactsIn,
)
from rodloeber.checks.computation import run_check, run_plan_preview
from rodloeber.domain.errors import DomainError
from rodloeber.domain.legal_citations import english_pairs

router = Router(tags=["check"])


def _facts(payload: ProjectFactsIn) -> dict[str, Any]:
    """The facts as sent; :func:`run_check` derives criterion C from the
    designated industrial parks, as on /tjek."""
    return payload.model_dump(exclude_unset=True)


@router.post(
    "/eligibility",
    auth=None,
    response=EligibilityOut,
    summary="Is the project eligible for Én indgang, and which cap binds?",
    operation_id="eligibility",
)
def eligibility(request: HttpRequest, payload: ProjectFactsIn) -> dict[str, Any]:
    """Criteria A, B1, B2 and C with reasons and legal basis, and the binding cap
    among every regime considered (L 206, NZIA, CRMA). B2 follows from the
    permit navigator. Unknown facts are stated as assumptions. When
    ``site.point`` lies in an industrial park designated under § 13 of the
    Planning Act, criterion C follows from that park: met once its lokalplan
    is adopted, not yet met before (companies cannot settle before a lokalplan)."""
    return english_pairs(run_check(_facts(payload)).result.eligibility.to_dict())


@router.post(
    "/navigator",
    auth=None,
    response=PermitSetOut,
    summary="Which permits does the project need, from which authority?",
    operation_id="navigator",
)
def navigator(request: HttpRequest, payload: ProjectFactsIn) -> dict[str, Any]:
    """Each permit with its competent authority, legal basis, service target,
    dependencies, certainty (required / possible) and why."""
    return english_pairs(run_check(_facts(payload)).result.permits.to_dict())


class ClockStartError(DomainError):
    pass


def parse_clock_start(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ClockStartError(
            f"clock_start skal være en dato (ÅÅÅÅ-MM-DD), ikke {raw[:20]!r}.",
            f"clock_start must be a date (YYYY-MM-DD), not {raw[:20]!r}.",
        ) from None


@router.post(
    "/plans/preview",
    auth=None,
    response=PlanOut,
    summary="A combined process plan with milestones, critical path and cap risk",
    operation_id="plan_preview",
)
def plan_preview(request: HttpRequest, payload: PlanPreviewIn) -> dict[str, Any]:
    """Schedules every permit the navigator lists from ``clock_start`` (the
    completeness acknowledgement), measures it against the binding cap, and
    estimates P(within cap) by Monte Carlo over the duration ranges."""
    preview = run_plan_preview(
        payload.facts.model_dump(exclude_unset=True),
        clock_start=parse_clock_start(payload.clock_start),
        n_samples=payload.n_samples,
    )
    return english_pairs(preview.to_dict())
