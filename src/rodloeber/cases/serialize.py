"""Case JSON (the Cases API shape in ``docs/api.md``), shared by the API,
the export and the web UI. Only call with objects from the selectors."""

from __future__ import annotations

from datetime import date
from typing import Any

from rodloeber.accounts.models import User
from rodloeber.cases.models import (
    CallIn,
    Case,
    CaseStatus,
    Milestone,
    Permit,
    PermitStatus,
    RequestStatus,
)
from rodloeber.cases.planning import clock_dict
from rodloeber.cases.selectors import (
    editable_permits,
    is_case_manager,
    is_company_user_of,
)
from rodloeber.domain.legal_citations import legal_basis_en
from rodloeber.domain.planning import MILESTONE_KINDS, PAUSE_REASONS

_EXTRA_LABELS = {"guidance_meeting": ("Vejledningsmøde", "Guidance meeting")}


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def milestone_dict(m: Milestone, today: date) -> dict[str, Any]:
    kind = MILESTONE_KINDS.get(m.kind)
    da, en = (kind.label_da, kind.label_en) if kind else _EXTRA_LABELS.get(m.kind, (m.kind,) * 2)
    return {
        "id": m.pk,
        "kind": m.kind,
        "label_da": da,
        "label_en": en,
        "planned": m.planned.isoformat(),
        "forecast": m.forecast.isoformat(),
        "actual": _iso(m.actual),
        "version": m.version,
        "forecast_manual": m.forecast_manual,
        "forecast_reason": m.forecast_reason,
        "counts_toward_cap": m.counts_toward_cap,
        "overdue": m.actual is None and m.forecast < today,
        "delta_days": (m.forecast - m.planned).days,
    }


def permit_dict(p: Permit, today: date, editable: bool) -> dict[str, Any]:
    pauses = list(p.pauses.all())
    open_pause = next((x for x in pauses if x.resume is None), None)
    return {
        "id": p.pk,
        "code": p.code,
        "name_da": p.name_da,
        "name_en": p.name_en,
        "authority": {
            "name": p.owner.name if p.owner else p.authority_name,
            # English name of the owning organisation when it has one (the
            # stored authority_name of an unowned permit is Danish only)
            "name_en": (p.owner.name_en or p.owner.name) if p.owner else p.authority_name,
            "code": p.authority_code or None,
            "level": p.authority_level,
            "organisation_id": p.owner_id,
        },
        "status": p.status,
        "certainty": p.certainty,
        "counts_toward_cap": p.counts_toward_cap,
        "depends_on": list(p.depends_on),
        "legal_basis": p.legal_basis,
        "legal_basis_en": legal_basis_en(p.legal_basis),
        "decision": p.decision or None,
        "decision_date": _iso(p.decision_date),
        "appeal_period_end": _iso(p.appeal_period_end),
        "called_in": p.called_in,
        "editable": editable,
        "paused_since": _iso(open_pause.start) if open_pause else None,
        "pauses": [
            {
                "reason": x.reason,
                "label_da": PAUSE_REASONS[x.reason].label_da if x.reason in PAUSE_REASONS else "",
                "label_en": PAUSE_REASONS[x.reason].label_en if x.reason in PAUSE_REASONS else "",
                "stops_clock": x.stops_clock,
                "start": x.start.isoformat(),
                "resume": _iso(x.resume),
                "note": x.note,
            }
            for x in pauses
        ],
        "milestones": [milestone_dict(m, today) for m in p.milestones.all()],
    }


def contact_dict(case: Case) -> dict[str, Any] | None:
    u = case.contact_person
    if u is None:
        return None
    return {
        "id": u.pk,
        "name": u.get_full_name() or u.username,
        "email": u.email,
        "organisation": u.organisation.name if u.organisation else "",
        "how_to_reach": "E-mail or a message in the case (besked i sagen)",
    }


def cap_dict(case: Case) -> dict[str, Any]:
    return {
        "months": case.cap_months,
        "regime": case.cap_regime,
        "regime_en": case.cap_regime_en,
        "legal_basis": case.cap_legal_basis,
        "legal_basis_en": legal_basis_en(case.cap_legal_basis),
        "applies": case.cap_applies,
        "deadline": _iso(case.cap_deadline),
    }


def case_summary(case: Case, flags: list[str] | None = None) -> dict[str, Any]:
    """One row of the case list and the export."""
    site = case.facts.get("site") if isinstance(case.facts, dict) else None
    return {
        "id": case.pk,
        "reference": case.reference,
        "title": case.title,
        "status": case.status,
        "status_label": str(CaseStatus(case.status).label),
        "company": {"name": case.company.name, "cvr": case.company.cvr},
        "kommune_kode": site.get("kommune_kode") if isinstance(site, dict) else None,
        "contact_person": contact_dict(case),
        "eligible": case.eligible,
        "foreign_investor": case.foreign_investor,
        "submitted_at": case.submitted_at.isoformat() if case.submitted_at else None,
        "clock_start": _iso(case.clock_start),
        "cap_months": case.cap_months,
        "cap_deadline": _iso(case.cap_deadline),
        "expected_end": _iso(case.expected_end),
        "p_within_cap": case.p_within_cap,
        "risk_flags": flags or [],
        "synthetic": case.synthetic,
    }


def case_detail(case: Case, user: User, today: date) -> dict[str, Any]:
    """The full case for a caller who may see it."""
    editable = set(editable_permits(user).filter(case=case).values_list("id", flat=True))
    permits = case.permits.select_related("owner").prefetch_related("milestones", "pauses").all()
    data = case_summary(case)
    internal = is_case_manager(user) or is_company_user_of(user, case)
    data.update(
        {
            "facts": case.facts,
            "eligibility": case.eligibility,
            "eligibility_override": case.eligibility_override,
            "not_eligible_reason": case.not_eligible_reason,
            "cap": cap_dict(case),
            "clock": clock_dict(case, today),
            "investor_country": case.investor_country or None,
            "fdi_screening_flagged": case.fdi_screening_flagged,
            "information_request": {
                "requested_on": _iso(case.info_requested_on),
                "due_on": _iso(case.info_due_on),
                "text": case.info_request_text,
                "answered_at": case.info_answered_at.isoformat() if case.info_answered_at else None,
            }
            if case.info_request_count
            else None,
            "schedule_published_at": case.schedule_published_at.isoformat()
            if case.schedule_published_at
            else None,
            "public_schedule_id": str(case.public_id) if case.schedule_published_at else None,
            "decided_on": _iso(case.decided_on),
            "parties": [
                {
                    "organisation": p.organisation.name,
                    "role": p.role,
                    "left_at": p.left_at.isoformat() if p.left_at else None,
                }
                for p in case.parties.select_related("organisation")
            ],
            "permits": [permit_dict(p, today, p.pk in editable) for p in permits],
            "extension_requests": [
                {
                    "id": e.pk,
                    "permit_id": e.permit_id,
                    "kind": e.kind,
                    "months": e.months,
                    "reason": e.reason,
                    "status": e.status,
                    "decision_reason": e.decision_reason,
                    "decided_on": _iso(e.decided_on),
                }
                for e in case.extension_requests.all()
            ],
            "call_ins": [
                {
                    "id": c.pk,
                    "permit_id": c.permit_id,
                    "from": c.from_org.name,
                    "to": c.to_org.name,
                    "to_code": c.to_org.authority_code,
                    "reason": c.reason,
                    "status": c.status,
                    "decision_reason": c.decision_reason,
                }
                for c in _call_ins(case)
            ],
            "clock_events": [
                {"kind": e.kind, "on": e.on.isoformat(), "note": e.note}
                for e in case.clock_events.all()
            ],
            "contact_history": [
                {
                    "name": a.contact_person.get_full_name() or a.contact_person.username,
                    "reason": a.reason,
                    "automatic": a.automatic,
                    "assigned_at": a.assigned_at.isoformat(),
                }
                for a in case.contact_history.select_related("contact_person")
            ]
            if internal
            else [],
            "paused": any(p.status == PermitStatus.PAUSED for p in permits),
        }
    )
    return data


def _call_ins(case: Case) -> list[Any]:
    return list(
        CallIn.objects.filter(permit__case=case)
        .select_related("from_org", "to_org")
        .order_by("requested_at", "id")
    )


def pending_requests(case: Case) -> int:
    return case.extension_requests.filter(status=RequestStatus.PENDING).count()
