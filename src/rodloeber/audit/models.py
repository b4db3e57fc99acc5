"""Append-only audit events (revisionsspor), chained by SHA-256.

``AuditEvent`` rows are written only by :func:`rodloeber.audit.services.record_event`
inside the same transaction as the change they describe. Updates and deletes
are refused by the model and queryset; ``rodloeber audit verify`` detects rows
changed or removed behind the application's back (e.g. directly in SQL).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models

from rodloeber.audit.actions import get_action


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit event."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit events are append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events are append-only.")


class AuditEvent(models.Model):
    seq = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=64, db_index=True)
    subject_type = models.CharField(max_length=64, blank=True)
    subject_id = models.CharField(max_length=64, blank=True, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    #: Which key signed the HMAC (rodloeber.audit.keys); "" = plain SHA-256, before keys.
    key_id = models.CharField(max_length=16, blank=True, default="")

    objects: ClassVar[models.Manager[AuditEvent]] = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        verbose_name = "audit event"

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.subject_type}:{self.subject_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events are append-only.")

    @property
    def label_da(self) -> str:
        return get_action(self.action).label_da

    @property
    def label_en(self) -> str:
        return get_action(self.action).label_en

    def chained_content(self) -> dict[str, Any]:
        """The fields the hash covers (everything but the hashes themselves)."""
        content: dict[str, Any] = {
            "seq": self.seq,
            "occurred_at": self.occurred_at.isoformat(),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "organisation_id": self.organisation_id,
            "action": self.action,
            "subject_type": self.subject_type,
            "subject_id": self.subject_id,
            "before": self.before,
            "after": self.after,
            "request_id": self.request_id,
        }
        if self.key_id:  # unkeyed events keep the content they were hashed with
            content["key_id"] = self.key_id
        return content


class AuditChainHead(models.Model):
    """Single row holding the latest hash; locked while appending so that
    concurrent writers cannot fork the chain (SELECT … FOR UPDATE)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"audit chain head #{self.last_seq}"
