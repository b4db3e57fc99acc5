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
from rodloeber.accounts.roles import OrgKind, Role
from rodloeber.audit.models import AuditEvent
from rodloeber.cases.models import Case, NotificationPreference, Outbox, OutboxChannel


def company_users(case: Case) -> list[User]:
    return list(
        User.objects.filter(organisation_id=case.company_id, role=Role.COMPANY_USER, is_active=True)
        .select_related("organisation")
        .order_by("id")
    )


def authority_users(org_ids: Iterable[int]) -> list[User]:
    ids = {i for i in org_ids if i is not None}
    if not ids:
        return []
    return list(
        User.objects.filter(organisation_id__in=ids, role=Role.AUTHORITY_CASEWORKER, is_active=True)
        .select_related("organisation")
        .order_by("id")
    )


def case_authority_org_ids(case: Case) -> set[int]:
    return {o for o in case.permits.values_list("owner_id", flat=True) if o is not None}


def contact(case: Case) -> list[User]:
    return [case.contact_person] if case.contact_person is not None else []


def all_parties(case: Case) -> list[User]:
    """Company users, the contact person and caseworkers of every owning authority."""
    return [*company_users(case), *contact(case), *authority_users(case_authority_org_ids(case))]


def may_use_digital_post(user: User) -> bool:
    """Only company users can receive Digital Post here: it goes to the CVR mailbox."""
    org = user.organisation
    return org is not None and org.kind == OrgKind.COMPANY and bool(org.cvr)


def external_channel(user: User, pref: NotificationPreference | None) -> str | None:
    """The channel outside the platform for ``user``, by preference and organisation:
    Digital Post to the company's CVR when a company user chose it, else e-mail
    when the user has an address and has not turned e-mails off, else none."""
    if pref is not None and pref.digital_post and may_use_digital_post(user):
        return OutboxChannel.DIGITAL_POST
    if user.email and (pref is None or pref.email):
        return OutboxChannel.EMAIL
    return None


def _key(event: AuditEvent, user: User, channel: str) -> str:
    if channel == OutboxChannel.DIGITAL_POST and user.organisation is not None:
        # One letter per company mailbox, however many of its users chose it.
        return f"{event.action}:{event.seq}:cvr{user.organisation.cvr}:{channel}"
    return f"{event.action}:{event.seq}:{user.pk}:{channel}"


def notify(
    *,
    event: AuditEvent,
    case: Case | None,
    recipients: Iterable[User],
    subject: str,
    body: str,
    exclude: User | None = None,
) -> int:
    """Queue one in-app notice per recipient and one e-mail or Digital Post letter
    (:func:`external_channel`); returns rows written."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("notify must run inside the change's transaction.atomic().")
    seen: set[int] = set()
    rows = []
    recipients = list(recipients)
    prefs = {
        p.user_id: p
        for p in NotificationPreference.objects.filter(user_id__in=[u.pk for u in recipients])
    }
    for user in recipients:
        if user.pk in seen or (exclude is not None and user.pk == exclude.pk):
            continue
        seen.add(user.pk)
        pref = prefs.get(user.pk)
        for channel in (external_channel(user, pref), OutboxChannel.IN_APP):
            if channel is None:
                continue  # in-app notices are always kept
            rows.append(
                Outbox(
                    key=_key(event, user, channel),
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
