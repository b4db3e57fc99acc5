"""Selection support on stored applications (wraps ``rodloeber.domain.selection``).

Scores are the weighted evaluation totals; regions come from the screening
(or the lead municipality); distances are between the areas themselves
(shortest gap between polygons in EPSG:25832). Areas whose latest screening
reports a § 13 stk. 2 exclusion are left out and listed as ineligible.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry.base import BaseGeometry

from rodloeber.accounts.models import User
from rodloeber.domain.selection import Candidate, SelectionResult, select
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

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        return {
            "chosen": [int(i) for i in self.result.chosen],
            "objective": self.result.objective,
            "scores": {str(k): v for k, v in self.scores.items()},
            "explanation": self.result.explanation(language),
            "explanation_da": self.result.explanation("da"),
            "explanation_en": self.result.explanation("en"),
            "ineligible": self.ineligible,
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
    apps = list(visible_applications(actor).filter(pk__in=ids).prefetch_related("evaluations"))
    if len(apps) != len(ids):
        raise NotFound()
    scores: dict[int, float] = {}
    shapes: dict[str, BaseGeometry] = {}
    candidates: list[Candidate] = []
    ineligible: list[int] = []
    for app in sorted(apps, key=lambda a: a.pk):
        scores[app.pk] = total_score(app)
        latest = app.latest_screening()
        if latest is not None and latest.excluded:
            ineligible.append(app.pk)
            continue
        geom = check_area(app.geometry).geometry
        shapes[str(app.pk)] = geom
        c = geom.centroid
        candidates.append(
            Candidate(str(app.pk), scores[app.pk], _region(app), float(c.x), float(c.y))
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
    return SelectionOutcome(result=result, scores=scores, ineligible=ineligible)


def _region(app: ParkApplication) -> str:
    return app.region_code or app.lead_municipality.region_code
