"""Selection support on stored applications (wraps ``rodloeber.domain.selection``).

Scores are the weighted evaluation totals; regions come from the screening
(or the lead municipality); distances are between the areas themselves
(shortest gap between polygons in EPSG:25832). An application is eligible
only when all five conditions of § 13 stk. 1 are met and its latest screening
reports no stk. 2 exclusion (:mod:`rodloeber.parks.conditions`); ineligible
ones are fixed out of the model (a hard constraint) and listed with reasons.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry.base import BaseGeometry

from rodloeber.accounts.models import User
from rodloeber.domain.selection import Candidate, SelectionResult, select
from rodloeber.parks.conditions import Eligibility, application_eligibility
from rodloeber.parks.errors import Forbidden, NotFound
from rodloeber.parks.models import ParkApplication
from rodloeber.parks.screening import check_area
from rodloeber.parks.selectors import is_screener, visible_applications
from rodloeber.parks.services import total_score


@dataclass(frozen=True)
class SelectionOutcome:
    result: SelectionResult
    scores: dict[int, float]
    ineligible: list[int] = field(default_factory=list)
    reasons: dict[int, Eligibility] = field(default_factory=dict)

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        return {
            "chosen": [int(i) for i in self.result.chosen],
            "objective": self.result.objective,
            "scores": {str(k): v for k, v in self.scores.items()},
            "explanation": self.result.explanation(language),
            "explanation_da": self.result.explanation("da"),
            "explanation_en": self.result.explanation("en"),
            "ineligible": self.ineligible,
            "ineligible_reasons": {
                str(k): list(v.reasons(language)) for k, v in self.reasons.items()
            },
            "swaps": [
                {**s.to_dict(), "id": int(s.id), "leaves": [int(x) for x in s.leaves]}
                for s in self.result.swaps
            ],
            "solver": self.result.solver,
        }


def run_selection(
    *,
    actor: User,
    application_ids: Sequence[int],
    n: int,
    max_per_region: int | None = None,
    min_distance_km: float = 0.0,
) -> SelectionOutcome:
    """Optimal choice of ``n`` areas among visible, submitted applications."""
    if not is_screener(actor):
        raise Forbidden()
    ids = list(dict.fromkeys(int(i) for i in application_ids))
    apps = list(
        visible_applications(actor).filter(pk__in=ids).prefetch_related("evaluations", "conditions")
    )
    if len(apps) != len(ids):
        raise NotFound()
    scores: dict[int, float] = {}
    shapes: dict[str, BaseGeometry] = {}
    candidates: list[Candidate] = []
    reasons: dict[int, Eligibility] = {}
    for app in sorted(apps, key=lambda a: a.pk):
        scores[app.pk] = total_score(app)
        eligibility = application_eligibility(app)
        if not eligibility.eligible:
            reasons[app.pk] = eligibility
        geom = check_area(app.geometry).geometry
        shapes[str(app.pk)] = geom
        c = geom.centroid
        candidates.append(
            Candidate(
                str(app.pk),
                scores[app.pk],
                _region(app),
                float(c.x),
                float(c.y),
                eligible=eligibility.eligible,
            )
        )

    def gap_km(a: Candidate, b: Candidate) -> float:
        return float(shapes[a.id].distance(shapes[b.id])) / 1000.0

    result = select(
        candidates,
        n,
        max_per_region=max_per_region,
        min_distance_km=min_distance_km,
        distance=gap_km,
    )
    return SelectionOutcome(
        result=result, scores=scores, ineligible=sorted(reasons), reasons=reasons
    )


def _region(app: ParkApplication) -> str:
    return app.region_code or app.lead_municipality.region_code
