"""Plan preview (foreløbig procesplan): from project facts to a process plan.

Glue between the navigator, the binding cap and the planning engine, used by
``POST /api/v1/plans/preview``, ``rodloeber plan FILE.json`` and the web pages.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from rodloeber.domain.caps import CapResult
from rodloeber.domain.catalogue import Catalogue, load_catalogue
from rodloeber.domain.coordination import (
    ClockExclusion,
    Coordination,
    Measure,
    Procedure,
    load_coordination,
)
from rodloeber.domain.eligibility import CheckResult, check_project
from rodloeber.domain.planning import Plan, build_plan
from rodloeber.domain.planning.measures import CapFit, fit_cap, shorten

# When no cap applies (the project is not shown to be eligible), the plan is
# still drawn against the L 206 default so the company sees the timeline;
# the answer says the cap is a reference only.
REFERENCE_CAP_MONTHS = 18
REFERENCE_REGIME_DA = "Reference: L 206 hovedregel (18 måneder) — loftet gælder ikke endnu"
REFERENCE_REGIME_EN = "Reference: L 206 default (18 months) — the cap does not apply yet"
REFERENCE_LEGAL_BASIS = "Lov om én indgang for produktionsvirksomheder (L 206, 2024-25)"
#: Measures are fitted so the plan meets the cap with each permit at this
#: percentile of its duration (``RODLOEBER_PLAN_FIT_PERCENTILE``); fitted to the
#: likely durations a plan meets the cap only about half the time.
DEFAULT_FIT_PERCENTILE = 0.8


@dataclass(frozen=True)
class PlanCap:
    """The cap the plan is measured against (satisfies planning's CapLike)."""

    months: int
    regime: str
    legal_basis: str
    regime_en: str
    applies: bool
    considered: tuple[dict[str, object], ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "months": self.months,
            "regime": self.regime,
            "regime_en": self.regime_en,
            "legal_basis": self.legal_basis,
            "applies": self.applies,
            "considered": list(self.considered),
        }


def plan_cap(cap: CapResult) -> PlanCap:
    """The binding cap, or the L 206 reference when none applies."""
    considered = tuple(c.to_dict() for c in cap.considered)
    if cap.months is None or cap.regime is None:
        return PlanCap(
            REFERENCE_CAP_MONTHS,
            REFERENCE_REGIME_DA,
            REFERENCE_LEGAL_BASIS,
            REFERENCE_REGIME_EN,
            applies=False,
            considered=considered,
        )
    return PlanCap(
        cap.months,
        cap.regime.label_da,
        cap.regime.legal_basis,
        cap.regime.label_en,
        applies=True,
        considered=considered,
    )


@dataclass(frozen=True)
class ClockNote:
    """A clock exclusion for this plan's regime: applied, or only possible."""

    exclusion: ClockExclusion
    applied: bool

    def to_dict(self) -> dict[str, object]:
        e = self.exclusion
        return {
            "code": e.code,
            "kind": e.kind,
            "permits": list(e.permits),
            "legal_basis": e.legal_basis,
            "verified": e.verified,
            "applied": self.applied,
            "source_note": e.source_note,
        }


@dataclass(frozen=True)
class PlanPreview:
    check: CheckResult
    cap: PlanCap
    plan: Plan
    procedures: tuple[Procedure, ...] = ()
    clock_notes: tuple[ClockNote, ...] = ()
    #: Fitting the cap: None when no cap applies; measures = the chosen ones.
    cap_fit: CapFit | None = None
    measures: tuple[Measure, ...] = ()
    #: The end of the plan before the measures (cap-relevant), when measures were needed.
    end_without_measures: date | None = None
    #: The fit at the chosen percentile when nothing fitted there and ``cap_fit``
    #: is the fit at the likely durations: its shortfall says what stays at risk.
    fit_at_percentile: CapFit | None = None

    def to_dict(self) -> dict[str, Any]:
        """The Plan contract shape, plus the cap details and the permit list used."""
        data = self.plan.to_dict()
        data["cap"] = self.cap.to_dict()
        data["eligible"] = self.check.eligibility.eligible
        data["catalogue_version"] = self.check.permits.catalogue_version
        data["permits_included"] = [
            {"code": p.code, "certainty": p.certainty, "authority": p.authority}
            for p in self.check.permits.planned()
        ]
        data["permits_beside_plan"] = list(self.check.permits.beside_plan())
        data["coordinated_procedures"] = [
            {
                "code": p.code,
                "label_da": p.label_da,
                "label_en": p.label_en,
                "legal_basis": p.legal_basis,
                "verified": p.verified,
                "source_note": p.source_note,
            }
            for p in self.procedures
        ]
        data["clock_exclusions"] = [n.to_dict() for n in self.clock_notes]
        data["cap_fit"] = None if self.cap_fit is None else self.cap_fit.to_dict()
        data["cap_fit_at_percentile"] = (
            None if self.fit_at_percentile is None else self.fit_at_percentile.to_dict()
        )
        data["measures"] = [
            {
                "code": m.code,
                "permit": m.permit,
                "saving_days": m.saving_days,
                "effort": m.effort,
                "label_da": m.label_da,
                "label_en": m.label_en,
                "legal_basis": m.legal_basis,
                "verified": m.verified,
            }
            for m in self.measures
        ]
        return data


def regime_code(cap: CapResult) -> str | None:
    """The binding regime's code (None when no cap applies)."""
    return None if cap.regime is None else cap.regime.code


def coordination_inputs(
    coordination: Coordination, regime: str | None, permit_codes: set[str]
) -> tuple[tuple[Procedure, ...], tuple[ClockNote, ...], tuple[str, ...]]:
    """Procedures usable for these permits, the regime's clock notes, excluded permits."""
    procedures = tuple(
        p
        for p in coordination.procedures
        if any(x.pred in permit_codes and x.succ in permit_codes for x in p.links)
    )
    notes = tuple(
        ClockNote(e, applied=e.verified and e.kind == "permit_time")
        for e in coordination.exclusions_for(regime)
        if e.kind != "permit_time" or any(c in permit_codes for c in e.permits)
    )
    excluded = tuple(c for c in coordination.excluded_permits(regime) if c in permit_codes)
    return procedures, notes, excluded


def preview_plan(
    data: Mapping[str, object],
    *,
    clock_start: date,
    kommune_names: Mapping[str, str] | None = None,
    catalogue: Catalogue | None = None,
    n_samples: int = 10_000,
    seed: int = 20260302,
    check: CheckResult | None = None,
    fit_percentile: float | None = DEFAULT_FIT_PERCENTILE,
) -> PlanPreview:
    """Navigate the facts, pick the binding cap and build the plan.

    Only the permits the project needs are planned (``PermitSet.planned``, the
    one home of that decision); possible permits and alternatives are listed
    beside the plan with their reason and consequence (``permits_beside_plan``).
    Dependencies on permits that are not planned are reduced to planned ones.
    ``check`` is the answer of the one check computation
    (``rodloeber.checks.computation.run_check``) for ``data`` when the caller
    has it; it is computed here otherwise. Measures are fitted at
    ``fit_percentile`` durations; when nothing fits there, at the likely
    durations (the answer says which). Raises ``FactsError`` for invalid
    facts and ``PlanningError`` for an inconsistent catalogue.
    """
    cat = catalogue or load_catalogue()
    if check is None:
        check = check_project(data, kommune_names=kommune_names, catalogue=cat)
    permit_types = [
        dataclasses.replace(p.permit_type, depends_on=tuple(p.depends_on))
        for p in check.permits.planned()
    ]
    cap = plan_cap(check.eligibility.cap)
    coordination = load_coordination() if catalogue is None else None
    procedures: tuple[Procedure, ...] = ()
    notes: tuple[ClockNote, ...] = ()
    excluded: tuple[str, ...] = ()
    if coordination is not None:
        regime = regime_code(check.eligibility.cap) if cap.applies else None
        procedures, notes, excluded = coordination_inputs(
            coordination, regime, {p.code for p in permit_types}
        )
    links = [x for p in procedures for x in p.links]

    def plan_for(types: list[Any]) -> Plan:
        return build_plan(
            types,
            clock_start=clock_start,
            cap=cap,
            n_samples=n_samples,
            seed=seed,
            coordinated=links,
            clock_excluded=excluded,
            possible=[p.code for p in check.permits.permits if p.certainty == "possible"],
        )

    plan = plan_for(permit_types)
    fit: CapFit | None = None
    chosen: tuple[Measure, ...] = ()
    before: date | None = None
    at_percentile: CapFit | None = None
    if coordination is not None and cap.applies and plan.schedule is not None:

        def fit_at(q: float | None) -> CapFit:
            assert coordination is not None and plan.schedule is not None
            return fit_cap(
                permit_types,
                plan.schedule.graph,
                start=clock_start,
                deadline=plan.cap_deadline - timedelta(days=plan.excluded_days),
                measures=coordination.measures,
                excluded=excluded,
                percentile=q,
            )

        fit = fit_at(fit_percentile)
        if not fit.fits and fit_percentile is not None:
            at_likely = fit_at(None)
            if at_likely.fits:
                fit, at_percentile = at_likely, fit
        if fit.fits and fit.needed:
            chosen = tuple(m for m in coordination.measures if m.code in fit.chosen)
            saving: dict[str, int] = {}
            for m in chosen:
                saving[m.permit] = saving.get(m.permit, 0) + m.saving_days
            before = plan.cap_relevant_end
            plan = plan_for([shorten(p, saving.get(p.code, 0)) for p in permit_types])
    return PlanPreview(
        check=check,
        cap=cap,
        plan=plan,
        procedures=procedures,
        clock_notes=notes,
        cap_fit=fit,
        measures=chosen,
        end_without_measures=before,
        fit_at_percentile=at_percentile,
    )
