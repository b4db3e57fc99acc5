"""Industrial parks (industriparker, L 206 § 13): rounds, applications,
screening reports, evaluations and designated parks.

Writes go through ``rodloeber.parks.services`` and ``rodloeber.parks.lifecycle``
(one audit event each); reads through ``rodloeber.parks.selectors``.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rodloeber.accounts.models import Organisation
from rodloeber.core.uploads import UploadedDocument


class ApplicationRound(models.Model):
    """An application round (ansøgningsrunde) opened by an administrator."""

    title = models.CharField(max_length=200)
    deadline = models.DateTimeField()
    rules_text = models.TextField(blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    synthetic = models.BooleanField(default=False)
    #: Published facts about the round, each with its source (parks/data/round_2025.yaml).
    public_facts = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-deadline"]

    def __str__(self) -> str:
        return self.title

    def is_open(self, now: Any = None) -> bool:
        return (now or timezone.now()) < self.deadline


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    DESIGNATED = "designated", _("Designated")
    NOT_DESIGNATED = "not_designated", _("Not designated")


class ParkApplication(models.Model):
    """A municipal council's application (ansøgning) for an industrial park.

    Joint applications list every applying municipality in ``municipalities``;
    ``lead_municipality`` is the one that created it. ``geometry`` is GeoJSON
    in EPSG:4326 as submitted; ``area_ha`` is computed in EPSG:25832.
    """

    round = models.ForeignKey(
        ApplicationRound, on_delete=models.PROTECT, related_name="applications"
    )
    name = models.CharField(max_length=200)
    lead_municipality = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="park_applications_led"
    )
    municipalities = models.ManyToManyField(Organisation, related_name="park_applications")
    geometry = models.JSONField()
    area_ha = models.FloatField()
    region_code = models.CharField(max_length=4, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decision_reasons = models.TextField(blank=True)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_draft(self) -> bool:
        return self.status == ApplicationStatus.DRAFT

    @property
    def geometry_json(self) -> str:
        return json.dumps(self.geometry)

    def latest_screening(self) -> ScreeningRecord | None:
        return self.screenings.order_by("-created_at", "-id").first()


class AttachmentKind(models.TextChoices):
    LETTER_OF_INTENT = "letter_of_intent", _("Letter of intent")
    COUNCIL_DECISION = "council_decision", _("Council decision")
    MAP = "map", _("Map or drawing")
    OTHER = "other", _("Other")


def _attachment_path(instance: ApplicationAttachment, filename: str) -> str:
    # A random name: the user's file name is never part of the path.
    return f"parks/attachments/{instance.application_id}/{uuid.uuid4().hex}"


class ApplicationAttachment(UploadedDocument):
    """A file attached to an application (bilag), e.g. a letter of intent or the
    council's decision. Stored under MEDIA_ROOT (never served directly); the type
    is proven by the file's first bytes."""

    application = models.ForeignKey(
        ParkApplication, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(
        max_length=20, choices=AttachmentKind.choices, default=AttachmentKind.OTHER
    )
    file = models.FileField(upload_to=_attachment_path, max_length=300)

    class Meta(UploadedDocument.Meta):
        pass


class ScreeningRecord(models.Model):
    """A stored screening report (screeningsrapport) in the ScreeningReport
    shape, with the layer versions it used. Older reports are kept."""

    application = models.ForeignKey(
        ParkApplication, on_delete=models.CASCADE, related_name="screenings"
    )
    report = models.JSONField()
    layer_versions = models.JSONField(default=dict)
    excluded = models.BooleanField(default=False)
    reason = models.CharField(max_length=32, default="submit")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Screening {self.pk} ({self.created_at:%Y-%m-%d})"


class Evaluation(models.Model):
    """A state screener's score (0-5) for one criterion, with a justification."""

    application = models.ForeignKey(
        ParkApplication, on_delete=models.CASCADE, related_name="evaluations"
    )
    criterion = models.CharField(max_length=40)
    score = models.PositiveSmallIntegerField()
    justification = models.TextField()
    screener = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application_id", "criterion"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="one_score_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class ParkStatus(models.TextChoices):
    RESERVED = "reserved", _("Designated – state area reservation")
    LOCAL_PLAN_ADOPTED = "local_plan_adopted", _("Local plan adopted")
    OPEN = "open", _("Open for companies")
    CEASED = "ceased", _("Ceased")


# Allowed lifecycle transitions (§ 13 stk. 5; the agreement's five-year sunset).
PARK_TRANSITIONS: dict[str, frozenset[str]] = {
    ParkStatus.RESERVED: frozenset({ParkStatus.LOCAL_PLAN_ADOPTED, ParkStatus.CEASED}),
    ParkStatus.LOCAL_PLAN_ADOPTED: frozenset({ParkStatus.OPEN, ParkStatus.CEASED}),
    ParkStatus.OPEN: frozenset({ParkStatus.CEASED}),
    ParkStatus.CEASED: frozenset(),
}


class Park(models.Model):
    """A designated industrial park (udpeget industripark) and its lifecycle."""

    application = models.OneToOneField(
        ParkApplication, on_delete=models.PROTECT, related_name="park"
    )
    status = models.CharField(
        max_length=24, choices=ParkStatus.choices, default=ParkStatus.RESERVED
    )
    designated_on = models.DateField()
    #: The sunset period set for this park (agreement ¶ 15: five years by default).
    sunset_years = models.PositiveSmallIntegerField(default=5)
    sunset_on = models.DateField()
    local_plan_id = models.CharField(max_length=64, blank=True)
    local_plan_adopted_on = models.DateField(null=True, blank=True)
    local_plan_url = models.URLField(blank=True)
    opened_on = models.DateField(null=True, blank=True)
    ceased_on = models.DateField(null=True, blank=True)
    ceased_reason = models.TextField(blank=True)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application__name"]

    def __str__(self) -> str:
        return self.application.name

    def can_move(self, to: str) -> bool:
        return to in PARK_TRANSITIONS.get(self.status, frozenset())


class SunsetReminder(models.Model):
    """A sent reminder that a park's state area reservation expires (påmindelse).

    One row per park, sunset date and threshold (days before), so running the
    reminder command again sends nothing twice.
    """

    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="reminders")
    sunset_on = models.DateField()
    threshold_days = models.PositiveIntegerField()
    recipients = models.JSONField(default=list)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["park_id", "-threshold_days"]
        constraints = [
            models.UniqueConstraint(
                fields=["park", "sunset_on", "threshold_days"], name="one_reminder_per_threshold"
            )
        ]

    def __str__(self) -> str:
        return f"{self.park_id}: {self.threshold_days} days before {self.sunset_on}"


class ConditionState(models.TextChoices):
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")
    UNKNOWN = "unknown", _("Not yet known")


class EvidenceKind(models.TextChoices):
    SCREENING = "screening", _("Screening item")
    MUNICIPAL_ANSWER = "municipal_answer", _("Municipality's answer")
    EVALUATOR_NOTE = "evaluator_note", _("Evaluator's note")


class ConditionAssessment(models.Model):
    """A state evaluator's finding on one condition of § 13 stk. 1 nr. 1-5
    (betingelse opfyldt / ikke opfyldt / endnu ikke kendt) with its evidence.

    An area may be designated only when all five are met (see
    :mod:`rodloeber.parks.conditions`); scores only rank among those.
    """

    application = models.ForeignKey(
        ParkApplication, on_delete=models.CASCADE, related_name="conditions"
    )
    number = models.PositiveSmallIntegerField()
    state = models.CharField(
        max_length=10, choices=ConditionState.choices, default=ConditionState.UNKNOWN
    )
    evidence_kind = models.CharField(max_length=20, choices=EvidenceKind.choices, blank=True)
    evidence = models.TextField(blank=True)
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "number"], name="one_assessment_per_condition"
            )
        ]

    def __str__(self) -> str:
        return f"§ 13 stk. 1 nr. {self.number}: {self.state}"


from rodloeber.parks.models_procedure import (  # noqa: E402  (registered with Django)
    ROUND_STEP_ORDER,
    ConsentState,
    DialogueEntry,
    DialogueKind,
    JointConsent,
    RoundStep,
    RoundStepKind,
    SunsetExtension,
)

__all__ = [
    "ROUND_STEP_ORDER",
    "ApplicationAttachment",
    "ApplicationRound",
    "ApplicationStatus",
    "AttachmentKind",
    "ConditionAssessment",
    "ConditionState",
    "ConsentState",
    "DialogueEntry",
    "DialogueKind",
    "Evaluation",
    "EvidenceKind",
    "JointConsent",
    "Park",
    "ParkApplication",
    "ParkStatus",
    "RoundStep",
    "RoundStepKind",
    "ScreeningRecord",
    "SunsetExtension",
    "SunsetReminder",
]
