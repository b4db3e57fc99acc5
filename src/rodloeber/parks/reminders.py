"""Reminders before a park's five-year sunset (påmindelser om udløb).

The state area reservation of a designated park lapses five years after the
designation unless the municipality has adopted a lokalplan reserving the area
for production (the political agreement behind L 206 § 13; the designation
ceases under § 13, stk. 5). Parks still *reserved* (no lokalplan) get an e-mail
to the park's contact person and the applying municipalities' planners when
the sunset is within each threshold (default 365, 180, 90 and 30 days).

Idempotent: a :class:`SunsetReminder` row per park, sunset date and threshold
is written in the same transaction as the audit event and the e-mail; running
again sends nothing twice. When the command has not run for a while only the
most urgent threshold is sent.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.audit.services import record_event
from rodloeber.core.mail import mail_backend
from rodloeber.parks.models import Park, ParkStatus, SunsetReminder
from rodloeber.parks.selectors import active_parks

DEFAULT_THRESHOLDS = (365, 180, 90, 30)
LEGAL_BASIS = "L 206 § 13, stk. 5 (lov om planlægning som ændret); aftalens 5-års-udløbsklausul"


@dataclass(frozen=True)
class DueReminder:
    park: Park
    threshold: int
    days_left: int
    recipients: tuple[str, ...]


def parse_thresholds(text: str) -> tuple[int, ...]:
    """``"365,180,90,30"`` → (365, 180, 90, 30); ValueError for anything else."""
    values = sorted({int(part) for part in text.split(",") if part.strip()}, reverse=True)
    if not values or any(v < 0 or v > 3650 for v in values):
        raise ValueError("thresholds must be whole days between 0 and 3650, e.g. 365,180,90,30")
    return tuple(values)


def recipients(park: Park) -> tuple[str, ...]:
    """The park's contact and the active planners of the applying municipalities."""
    planners = User.objects.filter(
        is_active=True,
        role=Role.MUNICIPAL_PLANNER,
        organisation__in=park.application.municipalities.all(),
    ).exclude(email="")
    emails = [park.contact_email, *planners.values_list("email", flat=True)]
    return tuple(dict.fromkeys(e.strip().lower() for e in emails if e and e.strip()))


def due_reminders(thresholds: Sequence[int], today: date) -> list[DueReminder]:
    """Reminders to send now: per reserved park the smallest threshold it has
    crossed, unless that one was sent for the same sunset date."""
    due = []
    parks = (
        active_parks()
        .filter(status=ParkStatus.RESERVED)
        .prefetch_related("application__municipalities")
    )
    for park in parks.order_by("sunset_on", "pk"):
        days_left = (park.sunset_on - today).days
        crossed = [t for t in thresholds if days_left <= t]
        if not crossed:
            continue
        threshold = min(crossed)
        sent = SunsetReminder.objects.filter(
            park=park, sunset_on=park.sunset_on, threshold_days__lte=threshold
        ).exists()
        if not sent:
            due.append(DueReminder(park, threshold, days_left, recipients(park)))
    return due


def _message(item: DueReminder) -> tuple[str, str]:
    park, app = item.park, item.park.application
    link = getattr(settings, "RODLOEBER_SITE_URL", "").rstrip("/") + reverse(
        "parks:park", args=[park.pk]
    )
    sunset = park.sunset_on.isoformat()
    if item.days_left >= 0:
        when_da, when_en = f"om {item.days_left} dage", f"in {item.days_left} days"
    else:
        when_da, when_en = f"for {-item.days_left} dage siden", f"{-item.days_left} days ago"
    subject = (
        f"Industripark {app.name}: arealreservationen udløber {sunset} / "
        f"industrial park reservation expires {sunset}"
    )
    body = f"""Industriparken »{app.name}« ({app.lead_municipality.name}) blev udpeget \
{park.designated_on.isoformat()}. Den statslige arealreservation udløber {sunset} ({when_da}), \
og der er endnu ikke registreret en vedtaget lokalplan for området.

Ingen virksomhed kan etablere sig, før en lokalplan reserverer arealet til produktion. \
Vedtages der ikke en lokalplan, ophører udpegningen ({LEGAL_BASIS}).

Registrér en vedtaget lokalplan her: {link}

---

The industrial park "{app.name}" ({app.lead_municipality.name}) was designated on \
{park.designated_on.isoformat()}. The state area reservation expires on {sunset} ({when_en}), \
and no adopted local plan (lokalplan) has been recorded for the area.

No company may settle before a local plan reserves the area for production. If no local \
plan is adopted, the designation ceases (L 206 § 13(5); the agreement's five-year sunset).

Record an adopted local plan here: {link}

(Rød Løber — automatisk påmindelse / automatic reminder, {item.threshold} dage/days)
"""
    return subject, body


def send_reminder(item: DueReminder, today: date) -> SunsetReminder:
    """Record, audit and send one reminder; a failed send rolls the record back."""
    subject, body = _message(item)
    with transaction.atomic():
        reminder = SunsetReminder.objects.create(
            park=item.park,
            sunset_on=item.park.sunset_on,
            threshold_days=item.threshold,
            recipients=list(item.recipients),
            sent_at=timezone.now(),
        )
        record_event(
            action="parks.sunset_reminder",
            actor=None,
            subject=item.park,
            after={
                "threshold_days": item.threshold,
                "days_left": item.days_left,
                "sunset_on": item.park.sunset_on.isoformat(),
                "recipients": list(item.recipients),
                "on": today.isoformat(),
            },
        )
        if item.recipients:
            message = EmailMessage(subject=subject, body=body, to=list(item.recipients))
            message.connection = get_connection(mail_backend())
            message.send(fail_silently=False)
    return reminder


def send_due(
    thresholds: Iterable[int] = DEFAULT_THRESHOLDS, today: date | None = None
) -> list[DueReminder]:
    """Send every due reminder (used by the command and tests)."""
    today = today or timezone.localdate()
    due = due_reminders(tuple(thresholds), today)
    for item in due:
        send_reminder(item, today)
    return due
