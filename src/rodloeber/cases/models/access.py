"""Read log of personal data (adgangslog): who saw which case, when (ADR 0014).

Append-only like the audit trail, but a separate table: reads are far more
frequent than writes and must not queue behind the audit chain's head lock.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rodloeber.accounts.models import Organisation
from rodloeber.cases.models.case import Case


class AccessWhat(models.TextChoices):
    CASE_PAGE = "case_page", _("Case page")
    CASE_API = "case_api", _("Case (API)")
    DOCUMENT = "document", _("Document")
    EXPORT = "export", _("Case list export")


class AccessOutcome(models.TextChoices):
    VIEWED = "viewed", _("Viewed")
    DENIED = "denied", _("Refused (not allowed)")


class AccessLogImmutable(Exception):
    """Raised on any attempt to change or delete a read-log row."""


class AccessLogQuerySet(models.QuerySet["AccessLog"]):
    def update(self, **kwargs: Any) -> int:
        raise AccessLogImmutable("The read log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AccessLogImmutable("The read log is append-only.")


class AccessLog(models.Model):
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    user_label = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        Organisation, null=True, on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="access_log")
    what = models.CharField(max_length=20, choices=AccessWhat.choices)
    detail = models.CharField(max_length=255, blank=True)
    outcome = models.CharField(
        max_length=10, choices=AccessOutcome.choices, default=AccessOutcome.VIEWED
    )
    request_id = models.CharField(max_length=64, blank=True)

    objects: ClassVar[models.Manager[AccessLog]] = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["case", "-occurred_at"])]

    def __str__(self) -> str:
        return f"{self.user_label} {self.outcome} {self.what} case {getattr(self, 'case_id', '')}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AccessLogImmutable("The read log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AccessLogImmutable("The read log is append-only.")
