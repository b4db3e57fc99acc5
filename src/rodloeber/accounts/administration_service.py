"""Administration (brugeradministration): invitations by e-mail with a one-time
link, deactivating and reactivating users. One service per action, one audit
event each; only administrators (``Capability.MANAGE_USERS``) may call them,
except :func:`invitation_accept`, which the invited person calls with the link.

The invitation e-mail is handed to the mail backend only after the transaction
has committed, so a rolled-back invitation never reaches anybody.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from rodloeber.accounts.errors import AccountError
from rodloeber.accounts.models import Invitation, Organisation, User
from rodloeber.accounts.roles import (
    CASE_MANAGER_AUTHORITY_CODE,
    ROLE_ORG_KINDS,
    Capability,
    Role,
    role_has,
)
from rodloeber.audit.services import record_event
from rodloeber.core.mail import mail_backend

#: How long an invitation link works (our choice: a working week plus a weekend).
INVITATION_DAYS = 7
#: Path of the acceptance page; the secret follows.
ACCEPT_PATH = "/konto/invitation/"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def require_administrator(actor: User) -> None:
    """Raise unless ``actor`` is an active administrator."""
    if not (actor.is_active and role_has(actor.role, Capability.MANAGE_USERS)):
        raise AccountError(
            "not_administrator",
            "Kun administratorer kan administrere brugere.",
            "Only administrators can manage users.",
        )


def roles_for(organisation: Organisation) -> list[str]:
    """The roles a user of ``organisation`` may have (roller pr. organisationstype)."""
    out = []
    for role in Role.values:
        if organisation.kind not in ROLE_ORG_KINDS[role]:
            continue
        if role == Role.CASE_MANAGER and organisation.authority_code != CASE_MANAGER_AUTHORITY_CODE:
            continue
        out.append(role)
    return out


def _check_active(organisation: Organisation) -> None:
    if not organisation.is_active:
        raise AccountError(
            "organisation_inactive",
            f"{organisation.name} er deaktiveret. Genaktivér organisationen først.",
            f"{organisation.name} is deactivated. Reactivate the organisation first.",
        )


def _check_role(role: str, organisation: Organisation) -> None:
    if role not in roles_for(organisation):
        raise AccountError(
            "role_org_mismatch",
            f"Rollen passer ikke til organisationen {organisation.name}. "
            "Vælg en af de viste roller.",
            f"The role does not fit the organisation {organisation.name}. "
            "Choose one of the roles shown.",
        )


def _send_invitation(email: str, organisation: str, link: str, expires: str) -> None:
    message = EmailMessage(
        subject="Invitation til Rød Løber / Invitation to Rød Løber",
        body=(
            f"Du er inviteret til Rød Løber som bruger i {organisation}.\n"
            f"Åbn linket for at oprette din bruger (virker én gang, til {expires}):\n{link}\n\n"
            f"You are invited to Rød Løber as a user in {organisation}.\n"
            f"Open the link to create your user (works once, until {expires}):\n{link}\n"
        ),
        to=[email],
    )
    message.connection = get_connection(mail_backend())
    message.send(fail_silently=False)


def invitation_create(
    *, actor: User, organisation: Organisation, role: str, email: str, base_url: str
) -> tuple[Invitation, str]:
    """Invite ``email`` to ``organisation`` in ``role``; returns the invitation and
    the one-time link (sent by e-mail after commit; shown once to the sender)."""
    require_administrator(actor)
    address = email.strip().lower()
    try:
        validate_email(address)
    except ValidationError as exc:
        raise AccountError(
            "email_invalid",
            "Skriv en gyldig e-mailadresse, fx navn@kommune.dk.",
            "Enter a valid e-mail address, e.g. name@example.dk.",
        ) from exc
    _check_active(organisation)
    _check_role(role, organisation)
    secret = secrets.token_urlsafe(32)
    link = base_url.rstrip("/") + ACCEPT_PATH + secret
    now = timezone.now()
    with transaction.atomic():
        if User.objects.filter(email__iexact=address, is_active=True).exists():
            raise AccountError(
                "email_has_user",
                "Der findes allerede en aktiv bruger med denne e-mailadresse.",
                "An active user with this e-mail address already exists.",
            )
        if Invitation.objects.filter(
            email__iexact=address,
            organisation=organisation,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=now,
        ).exists():
            raise AccountError(
                "invitation_open",
                "Der er allerede en åben invitation til denne e-mailadresse. "
                "Tilbagekald den først.",
                "There is already an open invitation for this e-mail address. Revoke it first.",
            )
        invitation = Invitation.objects.create(
            organisation=organisation,
            role=role,
            email=address,
            digest=_digest(secret),
            invited_by=actor,
            expires_at=now + timedelta(days=INVITATION_DAYS),
        )
        record_event(
            action="user.invite",
            actor=actor,
            subject=invitation,
            organisation=organisation,
            after={"email": address, "role": role, "expires": invitation.expires_at.isoformat()},
        )
        expires = timezone.localtime(invitation.expires_at).strftime("%d-%m-%Y %H:%M")
        transaction.on_commit(
            lambda: _send_invitation(address, organisation.name, link, expires), robust=True
        )
    return invitation, link


def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    require_administrator(actor)
    with transaction.atomic():
        inv = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if inv.accepted_at is not None or inv.revoked_at is not None:
            raise AccountError(
                "invitation_closed",
                "Invitationen er allerede brugt eller tilbagekaldt.",
                "The invitation has already been used or revoked.",
            )
        inv.revoked_at = timezone.now()
        inv.save(update_fields=["revoked_at"])
        record_event(
            action="user.invitation_revoke",
            actor=actor,
            subject=inv,
            organisation=inv.organisation,
            after={"email": inv.email},
        )
    return inv


def invitation_for(secret: str) -> Invitation | None:
    """The open invitation behind a link, or None (unknown, used, revoked, expired)."""
    inv = (
        Invitation.objects.select_related("organisation")
        .filter(digest=_digest(secret.strip()))
        .first()
    )
    return inv if inv is not None and inv.is_open() else None


def invitation_accept(
    *, secret: str, username: str, password: str, first_name: str, last_name: str
) -> User:
    """Create the invited user (the link works once); one audit event."""
    name = username.strip()
    if not name or len(name) > 150:
        raise AccountError(
            "username_required",
            "Vælg et brugernavn (højst 150 tegn).",
            "Choose a user name (at most 150 characters).",
        )
    with transaction.atomic():
        inv = (
            Invitation.objects.select_for_update()
            .select_related("organisation")
            .filter(digest=_digest(secret.strip()))
            .first()
        )
        if inv is None or not inv.is_open():
            raise AccountError(
                "invitation_invalid",
                "Linket er ugyldigt, allerede brugt eller udløbet. Bed om en ny invitation.",
                "The link is invalid, already used or expired. Ask for a new invitation.",
            )
        _check_active(inv.organisation)
        _check_role(inv.role, inv.organisation)
        user = User(
            username=name,
            role=inv.role,
            organisation=inv.organisation,
            first_name=first_name.strip()[:150],
            last_name=last_name.strip()[:150],
            email=inv.email,
        )
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise AccountError(
                "password_weak",
                "Adgangskoden er for svag: " + " ".join(exc.messages),
                "The password is too weak: " + " ".join(exc.messages),
            ) from exc
        user.set_password(password)
        if User.objects.filter(username__iexact=name).exists():
            raise AccountError(
                "username_taken",
                f"Brugernavnet {name} er optaget.",
                f"The user name {name} is taken.",
            )
        user.save()
        inv.accepted_at = timezone.now()
        inv.accepted_user = user
        inv.save(update_fields=["accepted_at", "accepted_user"])
        record_event(
            action="user.invitation_accept",
            actor=user,
            subject=user,
            organisation=inv.organisation,
            after={"username": name, "role": inv.role, "invitation": inv.pk},
        )
    return user


def user_set_active(*, actor: User, user: User, active: bool) -> User:
    """Deactivate (log-in, sessions and API tokens stop working) or reactivate."""
    require_administrator(actor)
    if user.pk == actor.pk and not active:
        raise AccountError(
            "deactivate_self",
            "Du kan ikke deaktivere dig selv.",
            "You cannot deactivate yourself.",
        )
    with transaction.atomic():
        target = (
            User.objects.select_for_update(of=("self",))
            .select_related("organisation")
            .get(pk=user.pk)
        )
        if active and target.organisation is not None:
            _check_active(target.organisation)
        if target.is_active == active:
            raise AccountError(
                "no_change",
                "Brugeren er allerede aktiv." if active else "Brugeren er allerede deaktiveret.",
                "The user is already active." if active else "The user is already deactivated.",
            )
        target.is_active = active
        target.save(update_fields=["is_active"])
        record_event(
            action="user.reactivate" if active else "user.deactivate",
            actor=actor,
            subject=target,
            organisation=target.organisation,
            before={"active": not active},
            after={"active": active},
        )
    return target
