"""Notification preferences (notifikationsindstillinger): one service, one audit event."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.audit.services import record_event
from rodloeber.cases.models import NotificationPreference


def notification_preferences_set(
    *, actor: User, email: bool, digest: bool
) -> NotificationPreference:
    """The signed-in user chooses e-mails and the daily digest on or off (own settings only)."""
    with transaction.atomic():
        pref, _created = NotificationPreference.objects.select_for_update().get_or_create(
            user=actor
        )
        before = {"email": pref.email, "digest": pref.digest}
        pref.email, pref.digest, pref.updated_at = email, digest, timezone.now()
        pref.save()
        record_event(
            action="notify.preferences",
            actor=actor,
            subject=pref,
            before=before,
            after={"email": email, "digest": digest},
        )
    return pref
