"""Permits (tilladelser) in a case, their milestones, pauses, extensions and call-ins."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rodloeber.accounts.models import Organisation
from rodloeber.cases.models.case import Case

#: Permit code of Invest in Denmark's guidance track (vejledning), not a real permit.
GUIDANCE_CODE = "invest_in_denmark_guidance"


class PermitStatus(models.TextChoices):
    """A permit's state: ``in_progress`` ⇄ ``paused`` → ``decided``."""

    IN_PROGRESS = "in_progress", _("In progress")
    PAUSED = "paused", _("Paused")
    DECIDED = "decided", _("Decided")


class DecisionOutcome(models.TextChoices):
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Permit(models.Model):
    """A permit (tilladelse) in a case, owned by its competent authority
    (kompetent myndighed). ``owner`` is None for permits outside the
    authorities on the platform (museum, grid company, embedded assessments);
    the case manager keeps those up to date."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="permits")
    code = models.CharField(max_length=64)
    name_da = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300)
    authority_level = models.CharField(max_length=20)
    authority_code = models.CharField(max_length=16, blank=True)
    authority_name = models.CharField(max_length=300)
    owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="permits"
    )
    original_owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    certainty = models.CharField(max_length=16, default="required")
    counts_toward_cap = models.BooleanField(default=True)
    depends_on = models.JSONField(default=list)
    legal_basis = models.TextField(blank=True)
    status = models.CharField(
        max_length=16, choices=PermitStatus.choices, default=PermitStatus.IN_PROGRESS
    )
    decision = models.CharField(max_length=16, choices=DecisionOutcome.choices, blank=True)
    decision_date = models.DateField(null=True, blank=True)
    appeal_period_end = models.DateField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    called_in = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["case_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "code"], name="unique_permit_code_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.code}"

    @property
    def is_guidance(self) -> bool:
        return self.code == GUIDANCE_CODE


class Milestone(models.Model):
    """A milestone (milepæl) of a permit.

    ``planned`` is the frozen baseline date (basisplan); ``forecast`` the
    current expected date (recomputed by the planning engine, or revised by
    the authority when ``forecast_manual``); ``actual`` the real date.
    ``version`` is bumped on every change an authority makes (optimistic
    locking with ``If-Match``); re-planning other milestones does not bump it.
    """

    permit = models.ForeignKey(Permit, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(max_length=40)
    position = models.PositiveSmallIntegerField(default=0)
    planned = models.DateField()
    forecast = models.DateField()
    forecast_manual = models.BooleanField(default=False)
    forecast_reason = models.TextField(blank=True)
    actual = models.DateField(null=True, blank=True)
    counts_toward_cap = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["permit_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["permit", "kind"], name="unique_milestone_kind")
        ]

    def __str__(self) -> str:
        return f"{self.permit_id}:{self.kind} v{self.version}"


class Pause(models.Model):
    """A pause (pause) of a permit with a controlled reason (planning PAUSE_REASONS)."""

    permit = models.ForeignKey(Permit, on_delete=models.CASCADE, related_name="pauses")
    reason = models.CharField(max_length=40)
    stops_clock = models.BooleanField()
    note = models.TextField(blank=True)
    start = models.DateField()
    resume = models.DateField(null=True, blank=True)
    resume_note = models.TextField(blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    resumed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return f"{self.permit_id} {self.reason} {self.start}–{self.resume or ''}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ExtensionRequest(models.Model):
    """A request to extend the cap (anmodning om fristforlængelse), decided by
    the case manager; at most once per kind and within the regime's months."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extension_requests")
    permit = models.ForeignKey(Permit, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, default="standard")
    months = models.PositiveSmallIntegerField()
    reason = models.TextField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} +{self.months}m {self.status}"


class CallIn(models.Model):
    """A municipality's request that a state authority takes over a permit
    (call-in / hjemtagelse). The row stays after the decision (history)."""

    permit = models.ForeignKey(Permit, on_delete=models.PROTECT, related_name="call_ins")
    from_org = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    to_org = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_at", "id"]

    def __str__(self) -> str:
        return f"{self.permit_id} {self.from_org_id}→{self.to_org_id} {self.status}"
