"""The outbox worker (udbakke): deliver queued e-mails and in-app notices.

* Rows are claimed one at a time in a transaction with
  ``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL, so several workers never
  take the same row (SQLite serialises writers anyway).
* In-app notices are created with the row's key (unique), so a retry after a
  crash cannot double them. E-mails carry the key as ``Message-ID``; an
  e-mail is marked sent in the same transaction that holds the row lock, so
  only a crash between the SMTP hand-over and the commit can resend it
  (at-least-once at the SMTP boundary; receivers can drop the duplicate ID).
* Digital Post letters go through :func:`rodloeber.core.digital_post.digital_post_sender`
  (the local fake unless a real provider is configured) with the row's key,
  so a retry returns the same receipt; the receipt id is stored on the row.
* Failures are retried with exponential backoff (1, 2, 4 … minutes, at most
  6 hours); after ``MAX_ATTEMPTS`` the row is marked ``dead`` and kept. A
  permanent Digital Post error (no such recipient, exempt) is ``dead`` at once.
* Delivery bookkeeping is not audited (the change itself is).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.cases.models import (
    Case,
    CaseStatus,
    Milestone,
    Notice,
    NotificationPreference,
    Outbox,
    OutboxChannel,
    OutboxStatus,
)
from rodloeber.core.digital_post import (
    DigitalPostError,
    Letter,
    PermanentDigitalPostError,
    Recipient,
    digital_post_sender,
)
from rodloeber.core.mail import mail_backend

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
MAX_BACKOFF = timedelta(hours=6)


def backoff(attempts: int) -> timedelta:
    """Delay before the next try after ``attempts`` failures."""
    return min(timedelta(minutes=2 ** max(0, attempts - 1)), MAX_BACKOFF)


@dataclass(frozen=True)
class WorkResult:
    sent: int
    failed: int
    dead: int


def _claim(now: datetime) -> Outbox | None:
    qs = Outbox.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now).order_by(
        "next_attempt_at", "id"
    )
    features = connection.features
    # lock only the outbox row: PostgreSQL refuses FOR UPDATE on the nullable side of
    # the outer join to the recipient's organisation (select_related below)
    of = ("self",) if features.has_select_for_update_of else ()
    skip_locked = features.has_select_for_update_skip_locked
    qs = qs.select_for_update(skip_locked=skip_locked, of=of)
    return qs.select_related("recipient", "recipient__organisation").first()


def _deliver(row: Outbox) -> str:
    """Hand the row to its channel; returns the Digital Post receipt id ("" otherwise)."""
    if row.channel == OutboxChannel.DIGITAL_POST:
        org = row.recipient.organisation
        if org is None or not org.cvr:
            raise PermanentDigitalPostError(
                "recipient_missing", "The recipient's organisation has no CVR number."
            )
        letter = Letter(
            key=row.key, recipient=Recipient("cvr", org.cvr), subject=row.subject, body=row.body
        )
        return digital_post_sender().send(letter).id
    if row.channel == OutboxChannel.IN_APP:
        Notice.objects.get_or_create(
            key=row.key,
            defaults={
                "user": row.recipient,
                "case": row.case,
                "subject": row.subject,
                "body": row.body,
            },
        )
        return ""
    domain = getattr(settings, "RODLOEBER_MAIL_DOMAIN", "rodloeber.invalid")
    message = EmailMessage(
        subject=row.subject,
        body=row.body,
        to=[row.recipient.email],
        headers={"Message-ID": f"<{row.key.replace(':', '.')}@{domain}>"},
    )
    message.connection = get_connection(mail_backend())
    message.send(fail_silently=False)
    return ""


def deliver_one(now: datetime | None = None) -> str | None:
    """Deliver the next due row; returns its new status or None when idle."""
    now = now or timezone.now()
    with transaction.atomic():
        row = _claim(now)
        if row is None:
            return None
        try:
            with transaction.atomic():
                receipt = _deliver(row)
        except Exception as exc:  # transport errors are retried, permanent ones are not
            row.attempts += 1
            row.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            permanent = isinstance(exc, DigitalPostError) and not exc.transient
            if permanent or row.attempts >= MAX_ATTEMPTS:
                row.status = OutboxStatus.DEAD
            row.next_attempt_at = now + backoff(row.attempts)
            row.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            logger.warning("outbox %s failed (%s attempts): %s", row.key, row.attempts, exc)
            return "failed" if row.status == OutboxStatus.PENDING else "dead"
        row.attempts += 1
        row.status = OutboxStatus.SENT
        row.sent_at = timezone.now()
        row.receipt = receipt
        row.save(update_fields=["attempts", "status", "sent_at", "receipt"])
        return "sent"


def work(*, limit: int = 500, now: datetime | None = None) -> WorkResult:
    """Deliver up to ``limit`` due rows (one pass)."""
    counts = {"sent": 0, "failed": 0, "dead": 0}
    for _ in range(limit):
        status = deliver_one(now)
        if status is None:
            break
        counts[status] += 1
    return WorkResult(counts["sent"], counts["failed"], counts["dead"])


def digest(*, today: date, days: int = 14) -> int:
    """Queue one digest per user of upcoming (and overdue) open milestones in the
    next ``days`` days, for the cases' contact persons and owning authorities.
    Idempotent per user and day (key ``digest:<date>:<user>``)."""
    horizon = today + timedelta(days=days)
    rows = (
        Milestone.objects.filter(
            actual__isnull=True,
            forecast__lte=horizon,
            permit__case__status=CaseStatus.IN_PROGRESS,
        )
        .exclude(permit__status="decided")
        .select_related("permit", "permit__case", "permit__case__contact_person")
        .order_by("forecast")
    )
    per_user: dict[int, list[str]] = {}
    users: dict[int, User] = {}
    for m in rows:
        case: Case = m.permit.case
        line = f"{m.forecast} {case.reference} {m.permit.name_da}: {m.kind}"
        if m.forecast < today:
            line += " (overskredet / overdue)"
        targets: list[User] = []
        if case.contact_person is not None:
            targets.append(case.contact_person)
        if m.permit.owner_id is not None:
            targets.extend(
                User.objects.filter(
                    organisation_id=m.permit.owner_id, role="authority_caseworker", is_active=True
                )
            )
        for u in targets:
            users[u.pk] = u
            per_user.setdefault(u.pk, []).append(line)
    opted_out = set(
        NotificationPreference.objects.filter(user_id__in=list(per_user), digest=False).values_list(
            "user_id", flat=True
        )
    )
    created = 0
    with transaction.atomic():
        for uid, lines in per_user.items():
            if uid in opted_out:
                continue
            user = users[uid]
            for channel in (OutboxChannel.EMAIL, OutboxChannel.IN_APP):
                if channel == OutboxChannel.EMAIL and not user.email:
                    continue
                _, made = Outbox.objects.get_or_create(
                    key=f"digest:{today.isoformat()}:{uid}:{channel}",
                    defaults={
                        "channel": channel,
                        "recipient": user,
                        "event": "digest",
                        "subject": f"Kommende frister / upcoming deadlines ({today})",
                        "body": "\n".join(lines),
                    },
                )
                created += int(made)
    return created
