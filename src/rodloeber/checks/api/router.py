"""Eligibility, permit navigator and plan preview (public, no login).

Nothing is stored: these endpoints compute an explained answer from the
facts given. Each answer carries the catalogue version it was computed with.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Router

from rodloeber.accounts.reference import kommune_names
from rodloeber.checks.api.schemas import (
    EligibilityOut,
    PermitSetOut,
    PlanOut,
    PlanPreviewIn,
    ProjectFactsIn,
)
from rodloeber.checks.parks import apply_park_fact
from rodloeber.domain.eligibility import check_project
from rodloeber.domain.errors import DomainError
from rodloeber.domain.plan_preview import preview_plan

router = Router(tags=["check"])


def _facts(payload: ProjectFactsIn) -> dict[str, Any]:
    """The facts, with ``site.in_industrial_park`` derived from the designated
    industrial parks when ``site.point`` lies in one (criterion C, as on /tjek)."""
    facts = payload.model_dump(exclude_unset=True)
    apply_park_fact(facts)
    return facts


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
    result = check_project(_facts(payload), kommune_names=kommune_names())
    return result.eligibility.to_dict()


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
    result = check_project(_facts(payload), kommune_names=kommune_names())
    return result.permits.to_dict()


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
    preview = preview_plan(
        payload.facts.model_dump(exclude_unset=True),
        clock_start=parse_clock_start(payload.clock_start),
        kommune_names=kommune_names(),
        n_samples=payload.n_samples,
    )
    return preview.to_dict()
