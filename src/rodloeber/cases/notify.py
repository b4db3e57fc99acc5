"""Writing notifications to the outbox (udbakke) inside the caller's transaction.

A service calls :func:`notify` after its audit event; the delivery key is
``<event>:<audit seq>:<user id>:<channel>``, so the same change can never
produce the same notice twice, and the worker (``rodloeber outbox work``)
delivers each row once (see ``rodloeber.cases.outbox``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.audit.models import AuditEvent
from rodloeber.cases.models import Case, NotificationPreference, Outbox, OutboxChannel


def company_users(case: Case) -> list[User]:
    return list(
        User.objects.filter(
            organisation_id=case.company_id, role=Role.COMPANY_USER, is_active=True
        ).order_by("id")
    )


def authority_users(org_ids: Iterable[int]) -> list[User]:
    ids = {i for i in org_ids if i is not None}
    if not ids:
        return []
    return list(
        User.objects.filter(
            organisation_id__in=ids, role=Role.AUTHORITY_CASEWORKER, is_active=True
        ).order_by("id")
    )


def case_authority_org_ids(case: Case) -> set[int]:
    return {o for o in case.permits.values_list("owner_id", flat=True) if o is not None}


def contact(case: Case) -> list[User]:
    return [case.contact_person] if case.contact_person is not None else []


def all_parties(case: Case) -> list[User]:
    """Company users, the contact person and caseworkers of every owning authority."""
    return [*company_users(case), *contact(case), *authority_users(case_authority_org_ids(case))]


def notify(
    *,
    event: AuditEvent,
    case: Case | None,
    recipients: Iterable[User],
    subject: str,
    body: str,
    exclude: User | None = None,
) -> int:
    """Queue one e-mail and one in-app notice per recipient; returns rows written."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("notify must run inside the change's transaction.atomic().")
    seen: set[int] = set()
    rows = []
    recipients = list(recipients)
    no_email = set(
        NotificationPreference.objects.filter(
            user_id__in=[u.pk for u in recipients], email=False
        ).values_list("user_id", flat=True)
    )
    for user in recipients:
        if user.pk in seen or (exclude is not None and user.pk == exclude.pk):
            continue
        seen.add(user.pk)
        for channel in (OutboxChannel.EMAIL, OutboxChannel.IN_APP):
            if channel == OutboxChannel.EMAIL and (not user.email or user.pk in no_email):
                continue  # in-app notices are always kept
            rows.append(
                Outbox(
                    key=f"{event.action}:{event.seq}:{user.pk}:{channel}",
                    channel=channel,
                    recipient=user,
                    case=case,
                    event=event.action,
                    subject=subject[:300],
                    body=body,
                )
            )
    Outbox.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def case_line(case: Case) -> str:
    """Bilingual first line naming the case."""
    return f"Sag / case {case.reference}: {case.title}"
