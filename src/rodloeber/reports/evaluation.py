"""The 2027 evaluation dataset (evalueringsdatasæt, aftalens punkt 24): one row
per case and one row per permit. Columns are documented in
``docs/evaluation-dataset.md``; keep both in step. Cases are identified by
their reference only: no company name, CVR or person (data minimisation)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any

from django.utils import timezone
from openpyxl import Workbook

from rodloeber.cases.models import (
    GUIDANCE_CODE,
    CallIn,
    ExtensionRequest,
    Pause,
    Permit,
    PlanSnapshot,
    RequestStatus,
)
from rodloeber.core.spreadsheet import neutralise
from rodloeber.domain.catalogue import load_catalogue
from rodloeber.domain.cpu_budget import checkpoint
from rodloeber.reports.figures import Scope, counted_cases, primary_category, region_of

CASE_COLUMNS: tuple[str, ...] = (
    "case_reference",
    "synthetic",
    "status",
    "submitted_on",
    "eligible",
    "criterion",
    "eligibility_override",
    "kommune_kode",
    "region_code",
    "foreign_investor",
    "information_requested",
    "clock_start",
    "cap_months",
    "cap_regime",
    "baseline_cap_deadline",
    "cap_deadline",
    "decided_on",
    "days_to_decision",
    "decided_within_cap",
    "permits",
    "permits_decided",
    "pauses",
    "extensions_requested",
    "extensions_approved",
    "call_ins_requested",
    "call_ins_approved",
    "schedule_published",
    "p_within_cap",
)
PERMIT_COLUMNS: tuple[str, ...] = (
    "case_reference",
    "synthetic",
    "permit_code",
    "permit_name_da",
    "authority_level",
    "authority_code",
    "authority_name",
    "original_authority_code",
    "called_in",
    "counts_toward_cap",
    "status",
    "decision",
    "decision_date",
    "processing_days",
    "service_target_days",
    "within_service_target",
    "pauses",
    "pause_days",
)


def _iso(value: Any) -> str:
    return value.isoformat() if value else ""


def case_rows(scope: Scope) -> list[dict[str, Any]]:
    cases = list(counted_cases(scope).order_by("reference"))
    ids = [c.pk for c in cases]
    permits = Counter(
        Permit.objects.filter(case_id__in=ids)
        .exclude(code=GUIDANCE_CODE)
        .values_list("case_id", flat=True)
    )
    decided = Counter(
        Permit.objects.filter(case_id__in=ids, decision_date__isnull=False)
        .exclude(code=GUIDANCE_CODE)
        .values_list("case_id", flat=True)
    )
    pauses = Counter(
        Pause.objects.filter(permit__case_id__in=ids).values_list("permit__case_id", flat=True)
    )
    ext_all = Counter(
        ExtensionRequest.objects.filter(case_id__in=ids).values_list("case_id", flat=True)
    )
    ext_ok = Counter(
        ExtensionRequest.objects.filter(case_id__in=ids, status=RequestStatus.APPROVED).values_list(
            "case_id", flat=True
        )
    )
    ci_all = Counter(
        CallIn.objects.filter(permit__case_id__in=ids).values_list("permit__case_id", flat=True)
    )
    ci_ok = Counter(
        CallIn.objects.filter(permit__case_id__in=ids, status=RequestStatus.APPROVED).values_list(
            "permit__case_id", flat=True
        )
    )
    baselines = {
        s.case_id: s.cap_deadline
        for s in PlanSnapshot.objects.filter(case_id__in=ids, kind=PlanSnapshot.BASELINE)
    }
    rows = []
    for c in cases:
        days = (c.decided_on - c.clock_start).days if c.decided_on and c.clock_start else None
        within = c.decided_on <= c.cap_deadline if c.decided_on and c.cap_deadline else None
        rows.append(
            {
                "case_reference": c.reference,
                "synthetic": c.synthetic,
                "status": c.status,
                "submitted_on": _iso(
                    timezone.localdate(c.submitted_at) if c.submitted_at else None
                ),
                "eligible": c.eligible,
                "criterion": primary_category(c.eligibility)[0],
                "eligibility_override": bool(c.eligibility_override),
                "kommune_kode": ((c.facts or {}).get("site") or {}).get("kommune_kode") or "",
                "region_code": region_of(c)[0],
                "foreign_investor": c.foreign_investor,
                "information_requested": c.info_request_count > 0,
                "clock_start": _iso(c.clock_start),
                "cap_months": c.cap_months,
                "cap_regime": c.cap_regime,
                "baseline_cap_deadline": _iso(baselines.get(c.pk)),
                "cap_deadline": _iso(c.cap_deadline),
                "decided_on": _iso(c.decided_on),
                "days_to_decision": days,
                "decided_within_cap": within,
                "permits": permits[c.pk],
                "permits_decided": decided[c.pk],
                "pauses": pauses[c.pk],
                "extensions_requested": ext_all[c.pk],
                "extensions_approved": ext_ok[c.pk],
                "call_ins_requested": ci_all[c.pk],
                "call_ins_approved": ci_ok[c.pk],
                "schedule_published": c.schedule_published_at is not None,
                "p_within_cap": c.p_within_cap,
            }
        )
    return rows


def permit_rows(scope: Scope) -> list[dict[str, Any]]:
    catalogue = load_catalogue()
    qs = (
        Permit.objects.filter(case__in=counted_cases(scope))
        .exclude(code=GUIDANCE_CODE)
        .select_related("case", "owner", "original_owner")
        .prefetch_related("pauses")
        .order_by("case__reference", "position", "id")
    )
    rows = []
    for p in qs:
        target = getattr(catalogue.permit_types.get(p.code), "service_target_days", None)
        days = (
            (p.decision_date - p.case.clock_start).days
            if p.decision_date and p.case.clock_start
            else None
        )
        pauses = list(p.pauses.all())
        rows.append(
            {
                "case_reference": p.case.reference,
                "synthetic": p.case.synthetic,
                "permit_code": p.code,
                "permit_name_da": p.name_da,
                "authority_level": p.authority_level,
                "authority_code": (p.owner.authority_code if p.owner else p.authority_code) or "",
                "authority_name": p.owner.name if p.owner else p.authority_name,
                "original_authority_code": (
                    p.original_owner.authority_code if p.original_owner else ""
                )
                or "",
                "called_in": p.called_in,
                "counts_toward_cap": p.counts_toward_cap,
                "status": p.status,
                "decision": p.decision,
                "decision_date": _iso(p.decision_date),
                "processing_days": days,
                "service_target_days": target,
                "within_service_target": None if days is None or target is None else days <= target,
                "pauses": len(pauses),
                "pause_days": sum(((x.resume or scope.today) - x.start).days for x in pauses),
            }
        )
    return rows


def _cell(v: Any) -> Any:
    if v is None:
        return ""
    return neutralise(v)


def to_csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";")
    w.writerow(columns)
    for r in rows:
        checkpoint("export")
        w.writerow([_cell(r[c]) for c in columns])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(scope: Scope) -> bytes:
    wb = Workbook()
    sheets = (
        ("sager", CASE_COLUMNS, case_rows(scope)),
        ("tilladelser", PERMIT_COLUMNS, permit_rows(scope)),
    )
    for i, (title, cols, rows) in enumerate(sheets):
        ws = wb.active if i == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = title
        ws.append(list(cols))
        for r in rows:
            checkpoint("export")
            ws.append([_cell(r[c]) for c in cols])
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
