"""Models of the designation procedure after the evaluation (udpegningsforløbet).

* :class:`RoundStep` — the round's steps after evaluation, in order: negotiation
  with the Minister for Cities and Rural Areas (§ 13 stk. 1: "efter forhandling
  med ministeren for byer og landdistrikter"), the political decision by the
  agreement parties (aftalepartierne; agreement ¶ 17), publication and hearing
  (§ 13 stk. 4) and, where needed, a landsplandirektiv with the forligskreds
  behind planloven consulted (agreement ¶ 16).
* :class:`DialogueEntry` — the municipality and business dialogue on one
  application (agreement ¶ 10): questions, meetings and answers.
* :class:`SunsetExtension` — a park's sunset moved with a reason (agreement ¶ 15:
  five years, "den nærmere tidsafgrænsning skal afklares endeligt i dialog med
  kommunerne").

Imported by :mod:`rodloeber.parks.models` so Django registers them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rodloeber.accounts.models import Organisation


class RoundStepKind(models.TextChoices):
    NEGOTIATED = "negotiated", _("Negotiated with the Minister for Cities and Rural Areas")
    POLITICAL_DECISION = "political_decision", _("Political decision")
    HEARING = "hearing", _("Published for hearing")
    LANDSPLANDIREKTIV = "landsplandirektiv", _("Landsplandirektiv")


#: The order of the round's steps; each needs the one before.
ROUND_STEP_ORDER: tuple[str, ...] = tuple(RoundStepKind.values)


class RoundStep(models.Model):
    """One recorded step of a round's procedure, with its date and details."""

    round = models.ForeignKey(
        "parks.ApplicationRound", on_delete=models.CASCADE, related_name="steps"
    )
    kind = models.CharField(max_length=24, choices=RoundStepKind.choices)
    happened_on = models.DateField()
    details = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["round_id", "happened_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "kind"], name="one_step_of_each_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.happened_on}"


class DialogueKind(models.TextChoices):
    QUESTION = "question", _("Question")
    MEETING = "meeting", _("Meeting")
    ANSWER = "answer", _("Answer")


class DialogueEntry(models.Model):
    """A question, meeting or answer in the dialogue with a municipality."""

    application = models.ForeignKey(
        "parks.ParkApplication", on_delete=models.CASCADE, related_name="dialogue"
    )
    kind = models.CharField(max_length=10, choices=DialogueKind.choices)
    municipality = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    happened_on = models.DateField()
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application_id", "happened_on", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.happened_on}"


class SunsetExtension(models.Model):
    """A park's sunset date moved later, with the reason (forlængelse)."""

    park = models.ForeignKey("parks.Park", on_delete=models.CASCADE, related_name="extensions")
    previous_sunset_on = models.DateField()
    sunset_on = models.DateField()
    reason = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["park_id", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.previous_sunset_on} → {self.sunset_on}"


class ConsentState(models.TextChoices):
    PENDING = "pending", _("Awaiting answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class JointConsent(models.Model):
    """A co-applicant municipality's consent to a joint application (samtykke).

    Until it accepts, the municipality is not an applicant: the application is
    not in its workspace as its own, and the application cannot be submitted
    while any request is unanswered."""

    application = models.ForeignKey(
        "parks.ParkApplication", on_delete=models.CASCADE, related_name="consents"
    )
    municipality = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        max_length=10, choices=ConsentState.choices, default=ConsentState.PENDING
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["application_id", "municipality_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "municipality"], name="one_consent_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id}: {self.state}"
