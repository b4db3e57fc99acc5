"""The case (sag i Én indgang), its parties, contact history, clock and plan snapshots."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rodloeber.accounts.models import Organisation


class CaseStatus(models.TextChoices):
    """States of a case (sagens tilstande). Transitions only through services.

    ``draft`` (kladde) → ``submitted`` (indsendt) → [``information_requested``
    (afventer oplysninger) → ``submitted``, at most once] → ``in_progress``
    (under behandling; the clock runs from the completeness acknowledgement,
    fuldstændighedserklæring) → ``decided`` (afgjort: every permit decided).
    ``submitted``/``information_requested`` → ``not_eligible`` (afvist, ikke
    omfattet af Én indgang) by the case manager with reasons.
    ``draft``/``submitted``/``information_requested`` → ``withdrawn``
    (trukket tilbage) by the company. Pauses and extensions belong to permits
    and the clock; they are not case states (see ``Case.is_paused``).
    """

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    INFORMATION_REQUESTED = "information_requested", _("Waiting for information")
    IN_PROGRESS = "in_progress", _("In progress")
    DECIDED = "decided", _("Decided")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: States in which a case counts toward a case manager's workload.
OPEN_STATUSES = (
    CaseStatus.SUBMITTED,
    CaseStatus.INFORMATION_REQUESTED,
    CaseStatus.IN_PROGRESS,
)

#: Allowed transitions (from → to); services check them via ``Case.can_move``.
TRANSITIONS: dict[str, frozenset[str]] = {
    CaseStatus.DRAFT: frozenset({CaseStatus.SUBMITTED, CaseStatus.WITHDRAWN}),
    CaseStatus.SUBMITTED: frozenset(
        {
            CaseStatus.INFORMATION_REQUESTED,
            CaseStatus.IN_PROGRESS,
            CaseStatus.NOT_ELIGIBLE,
            CaseStatus.WITHDRAWN,
        }
    ),
    CaseStatus.INFORMATION_REQUESTED: frozenset(
        {
            CaseStatus.SUBMITTED,
            CaseStatus.IN_PROGRESS,
            CaseStatus.NOT_ELIGIBLE,
            CaseStatus.WITHDRAWN,
        }
    ),
    CaseStatus.IN_PROGRESS: frozenset({CaseStatus.DECIDED}),
    CaseStatus.DECIDED: frozenset(),
    CaseStatus.NOT_ELIGIBLE: frozenset(),
    CaseStatus.WITHDRAWN: frozenset(),
}


class Case(models.Model):
    """A one-stop-shop case (sag): one project of one company.

    ``facts`` is the ProjectFacts JSON; ``eligibility`` and ``navigator`` are
    the answers computed at submission (re-checked on submit, kept even when
    the project is not eligible so the explanation is never lost).
    """

    reference = models.CharField(max_length=20, unique=True)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=300)
    company = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="cases")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cases_created"
    )
    status = models.CharField(max_length=32, choices=CaseStatus.choices, default=CaseStatus.DRAFT)
    facts = models.JSONField(default=dict)
    eligibility = models.JSONField(null=True, blank=True)
    navigator = models.JSONField(null=True, blank=True)
    # The rule catalogue version the stored check (eligibility, navigator) was
    # decided on; permits are created from that stored result at acknowledgement.
    catalogue_version = models.CharField(max_length=20, blank=True)
    eligible = models.BooleanField(null=True)
    saved_check_id = models.BigIntegerField(null=True, blank=True)
    # The binding cap (loft) at submission.
    cap_months = models.PositiveSmallIntegerField(null=True, blank=True)
    cap_regime = models.CharField(max_length=300, blank=True)
    cap_regime_en = models.CharField(max_length=300, blank=True)
    cap_legal_basis = models.CharField(max_length=500, blank=True)
    cap_applies = models.BooleanField(default=False)
    size_weight = models.PositiveSmallIntegerField(default=1)
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contact_cases",
    )
    foreign_investor = models.BooleanField(default=False)
    investor_country = models.CharField(max_length=2, blank=True)
    fdi_screening_flagged = models.BooleanField(default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    info_requested_on = models.DateField(null=True, blank=True)
    info_due_on = models.DateField(null=True, blank=True)
    info_request_text = models.TextField(blank=True)
    info_request_count = models.PositiveSmallIntegerField(default=0)
    info_answered_at = models.DateTimeField(null=True, blank=True)
    clock_start = models.DateField(null=True, blank=True)
    eligibility_override = models.TextField(blank=True)
    not_eligible_reason = models.TextField(blank=True)
    schedule_published_at = models.DateTimeField(null=True, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    p_within_cap = models.FloatField(null=True, blank=True)
    cap_deadline = models.DateField(null=True, blank=True)
    expected_end = models.DateField(null=True, blank=True)
    draft_version = models.PositiveIntegerField(default=1)
    synthetic = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["company", "status"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def can_move(self, to: str) -> bool:
        """True when ``status → to`` is an allowed transition."""
        return to in TRANSITIONS.get(self.status, frozenset())

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class PartyRole(models.TextChoices):
    """A party's role in the case (partsrolle)."""

    COMPANY = "company", _("Company")
    CONTACT = "contact", _("One-stop-shop (contact person)")
    AUTHORITY = "authority", _("Authority")
    INVEST_IN_DENMARK = "invest_in_denmark", _("Invest in Denmark")


class CaseParty(models.Model):
    """An organisation taking part in a case (sagspart). Rows are never deleted;
    ``left_at`` marks a party whose last permit moved away (call-in)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=32, choices=PartyRole.choices)
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "organisation", "role"], name="unique_party")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.organisation_id} ({self.role})"


class ContactAssignment(models.Model):
    """History of contact persons (kontaktperson) on a case, appended only."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contact_history")
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)
    automatic = models.BooleanField(default=False)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["assigned_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.contact_person_id}"


class ClockEventKind(models.TextChoices):
    STARTED = "started", _("Clock started")
    STOPPED = "stopped", _("Clock stopped (pause)")
    RESUMED = "resumed", _("Clock resumed")
    EXTENDED = "extended", _("Cap extended")
    ENDED = "ended", _("All permits decided")


class ClockEvent(models.Model):
    """An event on the cap clock (fristur), appended only."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="clock_events")
    kind = models.CharField(max_length=16, choices=ClockEventKind.choices)
    on = models.DateField()
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.on}"


class PlanSnapshot(models.Model):
    """A computed process plan (procesplan): the frozen ``baseline`` (basisplan)
    at acknowledgement and each re-computed ``current`` plan (appended)."""

    BASELINE = "baseline"
    CURRENT = "current"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plans")
    kind = models.CharField(max_length=10, choices=[(BASELINE, BASELINE), (CURRENT, CURRENT)])
    data = models.JSONField()
    p_within_cap = models.FloatField(null=True, blank=True)
    cap_deadline = models.DateField()
    expected_end = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} #{self.pk}"


class IdempotencyKey(models.Model):
    """A used ``Idempotency-Key`` (per caller): the body's hash and the case created."""

    key = models.CharField(max_length=200)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body_hash = models.CharField(max_length=64)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="unique_idempotency_key")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"
