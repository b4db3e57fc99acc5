"""Published schedules (offentliggjorte tidsplaner, NZIA art. 9(11)): the public
list and one page per project whose schedule the case manager published with
the company's consent (``Case.schedule_published_at``, set only by
``case_publish_schedule``).

Only the project title, reference, dates, permits, authorities and the
*controlled* reasons of changes are shown: no company name, CVR, person or
free text (notes and written reasons may hold confidential information).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from rodloeber.cases.models import (
    CallIn,
    Case,
    CaseStatus,
    ClockEvent,
    ClockEventKind,
    ExtensionRequest,
    Milestone,
    Pause,
    PlanSnapshot,
    RequestStatus,
)
from rodloeber.domain.planning import PAUSE_REASONS
from rodloeber.reports.figures import Scope


def published_cases(scope: Scope) -> QuerySet[Case]:
    qs = Case.objects.filter(schedule_published_at__isnull=False).exclude(
        status__in=[CaseStatus.DRAFT, CaseStatus.WITHDRAWN]
    )
    if not scope.include_demo:
        qs = qs.filter(synthetic=False)
    return qs.order_by("-schedule_published_at", "-id")


def published_case(scope: Scope, public_id: Any) -> Case | None:
    return published_cases(scope).filter(public_id=public_id).first()


def schedule_summary(case: Case) -> dict[str, Any]:
    """One row of the public list."""
    baseline = case.plans.filter(kind=PlanSnapshot.BASELINE).order_by("id").first()
    return {
        "public_id": str(case.public_id),
        "title": case.title,
        "reference": case.reference,
        "status": case.status,
        "status_label": str(CaseStatus(case.status).label),
        "clock_start": case.clock_start,
        "cap_months": case.cap_months,
        "baseline_deadline": baseline.cap_deadline if baseline else None,
        "cap_deadline": case.cap_deadline,
        "expected_end": case.expected_end,
        "decided_on": case.decided_on,
        "synthetic": case.synthetic,
    }


def _reason(code: str, lang: str) -> str:
    r = PAUSE_REASONS.get(code)
    if r is None:
        return code
    return r.label_en if lang == "en" else r.label_da


def schedule_changes(case: Case, lang: str = "da") -> list[dict[str, Any]]:
    """The timetable's changes, oldest first: (date, what, reason)."""
    en = lang == "en"
    out: list[dict[str, Any]] = []
    pauses = Pause.objects.filter(permit__case=case).select_related("permit")
    for p in pauses:
        name = p.permit.name_en if en else p.permit.name_da
        out.append(
            {
                "on": p.start,
                "kind": "pause",
                "what": (f"Paused: {name}" if en else f"Sat på pause: {name}"),
                "reason": _reason(p.reason, lang),
            }
        )
        if p.resume:
            out.append(
                {
                    "on": p.resume,
                    "kind": "resume",
                    "what": (f"Resumed: {name}" if en else f"Genoptaget: {name}"),
                    "reason": "",
                }
            )
    exts = ExtensionRequest.objects.filter(case=case, status=RequestStatus.APPROVED)
    for e in exts:
        out.append(
            {
                "on": e.decided_on,
                "kind": "extension",
                "what": (
                    f"Cap extended by {e.months} months"
                    if en
                    else f"Fristen forlænget med {e.months} måneder"
                ),
                "reason": ("Approved extension" if en else "Godkendt fristforlængelse")
                + f" ({e.kind})",
            }
        )
    callins = CallIn.objects.filter(
        permit__case=case, status=RequestStatus.APPROVED
    ).select_related("permit", "to_org")
    for c in callins:
        name = c.permit.name_en if en else c.permit.name_da
        out.append(
            {
                "on": timezone.localdate(c.decided_at) if c.decided_at else None,
                "kind": "call_in",
                "what": (
                    f"Taken over by {c.to_org.name}: {name}"
                    if en
                    else f"Hjemtaget af {c.to_org.name}: {name}"
                ),
                "reason": "Call-in (hjemtagelse)" if en else "Hjemtagelse",
            }
        )
    revised = Milestone.objects.filter(permit__case=case, forecast_manual=True).select_related(
        "permit"
    )
    for m in revised:
        if m.forecast == m.planned:
            continue
        name = m.permit.name_en if en else m.permit.name_da
        delta = (m.forecast - m.planned).days
        out.append(
            {
                "on": timezone.localdate(m.updated_at),
                "kind": "forecast",
                "what": (
                    f"{name}: {m.kind} expected {m.forecast.isoformat()} "
                    f"({delta:+d} days against the baseline)"
                    if en
                    else f"{name}: {m.kind} forventes {m.forecast.isoformat()} "
                    f"({delta:+d} dage i forhold til basisplanen)"
                ),
                "reason": ("Revised by the authority" if en else "Revideret af myndigheden"),
            }
        )
    ended = ClockEvent.objects.filter(case=case, kind=ClockEventKind.ENDED).first()
    if ended:
        out.append(
            {
                "on": ended.on,
                "kind": "ended",
                "what": "All permits decided" if en else "Alle tilladelser afgjort",
                "reason": "",
            }
        )
    far = date(9999, 12, 31)
    out.sort(key=lambda r: (r["on"] or far, r["kind"]))
    return out
