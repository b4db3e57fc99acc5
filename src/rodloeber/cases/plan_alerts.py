"""The cap alert for a case (fristvarsel): P(within cap) below a threshold.

Read from the case's current stored plan (no re-computation): its
probability, its risk drivers in words and, for the top driver, the cheapest
measures the catalogue offers. The threshold is ``RODLOEBER_PLAN_ALERT_THRESHOLD``
(default 0.8 = 80 %). Used on the case page (:func:`plan_alert_for_case`);
the task inbox reads the plans of all its cases at once with
:func:`plan_alerts_for_cases` (two queries however many cases).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import OuterRef, Subquery

from rodloeber.cases.models import Case, PlanSnapshot
from rodloeber.domain.coordination import Measure, load_coordination
from rodloeber.domain.planning.drivers import (
    DEFAULT_ALERT_THRESHOLD,
    PlanAlert,
    RiskDriver,
    plan_alert,
)

__all__ = ["CaseAlert", "alert_threshold", "plan_alert_for_case", "plan_alerts_for_cases"]


def alert_threshold() -> float:
    """``RODLOEBER_PLAN_ALERT_THRESHOLD`` (0..1), default 0.8."""
    value = float(getattr(settings, "RODLOEBER_PLAN_ALERT_THRESHOLD", DEFAULT_ALERT_THRESHOLD))
    return min(1.0, max(0.0, value))


@dataclass(frozen=True)
class CaseAlert:
    """The alert with the measures suggested for its top driver."""

    alert: PlanAlert
    suggestions: tuple[Measure, ...]

    def text(self, lang: str) -> str:
        return self.alert.text(lang)

    def suggestion_labels(self, lang: str) -> list[str]:
        return [m.label_en if lang == "en" else m.label_da for m in self.suggestions]


def _drivers(data: object) -> tuple[RiskDriver, ...]:
    out = []
    for d in data if isinstance(data, list) else []:
        if isinstance(d, dict) and isinstance(d.get("code"), str):
            out.append(
                RiskDriver(
                    code=d["code"],
                    name_da=str(d.get("name_da") or ""),
                    name_en=str(d.get("name_en") or ""),
                    criticality=float(d.get("criticality") or 0.0),
                    min_days=int(d.get("min_days") or 0),
                    max_days=int(d.get("max_days") or 0),
                    possible=bool(d.get("possible")),
                )
            )
    return tuple(out)


def plan_alert_for_case(case: Case) -> CaseAlert | None:
    """The alert for ``case`` when its current plan's P(within cap) is below the threshold."""
    snap = case.plans.filter(kind=PlanSnapshot.CURRENT).first()
    return None if snap is None else _alert_from(snap)


def plan_alerts_for_cases(cases: Iterable[Case]) -> dict[int, CaseAlert]:
    """The alerts of ``cases`` by case id (cases without an alert are left out).

    Reads the latest current plan of every case in two queries, however many
    cases: one for the latest plan ids, one for those plans."""
    ids = [c.pk for c in cases]
    if not ids:
        return {}
    latest = PlanSnapshot.objects.filter(case=OuterRef("pk"), kind=PlanSnapshot.CURRENT)
    plan_ids = (
        Case.objects.filter(pk__in=ids)
        .annotate(plan_id=Subquery(latest.order_by("-id").values("id")[:1]))
        .exclude(plan_id__isnull=True)
        .values_list("plan_id", flat=True)
    )
    out = {}
    for snap in PlanSnapshot.objects.filter(pk__in=list(plan_ids)):
        alert = _alert_from(snap)
        if alert is not None:
            out[snap.case_id] = alert
    return out


def _alert_from(snap: PlanSnapshot) -> CaseAlert | None:
    p = snap.data.get("p_within_cap")
    drivers = _drivers(snap.data.get("risk_drivers"))
    names = {x.get("code"): x for x in snap.data.get("permits", []) if isinstance(x, dict)}
    drivers = tuple(
        RiskDriver(
            d.code,
            d.name_da or str(names.get(d.code, {}).get("name_da", "")),
            d.name_en or str(names.get(d.code, {}).get("name_en", "")),
            d.criticality,
            d.min_days,
            d.max_days,
            d.possible,
        )
        for d in drivers
    )
    q = snap.data.get("p_within_cap_if_possible_not_needed")
    alert = plan_alert(
        float(p) if isinstance(p, int | float) else None,
        drivers,
        alert_threshold(),
        float(q) if isinstance(q, int | float) else None,
    )
    if alert is None:
        return None
    top = drivers[0].code if drivers else None
    measures = sorted(
        (m for m in load_coordination().measures if m.permit == top),
        key=lambda m: (m.effort, -m.saving_days),
    )
    return CaseAlert(alert, tuple(measures[:2]))
