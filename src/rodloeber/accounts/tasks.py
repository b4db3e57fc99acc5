"""Inbox tasks of administrators: invitations about to expire or expired
unanswered (invite again or revoke), and active users whose role or
organisation is missing or does not fit (roles are limited by organisation
kind, :data:`rodloeber.accounts.roles.ROLE_ORG_KINDS`). Live, bounded."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rodloeber.accounts.models import Invitation, User
from rodloeber.accounts.roles import ROLE_ORG_KINDS, Role
from rodloeber.domain.tasks import Task, TaskKind

PER_SOURCE = 50
#: An expired, unanswered invitation stays a task for this many days.
EXPIRED_DAYS = 14
#: An open invitation becomes a task this many days before it expires.
EXPIRING_DAYS = 2


def _day_start(d: date) -> datetime:
    return timezone.make_aware(datetime.combine(d, time.min))


def _invitation_tasks(today: date) -> list[Task]:
    now = timezone.now()
    horizon = _day_start(today + timedelta(days=EXPIRING_DAYS + 1))
    # A later invitation to the same person that was accepted or is still open.
    invited_again = Invitation.objects.filter(
        Q(accepted_at__isnull=False) | Q(revoked_at__isnull=True, expires_at__gt=now),
        email__iexact=OuterRef("email"),
        organisation_id=OuterRef("organisation_id"),
        created_at__gt=OuterRef("created_at"),
    )
    rows = (
        Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .filter(expires_at__gt=_day_start(today - timedelta(days=EXPIRED_DAYS)))
        .filter(expires_at__lte=horizon)
        .exclude(Q(expires_at__lte=now) & Exists(invited_again))
        .select_related("organisation")
        .order_by("expires_at", "pk")[:PER_SOURCE]
    )
    out = []
    for inv in rows:
        expired = inv.expires_at <= now
        out.append(
            Task(
                kind=TaskKind.INVITATION_EXPIRED if expired else TaskKind.INVITATION_EXPIRING,
                url=reverse("administration:organisation", args=[inv.organisation_id])
                + ("#invite-heading" if expired else "#invitations-heading"),
                case_reference=inv.organisation.name,
                case_title=inv.email,
                subject=str(Role(inv.role).label) if inv.role in Role.values else inv.role,
                due=timezone.localtime(inv.expires_at).date(),
                since=timezone.localtime(inv.created_at).date(),
            )
        )
    return out


def _misfit_q() -> Q:
    misfit = Q(role="") | Q(organisation__isnull=True)
    for role, kinds in ROLE_ORG_KINDS.items():
        misfit |= Q(role=role) & ~Q(organisation__kind__in=kinds)
    return misfit


def _user_tasks() -> list[Task]:
    rows = (
        User.objects.filter(is_active=True)
        .filter(_misfit_q())
        .select_related("organisation")
        .order_by("date_joined", "pk")[:PER_SOURCE]
    )
    out = []
    for u in rows:
        if u.organisation is None:
            subject, url = _("No organisation"), reverse("administration:organisations")
        else:
            url = reverse("administration:organisation", args=[u.organisation_id])
            subject = (
                _("No role") if not u.role else _("The role does not fit the organisation type")
            )
        out.append(
            Task(
                kind=TaskKind.USER_WITHOUT_ORGANISATION,
                url=url,
                case_reference=u.organisation.name if u.organisation else "–",
                case_title=u.get_full_name() or u.username,
                subject=subject,
                since=timezone.localtime(u.date_joined).date(),
            )
        )
    return out


def administration_tasks(user: User, today: date) -> list[Task]:
    """An administrator's tasks (empty for every other role)."""
    if not user.is_active or user.role != Role.ADMINISTRATOR:
        return []
    return _invitation_tasks(today) + _user_tasks()
