"""The case's stored plan (procesplan) as a Gantt chart with a table alternative.

A presenter, not a view: the case page (``cases.views.detail``) and the
published schedule (``reports.views.public``) both show it, so it lives in
the app beside its models rather than in ``cases.views``.

The current :class:`PlanSnapshot` holds the Plan contract JSON; it is turned
back into a :class:`Plan` so the planning engine's own renderer draws it —
no re-computation on a page view.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rodloeber.cases.models import Case, PlanSnapshot
from rodloeber.cases.plan_alerts import plan_alert_for_case
from rodloeber.cases.planning import case_cap
from rodloeber.core.gantt import gantt_inline, gantt_rows
from rodloeber.domain.planning import Plan
from rodloeber.domain.planning.clock import ClockStatus
from rodloeber.domain.planning.forecast import MilestoneDate
from rodloeber.domain.planning.plan import PlannedPermit


def _d(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _req(value: Any) -> date:
    d = _d(value)
    assert d is not None
    return d


def plan_from_snapshot(case: Case, data: dict[str, Any]) -> Plan:
    """A :class:`Plan` for drawing, from the stored contract JSON."""
    permits = tuple(
        PlannedPermit(
            code=p["code"],
            name_da=p.get("name_da", ""),
            name_en=p.get("name_en", ""),
            authority_level=p.get("authority_level", ""),
            counts_toward_cap=bool(p.get("counts_toward_cap", True)),
            start=_req(p["start"]),
            end=_req(p["end"]),
            latest_end=_req(p.get("latest_end") or p["end"]),
            total_float_days=int(p.get("total_float_days") or 0),
            on_critical_path=bool(p.get("on_critical_path")),
            milestones=tuple(
                MilestoneDate(
                    kind=m["kind"],
                    date=_req(m["date"]),
                    status=m.get("status", "planned"),
                    counts_toward_cap=bool(m.get("counts_toward_cap", True)),
                )
                for m in p.get("milestones", [])
            ),
            depends_on=tuple(p.get("depends_on", [])),
            criticality=p.get("criticality"),
            baseline_start=_d(p.get("baseline_start")),
            baseline_end=_d(p.get("baseline_end")),
        )
        for p in data.get("permits", [])
    )
    clock = data.get("clock") or {}
    deadline = _req(data["cap_deadline"])
    return Plan(
        clock_start=_req(data["clock_start"]),
        cap=case_cap(case),
        cap_deadline=deadline,
        permits=permits,
        expected_end=_req(data["expected_end"]),
        cap_relevant_end=_req(data.get("cap_relevant_end") or data["expected_end"]),
        critical_path=tuple(data.get("critical_path", [])),
        clock=ClockStatus(
            at=_d(clock.get("at")) or deadline,
            elapsed_days=int(clock.get("elapsed_days") or 0),
            stopped_days=int(clock.get("stopped_days") or 0),
            remaining_days=int(clock.get("remaining_days") or 0),
            running=bool(clock.get("running")),
            deadline=deadline,
        ),
        as_of=_d(data.get("as_of")),
    )


def current_plan(case: Case) -> Plan | None:
    """The case's current stored plan, ready to draw (None before there is one)."""
    snap = case.plans.filter(kind=PlanSnapshot.CURRENT).first()
    return None if snap is None else plan_from_snapshot(case, snap.data)


def plan_context(case: Case, language: str, today: date) -> dict[str, Any]:
    """``gantt_svg`` (safe SVG) and ``plan_rows`` for the template, or nothing."""
    plan = current_plan(case)
    if plan is None:
        return {}
    alert = plan_alert_for_case(case)
    return {
        "plan_alert": None
        if alert is None
        else {"text": alert.text(language), "suggestions": alert.suggestion_labels(language)},
        "gantt_svg": gantt_inline(plan, lang=language, today=today),
        "plan_rows": gantt_rows(plan, lang=language, today=today),
        "plan": plan,
    }
