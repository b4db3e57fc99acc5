"""The one check computation (tjekberegningen) every entry point uses.

``/tjek``, ``POST /api/v1/eligibility``, ``POST /api/v1/navigator``, the plan
preview (page and API), the CLI (``eligibility``, ``navigate``, ``plan``),
saved checks, case intake (submit) and the completeness acknowledgement all
call :func:`run_check`. It

1. copies the facts (the caller's mapping is never changed),
2. derives criterion C (``site.in_industrial_park``) from the industrial parks
   designated under § 13 of the Planning Act when ``site.point`` lies in one
   (:func:`rodloeber.checks.parks.apply_park_fact`), and
3. runs the framework-free domain check
   (:func:`rodloeber.domain.eligibility.check_project`) with the official
   municipality names.

So the same facts get the same explained answer wherever they are entered.
Invalid facts raise :class:`rodloeber.domain.facts.FactsError`.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings

from rodloeber.accounts.reference import kommune_names
from rodloeber.checks.parks import ParkMatch, apply_park_fact
from rodloeber.domain.catalogue import Catalogue
from rodloeber.domain.eligibility import CheckResult, check_project
from rodloeber.domain.plan_preview import DEFAULT_FIT_PERCENTILE, PlanPreview, preview_plan

__all__ = ["CheckRun", "checked_facts", "run_check", "run_plan_preview"]


@dataclass(frozen=True)
class CheckRun:
    """The facts as checked (criterion C derived), the result and the park match."""

    facts: Any
    result: CheckResult
    park_match: ParkMatch | None

    def to_dict(self) -> dict[str, object]:
        """``CheckResult`` JSON: ``{"eligibility": ..., "navigator": ...}``."""
        return self.result.to_dict()


def checked_facts(facts: Any) -> tuple[Any, ParkMatch | None]:
    """A copy of ``facts`` with criterion C derived from the designated parks."""
    if not isinstance(facts, Mapping):
        return facts, None  # not an object: the domain parser answers per field
    data = copy.deepcopy(dict(facts))
    return data, apply_park_fact(data)


def run_check(facts: Any, *, catalogue: Catalogue | None = None) -> CheckRun:
    """Check ``facts`` (ProjectFacts JSON) the one way: parks first, then the rules."""
    data, match = checked_facts(facts)
    result = check_project(data, kommune_names=kommune_names(), catalogue=catalogue)
    return CheckRun(data, result, match)


def run_plan_preview(facts: Any, *, clock_start: date, n_samples: int = 10_000) -> PlanPreview:
    """The combined process plan for ``facts``, built on :func:`run_check`."""
    run = run_check(facts)
    return preview_plan(
        run.facts,
        clock_start=clock_start,
        kommune_names=kommune_names(),
        n_samples=n_samples,
        check=run.result,
        fit_percentile=fit_percentile(),
    )


def fit_percentile() -> float:
    """``RODLOEBER_PLAN_FIT_PERCENTILE`` (default 0.8), kept strictly inside (0, 1)."""
    value = float(getattr(settings, "RODLOEBER_PLAN_FIT_PERCENTILE", DEFAULT_FIT_PERCENTILE))
    return min(0.99, max(0.01, value))
