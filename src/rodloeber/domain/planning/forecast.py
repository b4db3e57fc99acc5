"""Re-planning (genplanlægning): actual dates, revised forecasts, baseline diff.

Actual dates (faktiske datoer) of completed milestones and revised forecasts
(reviderede prognoser) become constraints on the schedule; all later dates are
recomputed. The baseline (basisplan) is kept, and each moved milestone gets an
explanation ("flyttet 23 dage senere, fordi …").
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from rodloeber.domain.planning.clock import PAUSE_REASONS, Pause, PauseReason, merge_intervals
from rodloeber.domain.planning.errors import InvalidUpdateError
from rodloeber.domain.planning.schedule import Schedule, ScheduledTask, TaskConstraint
from rodloeber.domain.planning.templates import PermitTypeLike, milestone_template

__all__ = [
    "Change",
    "MilestoneDate",
    "MilestoneUpdate",
    "derive_constraints",
    "diff_milestones",
    "explain_causes",
    "milestone_dates",
]


@dataclass(frozen=True)
class MilestoneUpdate:
    """An actual date or a revised forecast for one milestone (milepælsopdatering)."""

    permit_code: str
    kind: str
    actual: date | None = None
    forecast: date | None = None
    reason: str = ""


@dataclass(frozen=True)
class MilestoneDate:
    """A milestone's date in a plan; ``status`` is planned, forecast or actual."""

    kind: str
    date: date
    status: str = "planned"
    counts_toward_cap: bool = True


@dataclass(frozen=True)
class Change:
    """A milestone that moved against the baseline (ændring i forhold til basisplanen)."""

    permit_code: str
    kind: str
    baseline: date
    current: date
    reason_da: str
    reason_en: str

    @property
    def delta_days(self) -> int:
        """Positive = later than the baseline."""
        return (self.current - self.baseline).days

    @property
    def message_da(self) -> str:
        n = abs(self.delta_days)
        way = "senere" if self.delta_days > 0 else "tidligere"
        return f"Flyttet {n} {'dag' if n == 1 else 'dage'} {way}, fordi {self.reason_da}."

    @property
    def message_en(self) -> str:
        n = abs(self.delta_days)
        way = "later" if self.delta_days > 0 else "earlier"
        return f"Moved {n} {'day' if n == 1 else 'days'} {way} because {self.reason_en}."


def _index_updates(
    permits: Sequence[PermitTypeLike], updates: Iterable[MilestoneUpdate]
) -> dict[str, dict[str, MilestoneUpdate]]:
    kinds = {p.code: {s.kind for s in milestone_template(p)} for p in permits}
    out: dict[str, dict[str, MilestoneUpdate]] = {p.code: {} for p in permits}
    for u in updates:
        if u.permit_code not in kinds:
            raise InvalidUpdateError(
                f"Opdateringen gælder en ukendt tilladelse '{u.permit_code}'.",
                f"The update refers to an unknown permit '{u.permit_code}'.",
            )
        if u.kind not in kinds[u.permit_code]:
            raise InvalidUpdateError(
                f"Tilladelsen '{u.permit_code}' har ingen milepæl '{u.kind}'.",
                f"Permit '{u.permit_code}' has no milestone '{u.kind}'.",
            )
        if u.actual is None and u.forecast is None:
            raise InvalidUpdateError(
                "En opdatering skal have en faktisk dato eller en prognose.",
                "An update needs an actual date or a forecast.",
            )
        out[u.permit_code][u.kind] = u
    return out


def _anchor_date(u: MilestoneUpdate) -> date:
    d = u.actual if u.actual is not None else u.forecast
    assert d is not None
    return d


def derive_constraints(
    permits: Sequence[PermitTypeLike],
    updates: Iterable[MilestoneUpdate] = (),
    pauses: Iterable[Pause] = (),
    as_of: date | None = None,
    reasons: Mapping[str, PauseReason] = PAUSE_REASONS,
) -> dict[str, TaskConstraint]:
    """Turn updates and pauses into schedule constraints (one per permit).

    * actual of a milestone at 0 → fixed start; actual decision → fixed end;
    * forecast decision → that end;
    * an intermediate actual/forecast at fraction f → the remaining (1 - f)
      of the likely duration runs from that date;
    * a pause stretches its permit (or every permit when case-wide);
    * an open permit cannot be decided before ``as_of``.
    """
    pauses = tuple(pauses)
    for p in pauses:
        p.validate(reasons)
    by_permit = _index_updates(permits, updates)
    known = {p.code for p in permits}
    for p in pauses:
        if p.permit_code is not None and p.permit_code not in known:
            raise InvalidUpdateError(
                f"Pausen gælder en ukendt tilladelse '{p.permit_code}'.",
                f"The pause refers to an unknown permit '{p.permit_code}'.",
            )
    out: dict[str, TaskConstraint] = {}
    for permit in permits:
        specs = {s.kind: s for s in milestone_template(permit)}
        fixed_start: date | None = None
        fixed_end: date | None = None
        min_end: date | None = None
        is_actual = False
        for kind, u in by_permit[permit.code].items():
            spec = specs[kind]
            if spec.after_days:
                continue
            d = _anchor_date(u)
            if spec.at == 0.0 and u.actual is not None:
                fixed_start = u.actual
            elif spec.at >= 1.0:
                fixed_end = d
                is_actual = u.actual is not None
            else:
                rest = math.ceil((1.0 - spec.at) * permit.duration.likely_days)
                candidate = d + timedelta(days=rest)
                min_end = candidate if min_end is None else max(min_end, candidate)
        if as_of is not None and not is_actual:
            if fixed_end is not None:
                fixed_end = max(fixed_end, as_of)
            min_end = as_of if min_end is None else max(min_end, as_of)
        blocked = merge_intervals(
            p.interval(as_of)
            for p in pauses
            if p.permit_code in (None, permit.code) and not is_actual
        )
        out[permit.code] = TaskConstraint(
            fixed_start=fixed_start, fixed_end=fixed_end, min_end=min_end, blocked=blocked
        )
    return out


def milestone_dates(
    permit: PermitTypeLike,
    task: ScheduledTask,
    updates: Mapping[str, MilestoneUpdate] | None = None,
) -> tuple[MilestoneDate, ...]:
    """Dates of the permit's milestones, interpolated between anchors.

    Anchors are the permit's start (0), its end (1) and any updated
    milestone inside the permit; other milestones are placed linearly
    between the neighbouring anchors.
    """
    updates = updates or {}
    specs = milestone_template(permit)
    anchors: dict[float, date] = {0.0: task.start, 1.0: task.end}
    for s in specs:
        u = updates.get(s.kind)
        if u is not None and not s.after_days and 0.0 < s.at < 1.0:
            anchors[s.at] = min(max(_anchor_date(u), task.start), task.end)
    points = sorted(anchors.items())
    out: list[MilestoneDate] = []
    for s in specs:
        u = updates.get(s.kind)
        status = "planned"
        if u is not None:
            status = "actual" if u.actual is not None else "forecast"
        if u is not None and (s.after_days or s.at in (0.0, 1.0)):
            d = _anchor_date(u) if s.after_days or s.at == 0.0 else task.end
        elif s.after_days:
            d = task.end + timedelta(days=s.after_days)
        else:
            d = _interpolate(points, s.at)
        out.append(MilestoneDate(s.kind, d, status, s.counts_toward_cap))
    return tuple(out)


def _interpolate(points: Sequence[tuple[float, date]], at: float) -> date:
    for (f0, d0), (f1, d1) in pairwise(points):
        if f0 <= at <= f1:
            if f1 == f0:
                return d1
            span = (d1 - d0).days
            return d0 + timedelta(days=round((at - f0) / (f1 - f0) * span))
    return points[-1][1]


def explain_causes(
    current: Schedule,
    baseline_ends: Mapping[str, date],
    updates: Iterable[MilestoneUpdate] = (),
    pauses: Iterable[Pause] = (),
    reasons: Mapping[str, PauseReason] = PAUSE_REASONS,
) -> dict[str, tuple[str, str]]:
    """A (da, en) cause per permit explaining why its dates moved."""
    causes: dict[str, tuple[str, str]] = {}
    by_permit: dict[str, list[MilestoneUpdate]] = {}
    for u in updates:
        by_permit.setdefault(u.permit_code, []).append(u)
    pauses = tuple(pauses)
    for code in current.order:
        own = by_permit.get(code, [])
        mine = [p for p in pauses if p.permit_code in (None, code)]
        task = current.tasks[code]
        if own:
            texts = [u.reason for u in own if u.reason]
            kinds = ", ".join(u.kind for u in own)
            if texts:
                causes[code] = ("; ".join(texts), "; ".join(texts))
            else:
                causes[code] = (
                    f"myndigheden har indberettet nye datoer ({kinds})",
                    f"the authority reported new dates ({kinds})",
                )
        elif mine:
            da = ", ".join(reasons[p.reason].label_da.lower() for p in mine)
            en = ", ".join(reasons[p.reason].label_en.lower() for p in mine)
            causes[code] = (f"sagen er sat på pause ({da})", f"the case was paused ({en})")
        elif task.binding_predecessor is not None:
            pred = task.binding_predecessor
            moved = (
                current.tasks[pred].end - baseline_ends.get(pred, current.tasks[pred].end)
            ).days
            causes[code] = (
                f"forudsætningen '{pred}' er flyttet {moved} dage",
                f"prerequisite '{pred}' moved {moved} days",
            )
        else:
            causes[code] = ("planen er genberegnet", "the plan was recomputed")
    return causes


def diff_milestones(
    baseline: Mapping[str, Sequence[MilestoneDate]],
    current: Mapping[str, Sequence[MilestoneDate]],
    causes: Mapping[str, tuple[str, str]],
) -> tuple[Change, ...]:
    """Milestones whose date differs from the baseline, with reasons."""
    changes: list[Change] = []
    for code, milestones in current.items():
        old = {m.kind: m.date for m in baseline.get(code, ())}
        da, en = causes.get(code, ("planen er genberegnet", "the plan was recomputed"))
        for m in milestones:
            b = old.get(m.kind)
            if b is not None and b != m.date:
                changes.append(Change(code, m.kind, b, m.date, da, en))
    return tuple(changes)
