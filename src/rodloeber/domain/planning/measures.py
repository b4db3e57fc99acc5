"""Fit the cap with measures (tiltag), or say why it cannot be done.

When the earliest coordinated plan ends after the cap, :func:`fit_cap` picks
the cheapest set of allowed measures (pre-application meeting, priority
processing, joint hearing …; each shortens one permit by ``saving_days`` at a
cost in ``effort``) that makes every permit the cap covers end in time. It is
a small mixed-integer programme solved by HiGHS:

    minimise   Σ effort_m·x_m
    subject to E_j − S_j + Σ_{m on j} saving_m·x_m = likely_j    (duration)
               Σ_{m on j} saving_m·x_m ≤ likely_j − min_j         (never below min)
               FS: S_j ≥ E_i + lag   SS: S_j ≥ S_i + lag   FF: E_j ≥ E_i + lag
               E_j − Σ_{k excluded} (E_k − S_k) ≤ D  for each permit the cap covers
               x_m ∈ {0, 1}, S_j ≥ 0

``likely_j`` is the permit's most likely duration, or with ``percentile`` (e.g.
0.8) its 80th-percentile duration from the same distribution the Monte Carlo
uses: the plan then fits the cap with that margin, so the chance of ending in
time after the measures is typically at least that high (issue #16: a plan fitted
to the likely durations fits only about half the time). A measure saves the
same days at any percentile and never more than ``likely − min``.

When even all measures together do not fit, the answer names the permits that
still end too late and by how many days (the reason). :func:`fit_cap_brute_force`
tries subsets in order of cost: the benchmark's baseline and a test oracle.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar

import highspy
import numpy as np

from rodloeber.domain.planning.links import LinkType
from rodloeber.domain.planning.risk import duration_quantile
from rodloeber.domain.planning.schedule import DependencyGraph, compute_schedule
from rodloeber.domain.planning.templates import PermitTypeLike

__all__ = ["CapFit", "MeasureLike", "at_percentile", "fit_cap", "fit_cap_brute_force", "shorten"]

P = TypeVar("P", bound=PermitTypeLike)


class MeasureLike(Protocol):
    """A measure from the catalogue (tiltag)."""

    @property
    def code(self) -> str: ...
    @property
    def permit(self) -> str: ...
    @property
    def saving_days(self) -> int: ...
    @property
    def effort(self) -> int: ...


@dataclass(frozen=True)
class CapFit:
    """The answer: which measures make the plan fit, or why nothing does."""

    fits: bool
    needed: bool  # False when the plan already fits without measures
    chosen: tuple[str, ...]  # measure codes
    limit_days: int  # days from the clock start to the deadline (before exclusions)
    end_days: int  # cap-relevant end in clock days, with the chosen (or all) measures
    #: When nothing fits: (permit code, days too late) with every measure applied.
    shortfall: tuple[tuple[str, int], ...] = ()
    #: The duration percentile the plan was fitted at (None = likely durations).
    percentile: float | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "fits": self.fits,
            "needed": self.needed,
            "chosen": list(self.chosen),
            "limit_days": self.limit_days,
            "end_days": self.end_days,
            "shortfall": [{"permit": c, "days": d} for c, d in self.shortfall],
            "percentile": self.percentile,
        }


def shorten(permit: P, days: int) -> P:
    """The permit with its duration range shortened by ``days`` (never below 1 day)."""
    if days <= 0:
        return permit
    d = permit.duration
    new = dataclasses.replace(  # type: ignore[type-var]
        d,  # keeps the duration's evidence (basis, source) where it has one
        min_days=max(1, d.min_days - days),
        likely_days=max(1, d.likely_days - days),
        max_days=max(1, d.max_days - days),
    )
    return dataclasses.replace(permit, duration=new)  # type: ignore[type-var]


def at_percentile(permit: P, q: float | None) -> P:
    """The permit planned at its ``q``-quantile duration (None: unchanged)."""
    if q is None:
        return permit
    d = permit.duration
    days = duration_quantile(d.min_days, d.likely_days, d.max_days, q)
    likely = min(d.max_days, max(d.likely_days, days))
    new = dataclasses.replace(d, likely_days=likely)  # type: ignore[type-var]
    return dataclasses.replace(permit, duration=new)  # type: ignore[type-var]


def _room(permits: Sequence[PermitTypeLike]) -> dict[str, int]:
    """Days a permit can be shortened: never below its minimum (from its likely days)."""
    return {p.code: p.duration.likely_days - p.duration.min_days for p in permits}


def _usable(
    permits: Sequence[PermitTypeLike], measures: Sequence[MeasureLike]
) -> list[MeasureLike]:
    codes = {p.code for p in permits}
    return [m for m in measures if m.permit in codes and m.saving_days > 0]


def _savings(measures: Sequence[MeasureLike], room: Mapping[str, int]) -> dict[str, int]:
    """Days saved per permit by ``measures``, capped so no duration drops below its minimum."""
    out: dict[str, int] = {}
    for m in measures:
        out[m.permit] = min(room[m.permit], out.get(m.permit, 0) + m.saving_days)
    return out


def _cap_end(
    permits: Sequence[PermitTypeLike],
    graph: DependencyGraph,
    start: date,
    excluded: Sequence[str],
    savings: Mapping[str, int],
) -> tuple[int, dict[str, int]]:
    """Cap-relevant end (clock days, excluded time removed) and each cap permit's end."""
    shortened = [shorten(p, savings.get(p.code, 0)) for p in permits]
    s = compute_schedule(shortened, start, graph=graph)
    excl = sum(s.tasks[c].duration_days for c in excluded if c in s.tasks)
    ends = {
        p.code: (s.tasks[p.code].end - start).days - excl for p in permits if p.counts_toward_cap
    }
    return max(ends.values(), default=0), ends


def fit_cap(
    permits: Sequence[PermitTypeLike],
    graph: DependencyGraph,
    *,
    start: date,
    deadline: date,
    measures: Sequence[MeasureLike],
    excluded: Sequence[str] = (),
    percentile: float | None = None,
) -> CapFit:
    """The cheapest set of measures that fits the cap, or the reason none does.

    ``percentile`` plans each permit at that quantile of its duration (see above).
    """
    limit = (deadline - start).days
    room = _room(permits)
    work = [at_percentile(p, percentile) for p in permits]
    end0, _ = _cap_end(work, graph, start, excluded, {})
    if end0 <= limit:
        return CapFit(True, False, (), limit, end0, percentile=percentile)
    usable = _usable(work, measures)
    chosen = _solve(work, graph, usable, limit, excluded, room)
    if chosen is None:
        end_all, ends = _cap_end(work, graph, start, excluded, _savings(usable, room))
        late = sorted(((c, e - limit) for c, e in ends.items() if e > limit), key=lambda t: -t[1])
        return CapFit(False, True, (), limit, end_all, tuple(late), percentile)
    picked = [usable[i] for i in chosen]
    end, _ = _cap_end(work, graph, start, excluded, _savings(picked, room))
    return CapFit(True, True, tuple(m.code for m in picked), limit, end, percentile=percentile)


def _solve(
    permits: Sequence[PermitTypeLike],
    graph: DependencyGraph,
    usable: Sequence[MeasureLike],
    limit: int,
    excluded: Sequence[str],
    room: Mapping[str, int],
) -> list[int] | None:
    """The MILP above; indices into ``usable`` or None when infeasible."""
    n_m, codes = len(usable), [p.code for p in permits]
    col = {c: i for i, c in enumerate(codes)}
    s_col = {c: n_m + 2 * i for c, i in col.items()}
    e_col = {c: n_m + 2 * i + 1 for c, i in col.items()}
    n_col = n_m + 2 * len(codes)
    inf = highspy.kHighsInf
    rows: list[tuple[dict[int, float], float, float]] = []
    by_code = {p.code: p for p in permits}
    for c, p in by_code.items():
        on = {i: float(m.saving_days) for i, m in enumerate(usable) if m.permit == c}
        d = p.duration
        rows.append(({e_col[c]: 1.0, s_col[c]: -1.0, **on}, d.likely_days, d.likely_days))
        if on:
            rows.append((on, -inf, float(room[c])))
    for succ, links in graph.incoming.items():
        for x in links:
            a = s_col[succ] if x.type is not LinkType.FF else e_col[succ]
            b = e_col[x.pred] if x.type is not LinkType.SS else s_col[x.pred]
            rows.append(({a: 1.0, b: -1.0}, float(x.lag_days), inf))
    excl = [c for c in excluded if c in col]
    for c, p in by_code.items():
        if p.counts_toward_cap:
            row: dict[int, float] = {e_col[c]: 1.0}
            for k in excl:
                row[e_col[k]] = row.get(e_col[k], 0.0) - 1.0
                row[s_col[k]] = row.get(s_col[k], 0.0) + 1.0
            rows.append((row, -inf, float(limit)))
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n_col, len(rows)
    lp.sense_ = highspy.ObjSense.kMinimize
    cost = np.zeros(n_col)
    cost[:n_m] = [float(m.effort) + 1e-3 for m in usable]  # fewer measures break ties
    lp.col_cost_ = cost
    lp.col_lower_ = np.zeros(n_col)
    upper = np.full(n_col, inf)
    upper[:n_m] = 1.0
    lp.col_upper_ = upper
    lp.row_lower_ = np.array([r[1] for r in rows], dtype=np.float64)
    lp.row_upper_ = np.array([r[2] for r in rows], dtype=np.float64)
    starts, index, value = [0], list[int](), list[float]()
    for coeffs, _lo, _up in rows:
        index.extend(coeffs)
        value.extend(coeffs.values())
        starts.append(len(index))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = n_col, len(rows)
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(value, dtype=np.float64)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n_m + [highspy.HighsVarType.kContinuous] * (
        n_col - n_m
    )
    # The plain binding: the Python wrapper prints a licence banner on stdout,
    # which would corrupt the CLI's JSON output.
    solver = highspy._Highs()  # type: ignore[attr-defined]
    solver.setOptionValue("output_flag", False)
    solver.setOptionValue("mip_rel_gap", 0.0)
    solver.passModel(lp)
    solver.run()
    if solver.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    values = solver.getSolution().col_value
    return [i for i in range(n_m) if values[i] > 0.5]


def fit_cap_brute_force(
    permits: Sequence[PermitTypeLike],
    graph: DependencyGraph,
    *,
    start: date,
    deadline: date,
    measures: Sequence[MeasureLike],
    excluded: Sequence[str] = (),
    percentile: float | None = None,
) -> tuple[tuple[str, ...], int] | None:
    """Try every subset, cheapest first: (measure codes, effort) or None. Exponential."""
    limit = (deadline - start).days
    room = _room(permits)
    permits = [at_percentile(p, percentile) for p in permits]
    usable = _usable(permits, measures)
    best: tuple[float, tuple[str, ...]] | None = None
    for k in range(len(usable) + 1):
        for subset in itertools.combinations(usable, k):
            cost = sum(m.effort for m in subset)
            if best is not None and cost >= best[0]:
                continue
            used: dict[str, int] = {}
            for m in subset:
                used[m.permit] = used.get(m.permit, 0) + m.saving_days
            if any(days > room[code] for code, days in used.items()):
                continue  # as in the programme: no permit below its minimum
            end, _ = _cap_end(permits, graph, start, excluded, _savings(subset, room))
            if end <= limit:
                best = (cost, tuple(m.code for m in subset))
    return None if best is None else (best[1], int(best[0]))
