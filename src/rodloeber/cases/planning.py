"""Glue between stored cases and the planning engine (procesplan for en sag).

Permits are created from the navigator answer; the plan is computed by
``rodloeber.domain.planning.build_plan`` with the case's actual dates,
revised forecasts, pauses and approved extensions, and every computed plan is
appended as a :class:`PlanSnapshot` (the first one, at the acknowledgement, is
the frozen baseline). Called only from services, inside their transaction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q

from rodloeber.accounts.delegation_service import delegates_for
from rodloeber.accounts.models import Organisation
from rodloeber.cases.models import (
    GUIDANCE_CODE,
    Case,
    Milestone,
    Pause,
    Permit,
    PermitStatus,
    PlanSnapshot,
    RequestStatus,
)
from rodloeber.domain.catalogue import PermitType, load_catalogue
from rodloeber.domain.coordination import load_coordination
from rodloeber.domain.navigator.model import is_planned, reduce_dependencies
from rodloeber.domain.plan_preview import PlanCap, coordination_inputs
from rodloeber.domain.planning import (
    Clock,
    Extension,
    MilestoneUpdate,
    Plan,
    PlannedPermit,
    build_plan,
    extension_rules_for,
)
from rodloeber.domain.planning import Pause as DomainPause
from rodloeber.domain.planning.clock import Interval, excluded_intervals

#: Invest in Denmark's guidance milestone: a first guidance meeting within 30 days.
GUIDANCE_DAYS = 30


def plan_samples(n_samples: int | None = None) -> int:
    """Monte Carlo samples per re-plan: ``n_samples`` when a caller passes one (the
    demo loader passes fewer), else ``RODLOEBER_PLAN_SAMPLES`` (default 1000)."""
    if n_samples is not None:
        return n_samples
    return int(getattr(settings, "RODLOEBER_PLAN_SAMPLES", 1000))


def case_cap(case: Case) -> PlanCap:
    """The cap the case is measured against (stored at submission)."""
    return PlanCap(
        months=case.cap_months or 18,
        regime=case.cap_regime,
        legal_basis=case.cap_legal_basis,
        regime_en=case.cap_regime_en,
        applies=case.cap_applies,
    )


def _owners_for(codes: set[str]) -> dict[str, Organisation]:
    """The organisations with these authority codes (unique), in one query."""
    codes = {c for c in codes if c}
    if not codes:
        return {}
    return {
        o.authority_code: o
        for o in Organisation.objects.filter(authority_code__in=codes)
        if o.authority_code
    }


def create_permits(case: Case, navigator: Mapping[str, Any]) -> list[Permit]:
    """One :class:`Permit` per permit of the stored navigator answer (PermitSet
    JSON, ``case.navigator``), owned by the competent authority (the site's
    municipality by kommune_kode, or the agency by its code).

    Owners, delegations and the inserts take a constant number of queries
    however many permits the case has (issue #20)."""
    rows = list(navigator.get("permits", []))
    owners = _owners_for({p.get("authority_code") or "" for p in rows})
    originals = [owners.get(p.get("authority_code") or "") for p in rows]
    # a municipality's voluntary delegation (L 206 § 15) routes the permit to the delegate
    delegates = delegates_for([(o, p["code"]) for o, p in zip(originals, rows, strict=True)])
    permits = []
    for i, (p, original, delegate) in enumerate(zip(rows, originals, delegates, strict=True)):
        owner = delegate or original
        permits.append(
            Permit(
                case=case,
                code=p["code"],
                name_da=p["name_da"],
                name_en=p["name_en"],
                authority_level=p["authority_level"],
                authority_code=p.get("authority_code") or "",
                authority_name=owner.name if owner else p["authority"],
                owner=owner,
                original_owner=original,
                certainty=p["certainty"],
                counts_toward_cap=bool(p.get("counts_toward_cap", True)),
                depends_on=list(p.get("depends_on", [])),
                legal_basis=p["legal_basis"],
                position=i,
            )
        )
    return Permit.objects.bulk_create(permits)


def _permit_types(case: Case, permits: list[Permit]) -> list[PermitType]:
    """Catalogue types of the planned permits, with dependencies reduced through
    the case's permits that are not planned (the same reduction as the preview)."""
    catalogue = load_catalogue()
    deps = {p.code: tuple(p.depends_on) for p in case.permits.all()}
    reduced = reduce_dependencies(deps, {p.code for p in permits})
    return [
        dataclasses.replace(catalogue.permit_types[p.code], depends_on=reduced[p.code])
        for p in permits
    ]


def _planned_permits(case: Case) -> list[Permit]:
    """The permits the case plan holds: those the project needs (``is_planned``,
    ADR 0034/0035); possible and not-needed ones stay as rows beside the plan.
    Invest in Denmark's guidance track has its own milestone and is not planned."""
    return [
        p
        for p in case.permits.order_by("position", "id")
        if p.code != GUIDANCE_CODE and is_planned(p.certainty)
    ]


def domain_pauses(case: Case) -> list[DomainPause]:
    return [
        DomainPause(
            reason=p.reason,
            start=p.start,
            resume=p.resume,
            permit_code=p.permit.code,
            note=p.note,
        )
        for p in Pause.objects.filter(permit__case=case).select_related("permit")
        if p.permit.code != GUIDANCE_CODE
    ]


def domain_extensions(case: Case) -> list[Extension]:
    return [
        Extension(months=e.months, reason=e.reason, decided_on=e.decided_on, kind=e.kind)
        for e in case.extension_requests.filter(status=RequestStatus.APPROVED)
    ]


def _excluded(case: Case) -> tuple[Interval, ...]:
    """The periods the regime excludes from the limit, from the current plan.

    The plan stores which permits' running time is excluded (e.g. the EIA step
    under CRMA Art. 11(3)) and their dates; the same domain function turns
    them into clock intervals for the plan and for the case.
    """
    assert case.clock_start is not None
    snap = case.plans.filter(kind=PlanSnapshot.CURRENT).first()
    if snap is None or not snap.data.get("clock_excluded"):
        return ()
    spans = {
        p["code"]: (date.fromisoformat(p["start"]), date.fromisoformat(p["end"]))
        for p in snap.data.get("permits", [])
    }
    return excluded_intervals(spans, snap.data["clock_excluded"], case.clock_start)


def case_clock(case: Case, extra: Extension | None = None) -> Clock | None:
    """The cap clock (fristur) from the acknowledgement, or None before it.

    Pauses, approved extensions and the periods the regime excludes (as in
    the current plan) all move the deadline, so it equals the plan's.
    """
    if case.clock_start is None:
        return None
    extensions = domain_extensions(case) + ([extra] if extra else [])
    return Clock(
        start=case.clock_start,
        cap_months=case_cap(case).months,
        pauses=tuple(domain_pauses(case)),
        extensions=tuple(extensions),
        rules=extension_rules_for(case.cap_regime),
        excluded=_excluded(case),
    )


def clock_dict(case: Case, today: date) -> dict[str, Any]:
    """The ``clock`` field of the case API."""
    clock = case_clock(case)
    if clock is None:
        return {"started_on": None, "running": False, "deadline": None}
    at = case.decided_on or today
    status = clock.status(at)
    return {
        "started_on": case.clock_start.isoformat() if case.clock_start else None,
        "running": status.running and case.decided_on is None,
        "elapsed_days": status.elapsed_days,
        "stopped_days": status.stopped_days,
        "remaining_days": status.remaining_days,
        "deadline": status.deadline.isoformat(),
        "extension_months": clock.extension_months,
        "excluded_days": clock.excluded_days,
    }


def _updates(permits: list[Permit]) -> list[MilestoneUpdate]:
    out = []
    for m in Milestone.objects.filter(permit__in=permits).filter(
        Q(actual__isnull=False) | Q(forecast_manual=True)
    ):
        code = next(p.code for p in permits if p.pk == m.permit_id)
        out.append(
            MilestoneUpdate(
                permit_code=code,
                kind=m.kind,
                actual=m.actual,
                forecast=None if m.actual else m.forecast,
                reason=m.forecast_reason,
            )
        )
    return out


def case_regime_code(case: Case) -> str | None:
    """The code of the case's cap regime (the case stores its Danish label)."""
    if not case.cap_applies:
        return None
    return next(
        (r.code for r in load_catalogue().cap_regimes if r.label_da == case.cap_regime), None
    )


def compute_plan(
    case: Case, *, as_of: date | None, baseline: bool = False, n_samples: int | None = None
) -> Plan:
    """Build the case's plan; ``baseline=True`` ignores all updates and pauses.

    Coordinated procedures and the regime's clock exclusions come from
    ``catalogue/coordination.yaml`` (only verified exclusions move the deadline).
    """
    assert case.clock_start is not None
    permits = _planned_permits(case)
    types = _permit_types(case, permits)
    procedures, _notes, excluded = coordination_inputs(
        load_coordination(), case_regime_code(case), {t.code for t in types}
    )
    return build_plan(
        types,
        clock_start=case.clock_start,
        cap=case_cap(case),
        pauses=() if baseline else domain_pauses(case),
        extensions=() if baseline else domain_extensions(case),
        updates=() if baseline else _updates(permits),
        as_of=None if baseline else as_of,
        baseline=(
            None if baseline else compute_plan(case, as_of=None, baseline=True, n_samples=n_samples)
        ),
        extension_rules=extension_rules_for(case.cap_regime),
        n_samples=plan_samples(n_samples),
        coordinated=[x for p in procedures for x in p.links],
        clock_excluded=excluded,
    )


def _snapshot(case: Case, plan: Plan, kind: str) -> PlanSnapshot:
    return PlanSnapshot.objects.create(
        case=case,
        kind=kind,
        data=plan.to_dict(),
        p_within_cap=plan.p_within_cap,
        cap_deadline=plan.cap_deadline,
        expected_end=plan.expected_end,
    )


def milestone_rows(
    permit: Permit, planned: PlannedPermit, *, skip: Collection[str] = ()
) -> list[Milestone]:
    """Unsaved milestones of ``permit`` at the dates of its planned permit (planned =
    forecast), except the kinds in ``skip``; the one home for turning a plan into rows."""
    return [
        Milestone(
            permit=permit,
            kind=m.kind,
            position=i,
            planned=m.date,
            forecast=m.date,
            counts_toward_cap=m.counts_toward_cap,
        )
        for i, m in enumerate(planned.milestones)
        if m.kind not in skip
    ]


def freeze_baseline(case: Case, *, n_samples: int | None = None) -> PlanSnapshot:
    """Compute the first plan, freeze it as the baseline and create milestones."""
    plan = compute_plan(case, as_of=None, baseline=True, n_samples=n_samples)
    snap = _snapshot(case, plan, PlanSnapshot.BASELINE)
    by_code = {p.code: p for p in plan.permits}
    rows = []
    for permit in _planned_permits(case):
        rows += milestone_rows(permit, by_code[permit.code])
    Milestone.objects.bulk_create(rows)
    _store_current(case, plan)
    return snap


def _store_current(case: Case, plan: Plan) -> None:
    _snapshot(case, plan, PlanSnapshot.CURRENT)
    case.p_within_cap = plan.p_within_cap
    case.cap_deadline = plan.cap_deadline
    case.expected_end = plan.expected_end
    case.save(update_fields=["p_within_cap", "cap_deadline", "expected_end", "updated_at"])


def replan(case: Case, *, today: date, n_samples: int | None = None) -> Plan:
    """Recompute the current plan and move the engine's forecasts (not the
    authority's own forecasts or actual dates; versions are not bumped)."""
    plan = compute_plan(case, as_of=today, n_samples=n_samples)
    dates = {(p.code, m.kind): m.date for p in plan.permits for m in p.milestones}
    changed = []
    for m in Milestone.objects.filter(permit__case=case).select_related("permit"):
        if m.actual is not None or m.forecast_manual:
            continue
        new = dates.get((m.permit.code, m.kind))
        if new is not None and new != m.forecast:
            m.forecast = new
            changed.append(m)
    Milestone.objects.bulk_update(changed, ["forecast"])
    _store_current(case, plan)
    return plan


def add_guidance_permit(case: Case, idk: Organisation, on: date) -> Permit:
    """Invest in Denmark's own guidance track with one milestone (vejledningsmøde)."""
    permit, created = Permit.objects.get_or_create(
        case=case,
        code=GUIDANCE_CODE,
        defaults={
            "name_da": "Vejledning fra Invest in Denmark",
            "name_en": "Guidance from Invest in Denmark",
            "authority_level": "state",
            "authority_code": idk.authority_code or "",
            "authority_name": idk.name,
            "owner": idk,
            "original_owner": idk,
            "counts_toward_cap": False,
            "certainty": "required",
            "legal_basis": "Aftale om rød løber (21.11.2024), punkt 6",
            "position": 999,
        },
    )
    if created:
        due = on + timedelta(days=GUIDANCE_DAYS)
        Milestone.objects.create(
            permit=permit,
            kind="guidance_meeting",
            planned=due,
            forecast=due,
            counts_toward_cap=False,
        )
    return permit


def all_decided(case: Case) -> bool:
    """Every planned permit is decided (possible permits beside the plan do not hold
    the case open; one settled as needed is planned and counts)."""
    return all(
        p.status == PermitStatus.DECIDED
        for p in case.permits.exclude(code=GUIDANCE_CODE)
        if is_planned(p.certainty)
    )
