"""Documents (dokumenter), messages (beskeder) with read receipts, the outbox
(udbakke) and in-app notices (notifikationer)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rodloeber.accounts.models import Organisation
from rodloeber.cases.models.case import Case
from rodloeber.core.uploads import UploadedDocument


def _document_path(instance: Document, filename: str) -> str:
    return f"cases/{instance.case_id}/{instance.sha256[:2]}/{instance.sha256}"


class Document(UploadedDocument):
    """A file on a case (bilag). The stored name is the content hash; the
    user's file name is kept separately and never used as a path."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to=_document_path, max_length=300)

    class Meta(UploadedDocument.Meta):
        pass


class Message(models.Model):
    """A message (besked) in a case; ``thread`` points to the thread's first message."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    thread = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, related_name="+"
    )
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.subject or self.body[:40]}"


class MessageRead(models.Model):
    """A read receipt (læsekvittering): who read which message, when."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "user"], name="unique_message_read")
        ]

    def __str__(self) -> str:
        return f"{self.message_id} read by {self.user_id}"


class OutboxChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    IN_APP = "in_app", _("In-app notice")
    DIGITAL_POST = "digital_post", _("Digital Post")


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    DEAD = "dead", _("Given up")


class Outbox(models.Model):
    """A notification to deliver (udbakke), written in the same transaction as
    the change. ``key`` is the idempotent delivery key: one row per
    (event, recipient, channel); the worker delivers each row once."""

    key = models.CharField(max_length=200, unique=True)
    channel = models.CharField(max_length=20, choices=OutboxChannel.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, null=True, related_name="+")
    event = models.CharField(max_length=60)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    status = models.CharField(
        max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    #: The Digital Post provider's receipt id (kvittering); "" for other channels.
    receipt = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"


class Notice(models.Model):
    """An in-app notice (notifikation) shown to one user; ``key`` = outbox key."""

    key = models.CharField(max_length=200, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, null=True, related_name="+")
    subject = models.CharField(max_length=300)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject


class NotificationPreference(models.Model):
    """A user's notification choices (notifikationsindstillinger). Without a row
    the defaults apply: e-mails and the daily digest on. In-app notices are
    always kept, so nothing is lost when e-mails are off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email = models.BooleanField(default=True)
    digest = models.BooleanField(default=True)
    #: Company users: case notices go to the company's Digital Post (by CVR)
    #: instead of e-mail.
    digital_post = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user_id}: email={self.email} digest={self.digest}"
