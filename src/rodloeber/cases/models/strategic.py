"""Strategic-project recognitions on a case (anerkendelse som strategisk projekt)
under NZIA Art. 13-15 and CRMA Art. 6-7."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StrategicRegime(models.TextChoices):
    NZIA = "nzia", _("Strategic net-zero project (NZIA Art. 13)")
    CRMA = "crma", _("Strategic project (CRMA Art. 6-7)")


class StrategicRecognition(models.Model):
    """One recognition decision: when, by whom, its reference, and whether the
    project was already in the permit-granting process when recognised (which
    decides CRMA Art. 11(2))."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="strategic_recognitions"
    )
    regime = models.CharField(max_length=8, choices=StrategicRegime.choices)
    decided_on = models.DateField()
    decided_by = models.CharField(max_length=200)
    reference = models.CharField(max_length=200)
    in_permitting_when_recognised = models.BooleanField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("decided_on", "id")

    def __str__(self) -> str:
        return f"{self.regime} {self.reference} ({self.decided_on})"
