"""Pydantic schemas of the Cases API (field names fixed by docs/api.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema

from rodloeber.checks.api.schemas import PlanOut


class CompanyOut(Schema):
    name: str
    cvr: str | None


class ContactOut(Schema):
    id: int
    name: str
    email: str
    organisation: str
    how_to_reach: str


class CapOut(Schema):
    months: int | None
    regime: str
    regime_en: str
    legal_basis: str
    legal_basis_en: str
    applies: bool
    deadline: str | None


class MilestoneOut(Schema):
    id: int
    kind: str
    label_da: str
    label_en: str
    planned: dt.date
    forecast: dt.date
    actual: dt.date | None
    version: int
    forecast_manual: bool
    forecast_reason: str
    counts_toward_cap: bool
    overdue: bool
    delta_days: int


class AuthorityOut(Schema):
    name: str
    name_en: str
    code: str | None
    level: str
    organisation_id: int | None


class PauseOut(Schema):
    reason: str
    label_da: str
    label_en: str
    stops_clock: bool
    start: dt.date
    resume: dt.date | None
    note: str


class PermitOut(Schema):
    id: int
    code: str
    name_da: str
    name_en: str
    authority: AuthorityOut
    status: str
    certainty: str
    counts_toward_cap: bool
    depends_on: list[str]
    legal_basis: str
    legal_basis_en: str
    decision: str | None
    decision_date: dt.date | None
    appeal_period_end: dt.date | None
    called_in: bool
    editable: bool
    paused_since: dt.date | None
    pauses: list[PauseOut]
    milestones: list[MilestoneOut]


class CaseSummaryOut(Schema):
    id: int
    reference: str
    title: str
    status: str
    status_label: str
    company: CompanyOut
    kommune_kode: str | None
    contact_person: ContactOut | None
    eligible: bool | None
    foreign_investor: bool
    submitted_at: str | None
    clock_start: dt.date | None
    cap_months: int | None
    cap_deadline: dt.date | None
    expected_end: dt.date | None
    p_within_cap: float | None
    risk_flags: list[str]
    synthetic: bool


class CaseOut(CaseSummaryOut):
    facts: dict[str, Any]
    eligibility: dict[str, Any] | None
    eligibility_override: str
    not_eligible_reason: str
    cap: CapOut
    clock: dict[str, Any]
    investor_country: str | None
    fdi_screening_flagged: bool
    information_request: dict[str, Any] | None
    schedule_published_at: str | None
    public_schedule_id: str | None
    decided_on: dt.date | None
    parties: list[dict[str, Any]]
    permits: list[PermitOut]
    extension_requests: list[dict[str, Any]]
    call_ins: list[dict[str, Any]]
    clock_events: list[dict[str, Any]]
    contact_history: list[dict[str, Any]]
    paused: bool


class CaseCreateIn(Schema):
    facts: dict[str, Any]
    company_cvr: str = Field(..., min_length=8, max_length=8)
    saved_check_id: int | None = None


class DraftCreateIn(Schema):
    company_cvr: str = Field(..., min_length=8, max_length=8)
    facts: dict[str, Any] | None = None
    saved_check_id: int | None = None
    title: str = ""


class DraftUpdateIn(Schema):
    facts: dict[str, Any]
    title: str | None = None
    version: int | None = None


class TextIn(Schema):
    text: str = Field(..., max_length=20_000)


class ReasonIn(Schema):
    reason: str = Field("", max_length=5000)


class AcknowledgeIn(Schema):
    date: dt.date
    eligibility_override: str = Field("", max_length=5000)


class ReassignIn(Schema):
    contact_person_id: int
    reason: str = Field(..., max_length=5000)


class ForeignInvestorIn(Schema):
    investor_country: str = Field(..., min_length=2, max_length=2)


class MilestonePatchIn(Schema):
    actual: dt.date | None = None
    forecast: dt.date | None = None
    reason: str = Field("", max_length=5000)


class PauseIn(Schema):
    reason: str = Field("", max_length=40)
    note: str = Field("", max_length=5000)
    date: dt.date | None = None


class SettleIn(Schema):
    """Settle a possible permit: ``required`` (needed), ``not_needed`` or ``possible`` (undo)."""

    certainty: str = Field(..., max_length=16, examples=["required"])


class DecisionIn(Schema):
    outcome: Literal["granted", "refused", "withdrawn"]
    date: dt.date
    appeal_period_end: dt.date | None = None
    note: str = Field("", max_length=5000)


class ExtensionIn(Schema):
    months: int = Field(..., ge=1, le=12)
    reason: str = Field(..., max_length=5000)
    kind: str = "standard"


class ExtensionOut(Schema):
    id: int
    case_id: int
    permit_id: int
    kind: str
    months: int
    reason: str
    status: str
    decision_reason: str
    decided_on: dt.date | None


class DecideIn(Schema):
    approve: bool
    reason: str = Field(..., max_length=5000)


class CallInIn(Schema):
    authority_code: str = Field(..., max_length=16)
    reason: str = Field(..., max_length=5000)


class CallInOut(Schema):
    id: int
    permit_id: int
    from_code: str | None
    to_code: str | None
    reason: str
    status: str
    decision_reason: str


class WorkloadOut(Schema):
    user_id: int
    username: str
    name: str
    open_cases: int
    weighted: int


class DashboardOut(Schema):
    my_cases: list[CaseSummaryOut]
    at_risk: list[CaseSummaryOut]
    workload: list[WorkloadOut]
    counts_by_status: dict[str, int]
    risk_threshold: float
    paused_too_long_days: int


class DocumentOut(Schema):
    id: int
    filename: str
    content_type: str
    size: int
    sha256: str
    description: str
    uploaded_by: str
    organisation: str | None
    created_at: str


class MessageIn(Schema):
    body: str = Field(..., max_length=20_000)
    subject: str = Field("", max_length=300)
    thread_id: int | None = None


class MessageOut(Schema):
    id: int
    thread_id: int | None
    author: str
    organisation: str | None
    subject: str
    body: str
    created_at: str
    read_by: list[str]
    read_by_me: bool


class NoticeOut(Schema):
    id: int
    case_id: int | None
    subject: str
    body: str
    created_at: str
    read_at: str | None


class CasePlanOut(Schema):
    """The case's current process plan and its frozen baseline (the Plan shape of
    ``POST /plans/preview``; the baseline is null until the clock starts)."""

    current: PlanOut
    baseline: PlanOut | None


class ScheduleMilestoneOut(Schema):
    kind: str
    planned: str
    forecast: str
    actual: str | None


class SchedulePermitOut(Schema):
    name_da: str
    name_en: str
    authority: str
    status: str
    milestones: list[ScheduleMilestoneOut]


class ScheduleOut(Schema):
    """A published timetable (NZIA art. 9(11)): no company data beyond the title."""

    title: str
    reference: str
    clock_start: str | None
    cap_months: int | None
    cap_deadline: str | None
    published_at: str | None
    as_of: str
    permits: list[SchedulePermitOut]
