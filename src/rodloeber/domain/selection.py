"""Selection support for industrial parks (udvælgelse af industriparker, L 206 § 13).

Chooses ``n`` areas maximising the total evaluation score subject to at most
``max_per_region`` per region (geografisk spredning) and a minimum distance
between chosen areas. Solved as a 0-1 integer programme (MILP) to proven
optimality with HiGHS; never greedy. Formulation
(docs/adr/0009-industrial-parks-selection.md):

    maximise   Σ s_i x_i
    subject to Σ x_i = n
               Σ_{i in region r} x_i <= k          for every region r
               x_i + x_j <= 1                      for every pair closer than d
               x_i = 0                             for every i not eligible
               x_i ∈ {0, 1}

Eligibility is a hard constraint, never a weight: an area may be designated
only if every condition in § 13 stk. 1 nr. 1-5 is met (and no stk. 2
exclusion applies), so an ineligible candidate's variable is fixed to 0 and
scores only rank among the eligible (docs/adr/0019-park-conditions-and-procedure.md).

The swap analysis re-solves with one excluded area forced in (x_j = 1) and
reports how much the optimum drops. Framework-free: no Django imports.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import highspy
import numpy as np

from rodloeber.domain.errors import DomainError

__all__ = [
    "Candidate",
    "SelectionError",
    "SelectionResult",
    "Swap",
    "conflicting_pairs",
    "select",
    "solver_version",
]

DistanceFn = Callable[["Candidate", "Candidate"], float]
TOLERANCE = 1e-6


class SelectionError(DomainError):
    """The selection problem has no solution or bad input (bilingual)."""

    def __init__(self, code: str, message_da: str, message_en: str) -> None:
        self.code = code
        super().__init__(message_da, message_en)


@dataclass(frozen=True)
class Candidate:
    """An application that may be chosen: its total score, region and a point
    in metres (EPSG:25832) used by the default distance."""

    id: str
    score: float
    region: str = ""
    x: float = 0.0
    y: float = 0.0
    eligible: bool = True


@dataclass(frozen=True)
class Swap:
    """Forcing ``id`` into the selection lowers the optimum by ``objective_drop``
    (None: cannot be chosen at all under the constraints); ``leaves`` are the
    areas that drop out of the optimal selection."""

    id: str
    score: float
    objective_drop: float | None
    leaves: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "score": self.score,
            "objective_drop": self.objective_drop,
            "leaves": list(self.leaves),
        }


@dataclass(frozen=True)
class SelectionResult:
    chosen: tuple[str, ...]
    objective: float
    n: int
    max_per_region: int | None
    min_distance_km: float
    swaps: tuple[Swap, ...] = field(default_factory=tuple)
    conflicts: int = 0
    solver: str = ""
    ineligible: tuple[str, ...] = ()

    def explanation(self, language: str = "en") -> str:
        if language == "da":
            rules = [f"præcis {self.n} områder", "alle betingelser i § 13, stk. 1, opfyldt"]
            if self.max_per_region is not None:
                rules.append(f"højst {self.max_per_region} pr. region")
            if self.min_distance_km > 0:
                rules.append(f"mindst {self.min_distance_km:g} km mellem valgte områder")
            return (
                f"Optimal udvælgelse (heltalsprogrammering, {self.solver}): "
                f"samlet score {self.objective:g} under betingelserne " + ", ".join(rules) + "."
            )
        rules_en = [f"exactly {self.n} areas", "every condition of § 13(1) met"]
        if self.max_per_region is not None:
            rules_en.append(f"at most {self.max_per_region} per region")
        if self.min_distance_km > 0:
            rules_en.append(f"at least {self.min_distance_km:g} km between chosen areas")
        return (
            f"Optimal selection (integer programming, {self.solver}): total score "
            f"{self.objective:g} subject to " + ", ".join(rules_en) + "."
        )


def solver_version() -> str:
    return (
        f"HiGHS {highspy.HIGHS_VERSION_MAJOR}.{highspy.HIGHS_VERSION_MINOR}."
        f"{highspy.HIGHS_VERSION_PATCH}"
    )


def euclidean_km(a: Candidate, b: Candidate) -> float:
    return math.hypot(a.x - b.x, a.y - b.y) / 1000.0


def conflicting_pairs(
    candidates: Sequence[Candidate], min_distance_km: float, distance: DistanceFn | None = None
) -> list[tuple[int, int]]:
    """Index pairs closer than ``min_distance_km`` (they cannot both be chosen)."""
    if min_distance_km <= 0:
        return []
    fn = distance or euclidean_km
    return [
        (i, j)
        for i, j in combinations(range(len(candidates)), 2)
        if fn(candidates[i], candidates[j]) < min_distance_km
    ]


def _solve(
    scores: Sequence[float],
    n: int,
    groups: Mapping[str, list[int]],
    max_per_region: int | None,
    pairs: Sequence[tuple[int, int]],
    forced: int | None = None,
    eligible: Sequence[bool] | None = None,
) -> tuple[list[int], float] | None:
    """Solve the 0-1 programme; None when infeasible."""
    size = len(scores)
    rows: list[tuple[list[int], float, float]] = [(list(range(size)), float(n), float(n))]
    if max_per_region is not None:
        for members in groups.values():
            if len(members) > max_per_region:
                rows.append((members, -highspy.kHighsInf, float(max_per_region)))
    rows.extend(([i, j], -highspy.kHighsInf, 1.0) for i, j in pairs)

    lp = highspy.HighsLp()
    lp.num_col_ = size
    lp.num_row_ = len(rows)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = np.array(scores, dtype=np.float64)
    lower = np.zeros(size)
    if forced is not None:
        lower[forced] = 1.0
    lp.col_lower_ = lower
    # Hard constraint: x_i = 0 for an ineligible candidate (upper bound 0).
    upper = np.ones(size)
    if eligible is not None:
        upper[[i for i in range(size) if not eligible[i]]] = 0.0
    lp.col_upper_ = upper
    lp.row_lower_ = np.array([r[1] for r in rows], dtype=np.float64)
    lp.row_upper_ = np.array([r[2] for r in rows], dtype=np.float64)
    starts, index = [0], []
    for members, _lo, _up in rows:
        index.extend(members)
        starts.append(len(index))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_ = size
    lp.a_matrix_.num_row_ = len(rows)
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.ones(len(index))
    lp.integrality_ = [highspy.HighsVarType.kInteger] * size

    solver = highspy.Highs()  # type: ignore[no-untyped-call]
    solver.setOptionValue("output_flag", False)
    solver.setOptionValue("mip_rel_gap", 0.0)
    solver.setOptionValue("mip_abs_gap", 1e-9)
    solver.passModel(lp)
    solver.run()
    if solver.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    values = solver.getSolution().col_value
    chosen = [i for i in range(size) if values[i] > 0.5]
    return chosen, float(sum(scores[i] for i in chosen))


def select(
    candidates: Sequence[Candidate],
    n: int,
    *,
    max_per_region: int | None = None,
    min_distance_km: float = 0.0,
    distance: DistanceFn | None = None,
    swap_count: int = 5,
) -> SelectionResult:
    """The optimal selection of ``n`` candidates, with a swap analysis for the
    ``swap_count`` best-scoring excluded candidates."""
    ids = [c.id for c in candidates]
    if len(set(ids)) != len(ids):
        raise SelectionError(
            "duplicate_ids", "Hver ansøgning må kun indgå én gang.", "Each id may appear once."
        )
    eligible = [bool(c.eligible) for c in candidates]
    count = sum(eligible)
    if not candidates:
        raise SelectionError(
            "no_candidates",
            "Der er ingen indsendte ansøgninger at vælge imellem. Vent på, at kommunerne "
            "indsender, eller vælg ansøgninger på listen.",
            "There are no submitted applications to choose from. Wait for municipalities "
            "to submit, or tick applications in the list.",
        )
    if count == 0:
        raise SelectionError(
            "none_eligible",
            "Ingen af ansøgningerne kan udvælges: et område kan kun udpeges, når alle fem "
            "betingelser i § 13, stk. 1, er opfyldt og det ikke er omfattet af stk. 2. "
            "Vurdér betingelserne på hver ansøgnings side først.",
            "None of the applications can be selected: an area may be designated only when "
            "all five conditions of § 13(1) are met and § 13(2) does not exclude it. Assess "
            "the conditions on each application's page first.",
        )
    if n < 1:
        raise SelectionError(
            "bad_n", "Antal områder skal være mindst 1.", "The number of areas must be at least 1."
        )
    if n > count:
        raise SelectionError(
            "too_few_eligible",
            f"Der kan vælges højst {count} område(r): kun {count} af {len(candidates)} "
            f"ansøgninger opfylder alle betingelser i § 13, stk. 1. Sænk antallet eller "
            "vurdér de resterende betingelser.",
            f"At most {count} area(s) can be chosen: only {count} of {len(candidates)} "
            "applications meet every condition of § 13(1). Lower the number or assess the "
            "remaining conditions.",
        )
    if max_per_region is not None and max_per_region < 1:
        raise SelectionError(
            "bad_max_per_region",
            "Højst pr. region skal være mindst 1.",
            "The maximum per region must be at least 1.",
        )
    if min_distance_km < 0 or not math.isfinite(min_distance_km):
        raise SelectionError(
            "bad_distance",
            "Mindsteafstanden skal være 0 eller mere.",
            "The minimum distance must be 0 or more.",
        )
    scores = [float(c.score) for c in candidates]
    groups: dict[str, list[int]] = {}
    for i, c in enumerate(candidates):
        groups.setdefault(c.region, []).append(i)
    pairs = conflicting_pairs(candidates, min_distance_km, distance)
    solved = _solve(scores, n, groups, max_per_region, pairs, eligible=eligible)
    if solved is None:
        raise SelectionError(
            "infeasible",
            f"Der findes ingen udvælgelse af {n} områder, der opfylder betingelserne; "
            "løsn kravet pr. region eller mindsteafstanden.",
            f"No selection of {n} areas meets the constraints; relax the per-region "
            "limit or the minimum distance.",
        )
    chosen_idx, objective = solved
    chosen_set = set(chosen_idx)
    excluded = sorted(
        (i for i in range(len(candidates)) if i not in chosen_set and eligible[i]),
        key=lambda i: (-scores[i], ids[i]),
    )
    swaps = []
    for j in excluded[: max(swap_count, 0)]:
        forced = _solve(scores, n, groups, max_per_region, pairs, forced=j, eligible=eligible)
        if forced is None:
            swaps.append(Swap(ids[j], scores[j], None))
            continue
        forced_idx, forced_objective = forced
        leaves = tuple(ids[i] for i in chosen_idx if i not in set(forced_idx))
        drop = max(objective - forced_objective, 0.0)
        swaps.append(Swap(ids[j], scores[j], round(drop, 9), leaves))
    return SelectionResult(
        chosen=tuple(ids[i] for i in chosen_idx),
        objective=round(objective, 9),
        n=n,
        max_per_region=max_per_region,
        min_distance_km=min_distance_km,
        swaps=tuple(swaps),
        conflicts=len(pairs),
        solver=solver_version(),
        ineligible=tuple(ids[i] for i in range(len(candidates)) if not eligible[i]),
    )
