"""The process plan (procesplan): build it and render it in the contract shape.

:func:`build_plan` combines the schedule (tidsplan), the cap clock
(fristur), re-planning from actual dates (genplanlægning) and the Monte
Carlo risk (risiko) into one :class:`Plan`; :meth:`Plan.to_dict` gives the
``POST /api/v1/plans/preview`` shape from ``docs/api.md`` (fixed field
names; extra fields are added, never renamed).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

import numpy as np

from rodloeber.domain.planning.calendar import DanishCalendar, default_calendar
from rodloeber.domain.planning.clock import (
    PAUSE_REASONS,
    Clock,
    ClockStatus,
    Extension,
    ExtensionRule,
    Pause,
    PauseReason,
    excluded_intervals,
    extension_rules_for,
)
from rodloeber.domain.planning.drivers import RiskDriver, risk_drivers
from rodloeber.domain.planning.forecast import (
    Change,
    MilestoneDate,
    MilestoneUpdate,
    derive_constraints,
    diff_milestones,
    explain_causes,
    milestone_dates,
)
from rodloeber.domain.planning.links import Link, LinkLike, LinkType
from rodloeber.domain.planning.risk import Distribution, RiskModel, RiskResult, simulate
from rodloeber.domain.planning.schedule import Schedule, build_graph, compute_schedule
from rodloeber.domain.planning.templates import MILESTONE_KINDS, PermitTypeLike

__all__ = ["CapLike", "Plan", "PlannedPermit", "build_plan"]


class CapLike(Protocol):
    """The binding cap (loft) from the eligibility answer."""

    @property
    def months(self) -> int: ...
    @property
    def regime(self) -> str: ...
    @property
    def legal_basis(self) -> str: ...


def cap_to_dict(cap: CapLike) -> dict[str, Any]:
    """The cap as a dict, including ``considered`` when the object has it."""
    out: dict[str, Any] = {
        "months": cap.months,
        "regime": cap.regime,
        "legal_basis": cap.legal_basis,
    }
    considered = getattr(cap, "considered", None)
    if considered is not None:
        out["considered"] = [dict(c) for c in considered]
    return out


@dataclass(frozen=True)
class PlannedPermit:
    """One permit in the plan (tilladelse i procesplanen)."""

    code: str
    name_da: str
    name_en: str
    authority_level: str
    counts_toward_cap: bool
    start: date
    end: date
    latest_end: date
    total_float_days: int
    on_critical_path: bool
    milestones: tuple[MilestoneDate, ...]
    depends_on: tuple[str, ...] = ()
    criticality: float | None = None
    service_target_date: date | None = None
    baseline_start: date | None = None
    baseline_end: date | None = None

    def to_dict(self) -> dict[str, Any]:
        """Contract shape: code, start, end, on_critical_path, milestones[kind, date]."""
        return {
            "code": self.code,
            "name_da": self.name_da,
            "name_en": self.name_en,
            "authority_level": self.authority_level,
            "depends_on": list(self.depends_on),
            "counts_toward_cap": self.counts_toward_cap,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "latest_end": self.latest_end.isoformat(),
            "total_float_days": self.total_float_days,
            "on_critical_path": self.on_critical_path,
            "criticality": None if self.criticality is None else round(self.criticality, 4),
            "service_target_date": _iso(self.service_target_date),
            "baseline_start": _iso(self.baseline_start),
            "baseline_end": _iso(self.baseline_end),
            "milestones": [
                {
                    "kind": m.kind,
                    "date": m.date.isoformat(),
                    "status": m.status,
                    "counts_toward_cap": m.counts_toward_cap,
                    "label_da": _label(m.kind, "da"),
                    "label_en": _label(m.kind, "en"),
                }
                for m in self.milestones
            ],
        }


def _iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def _label(kind: str, lang: str) -> str:
    k = MILESTONE_KINDS.get(kind)
    if k is None:
        return kind
    return k.label_da if lang == "da" else k.label_en


@dataclass(frozen=True)
class Plan:
    """A process plan (procesplan) with cap, clock, risk and baseline diff."""

    clock_start: date
    cap: CapLike
    cap_deadline: date
    permits: tuple[PlannedPermit, ...]
    expected_end: date
    cap_relevant_end: date
    critical_path: tuple[str, ...]
    clock: ClockStatus
    as_of: date | None = None
    risk: RiskResult | None = None
    changes: tuple[Change, ...] = ()
    pauses: tuple[Pause, ...] = ()
    extensions: tuple[Extension, ...] = ()
    schedule: Schedule | None = field(default=None, repr=False, compare=False)
    #: Links from coordinated procedures in use (samordnede procedurer).
    links: tuple[Link, ...] = ()
    #: Permits whose time the regime excludes from the cap clock, and the days
    #: the deadline moved for it.
    clock_excluded: tuple[str, ...] = ()
    excluded_days: int = 0
    #: The permits that drive the risk most (criticality × spread), in words.
    drivers: tuple[RiskDriver, ...] = ()
    #: P(within cap) if the permits that are only possibly needed turn out not
    #: to be (same samples; None when there are none or no risk was computed).
    p_if_possible_not_needed: float | None = None

    @property
    def p_within_cap(self) -> float | None:
        """Monte Carlo probability of deciding all cap permits within the cap."""
        return None if self.risk is None else self.risk.p_within_cap

    @property
    def within_cap(self) -> bool:
        """Deterministic answer: the likely plan meets the cap deadline."""
        return self.cap_relevant_end <= self.cap_deadline

    @property
    def slack_days(self) -> int:
        """Days between the cap-relevant end and the cap deadline (negative = breach)."""
        return (self.cap_deadline - self.cap_relevant_end).days

    def permit(self, code: str) -> PlannedPermit:
        """The planned permit with ``code`` (KeyError if absent)."""
        for p in self.permits:
            if p.code == code:
                return p
        raise KeyError(code)

    def to_dict(self) -> dict[str, Any]:
        """The ``Plan`` JSON of ``docs/api.md`` plus added fields."""
        return {
            "clock_start": self.clock_start.isoformat(),
            "cap": cap_to_dict(self.cap),
            "cap_deadline": self.cap_deadline.isoformat(),
            "permits": [p.to_dict() for p in self.permits],
            "expected_end": self.expected_end.isoformat(),
            "p_within_cap": None if self.p_within_cap is None else round(self.p_within_cap, 4),
            "critical_path": list(self.critical_path),
            "cap_relevant_end": self.cap_relevant_end.isoformat(),
            "within_cap": self.within_cap,
            "slack_days": self.slack_days,
            "as_of": _iso(self.as_of),
            "links": [
                {
                    "pred": x.pred,
                    "succ": x.succ,
                    "type": str(x.type),
                    "lag_days": x.lag_days,
                    "procedure": x.procedure,
                }
                for x in self.links
            ],
            "clock_excluded": list(self.clock_excluded),
            "excluded_days": self.excluded_days,
            "risk_drivers": [d.to_dict() for d in self.drivers],
            "p_within_cap_if_possible_not_needed": None
            if self.p_if_possible_not_needed is None
            else round(self.p_if_possible_not_needed, 4),
            "clock": {
                "at": self.clock.at.isoformat(),
                "elapsed_days": self.clock.elapsed_days,
                "stopped_days": self.clock.stopped_days,
                "remaining_days": self.clock.remaining_days,
                "running": self.clock.running,
            },
            "pauses": [
                {
                    "reason": p.reason,
                    "start": p.start.isoformat(),
                    "resume": _iso(p.resume),
                    "permit_code": p.permit_code,
                    "stops_clock": PAUSE_REASONS[p.reason].stops_clock
                    if p.reason in PAUSE_REASONS
                    else None,
                    "note": p.note,
                }
                for p in self.pauses
            ],
            "extensions": [
                {"months": e.months, "kind": e.kind, "reason": e.reason} for e in self.extensions
            ],
            "risk": None if self.risk is None else self.risk.to_dict(),
            "changes": [
                {
                    "permit_code": c.permit_code,
                    "kind": c.kind,
                    "baseline": c.baseline.isoformat(),
                    "current": c.current.isoformat(),
                    "delta_days": c.delta_days,
                    "message_da": c.message_da,
                    "message_en": c.message_en,
                }
                for c in self.changes
            ],
        }


def build_plan(
    permits: Sequence[PermitTypeLike],
    *,
    clock_start: date,
    cap: CapLike,
    pauses: Sequence[Pause] = (),
    extensions: Sequence[Extension] = (),
    updates: Sequence[MilestoneUpdate] = (),
    as_of: date | None = None,
    baseline: Plan | None = None,
    calendar: DanishCalendar | None = None,
    extension_rules: Sequence[ExtensionRule] | None = None,
    pause_reasons: Mapping[str, PauseReason] | None = None,
    n_samples: int = 10_000,
    seed: int = 20260302,
    distribution: Distribution | str = Distribution.PERT,
    coordinated: Sequence[LinkLike] = (),
    clock_excluded: Sequence[str] = (),
    possible: Sequence[str] = (),
) -> Plan:
    """Build a process plan (procesplan) from permit types and a cap.

    The clock starts at ``clock_start`` (fuldstændighedserklæring); all
    permits start then unless they wait for prerequisites. ``coordinated``
    links (SS/FF with lags) replace plain finish-to-start where the law allows
    a coordinated procedure. While a permit in ``clock_excluded`` runs (e.g.
    the EIA step under CRMA art. 11(3)) the clock stands still, so the cap
    deadline moves by that time. ``possible`` names permits only possibly
    needed (said with the risk drivers). ``updates`` and ``pauses`` re-plan;
    ``baseline`` gives a diff; ``n_samples=0`` skips the Monte Carlo risk.
    Raises a :class:`PlanningError` on invalid input.
    """
    calendar = calendar or default_calendar()
    reasons = pause_reasons if pause_reasons is not None else PAUSE_REASONS
    rules = tuple(extension_rules) if extension_rules is not None else None
    plain_clock = Clock(
        start=clock_start,
        cap_months=cap.months,
        pauses=tuple(pauses),
        extensions=tuple(extensions),
        rules=rules if rules is not None else extension_rules_for(cap.regime),
        reasons=reasons,
    )
    graph = build_graph(permits, coordinated)
    constraints = derive_constraints(permits, updates, pauses, as_of, reasons)
    schedule = compute_schedule(permits, clock_start, constraints, graph)
    excluded = tuple(c for c in dict.fromkeys(clock_excluded) if c in schedule.tasks)
    spans = {c: (t.start, t.end) for c, t in schedule.tasks.items()}
    clock = dataclasses.replace(
        plain_clock, excluded=excluded_intervals(spans, excluded, clock_start)
    )
    excluded_days = clock.excluded_days
    plain_deadline = plain_clock.deadline(as_of)
    cap_deadline = clock.deadline(as_of)
    risk, p_without = None, None
    if n_samples > 0 and permits:
        model = RiskModel.from_schedule(permits, schedule, plain_deadline, constraints, excluded)
        risk = simulate(model, clock_start, n_samples, seed, distribution)
        gone = np.array([c in set(possible) for c in model.codes], dtype=bool)
        if gone.any():  # the same samples with the possible permits taking no time
            keep = np.where(gone, 0.0, 1.0)
            lean = dataclasses.replace(
                model, low=model.low * keep, mode=model.mode * keep, high=model.high * keep
            )
            p_without = simulate(lean, clock_start, n_samples, seed, distribution).p_within_cap
    by_permit: dict[str, dict[str, MilestoneUpdate]] = {}
    for u in updates:
        by_permit.setdefault(u.permit_code, {})[u.kind] = u
    by_code = {p.code: p for p in permits}
    milestones = {
        code: milestone_dates(by_code[code], schedule.tasks[code], by_permit.get(code))
        for code in schedule.order
    }
    changes: tuple[Change, ...] = ()
    old: dict[str, PlannedPermit] = {}
    if baseline is not None:
        old = {p.code: p for p in baseline.permits}
        causes = explain_causes(
            schedule, {c: p.end for c, p in old.items()}, updates, pauses, reasons
        )
        changes = diff_milestones({c: p.milestones for c, p in old.items()}, milestones, causes)
    planned = []
    for code in schedule.order:
        permit, task = by_code[code], schedule.tasks[code]
        target_date = None
        if permit.service_target_days is not None:
            unit = str(getattr(permit, "service_target_unit", "calendar"))
            target_date = calendar.add_days(task.start, permit.service_target_days, unit)
        planned.append(
            PlannedPermit(
                code=code,
                name_da=permit.name_da,
                name_en=permit.name_en,
                authority_level=permit.authority_level,
                counts_toward_cap=permit.counts_toward_cap,
                start=task.start,
                end=task.end,
                latest_end=task.latest_end,
                total_float_days=task.total_float_days,
                on_critical_path=task.on_critical_path,
                milestones=milestones[code],
                depends_on=task.predecessors,
                criticality=None if risk is None else risk.criticality[code],
                service_target_date=target_date,
                baseline_start=old[code].start if code in old else None,
                baseline_end=old[code].end if code in old else None,
            )
        )
    cap_codes = [c for c in schedule.order if by_code[c].counts_toward_cap]
    return Plan(
        clock_start=clock_start,
        cap=cap,
        cap_deadline=cap_deadline,
        permits=tuple(planned),
        expected_end=schedule.end,
        cap_relevant_end=schedule.end_of(cap_codes),
        critical_path=schedule.critical_path,
        clock=clock.status(as_of or clock_start),
        as_of=as_of,
        risk=risk,
        changes=changes,
        pauses=tuple(pauses),
        extensions=tuple(extensions),
        schedule=schedule,
        links=tuple(
            x for ls in graph.incoming.values() for x in ls if x.procedure or x.type != LinkType.FS
        ),
        clock_excluded=excluded,
        excluded_days=excluded_days,
        drivers=()
        if risk is None
        else risk_drivers(permits, dict(risk.criticality), possible=set(possible)),
        p_if_possible_not_needed=p_without,
    )
