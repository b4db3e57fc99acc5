"""Notification preferences (notifikationsindstillinger): one service, one audit event."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.audit.services import record_event
from rodloeber.cases.errors import CaseError
from rodloeber.cases.models import NotificationPreference
from rodloeber.cases.notify import may_use_digital_post


def notification_preferences_set(
    *, actor: User, email: bool, digest: bool, digital_post: bool = False
) -> NotificationPreference:
    """The signed-in user chooses e-mails, the daily digest and (company users)
    Digital Post to the company's CVR instead of e-mail (own settings only)."""
    if digital_post and not may_use_digital_post(actor):
        raise CaseError(
            "digital_post_not_company",
            "Digital Post sendes til virksomhedens CVR-nummer; det kan kun vælges af "
            "virksomhedsbrugere.",
            "Digital Post goes to the company's CVR number; only company users can choose it.",
        )
    with transaction.atomic():
        pref, _created = NotificationPreference.objects.select_for_update().get_or_create(
            user=actor
        )
        before = {"email": pref.email, "digest": pref.digest, "digital_post": pref.digital_post}
        pref.email, pref.digest, pref.updated_at = email, digest, timezone.now()
        pref.digital_post = digital_post
        pref.save()
        record_event(
            action="notify.preferences",
            actor=actor,
            subject=pref,
            before=before,
            after={"email": email, "digest": digest, "digital_post": digital_post},
        )
    return pref
