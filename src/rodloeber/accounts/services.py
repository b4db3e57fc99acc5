"""Write services for organisations, users and API tokens (one per action).

Each is keyword-only, runs in one transaction and writes exactly one audit
event, so the web UI, the API and the CLI behave identically.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from rodloeber.accounts.errors import AccountError
from rodloeber.accounts.models import ApiToken, Organisation, User
from rodloeber.accounts.reference import ReferenceAuthority, municipalities, state_authorities
from rodloeber.accounts.roles import CASE_MANAGER_AUTHORITY_CODE, ROLE_ORG_KINDS, OrgKind, Role
from rodloeber.accounts.token_scopes import DEFAULT_LIFETIME, READ_SCOPES, check_scopes
from rodloeber.audit.services import record_event
from rodloeber.domain.identifiers import cvr_problem, normalise_cvr

#: Active tokens one user may hold (bounded work; revoke one to create another).
MAX_ACTIVE_TOKENS = 20
TOKEN_PREFIX = "rl_"  # noqa: S105 - a public prefix, not a secret
TOKEN_LAST_USED_RESOLUTION = timedelta(minutes=1)  # how exact ApiToken.last_used_at is


def company_create(
    *,
    actor: User | None,
    cvr: str,
    name: str,
    foreign_parent_country: str = "",
    synthetic: bool = False,
) -> Organisation:
    """Register a company (virksomhed) by its CVR number."""
    problem = cvr_problem(cvr)
    if problem is not None:
        raise AccountError(problem.code, problem.message_da, problem.message_en)
    number = normalise_cvr(cvr)
    country = foreign_parent_country.strip().upper()
    if country and (len(country) != 2 or not country.isalpha()):
        raise AccountError(
            "country_code",
            "Moderselskabets land skal angives som landekode med to bogstaver (ISO 3166-1).",
            "The parent company's country must be a two-letter ISO 3166-1 code.",
        )
    if not name.strip():
        raise AccountError("name_required", "Angiv virksomhedens navn.", "Enter the company name.")
    with transaction.atomic():
        if Organisation.objects.filter(cvr=number).exists():
            raise AccountError(
                "cvr_taken",
                f"CVR-nummeret {number} er allerede registreret.",
                f"CVR number {number} is already registered.",
            )
        org = Organisation.objects.create(
            kind=OrgKind.COMPANY,
            cvr=number,
            name=name.strip(),
            foreign_parent_country=country,
            synthetic=synthetic,
        )
        record_event(
            action="org.create",
            actor=actor,
            subject=org,
            organisation=org,
            after={"kind": org.kind, "cvr": number, "name": org.name, "country": country},
        )
    return org


@dataclass(frozen=True)
class ReferenceLoadResult:
    created: int
    updated: int
    unchanged: int


def reference_authorities_load(*, actor: User | None) -> ReferenceLoadResult:
    """Create or update the 98 municipalities and the state authorities.

    Idempotent: a second run changes nothing and writes no audit event.
    """
    wanted: list[ReferenceAuthority] = [*municipalities(), *state_authorities()]
    created = updated = 0
    with transaction.atomic():
        existing = {
            o.authority_code: o
            for o in Organisation.objects.filter(authority_code__in=[w.code for w in wanted])
        }
        changes: list[dict[str, str]] = []
        for ref in wanted:
            org = existing.get(ref.code)
            fields = ref.fields()
            if org is None:
                Organisation.objects.create(authority_code=ref.code, **fields)
                created += 1
                changes.append({"code": ref.code, "change": "created"})
            elif any(getattr(org, k) != v for k, v in fields.items()):
                for k, v in fields.items():
                    setattr(org, k, v)
                org.save(update_fields=list(fields))
                updated += 1
                changes.append({"code": ref.code, "change": "updated"})
        if changes:
            record_event(
                action="reference.load",
                actor=actor,
                subject_type="accounts.organisation",
                subject_id="reference",
                after={"created": created, "updated": updated, "changes": changes},
            )
    return ReferenceLoadResult(created, updated, len(wanted) - created - updated)


def user_create(
    *,
    actor: User | None,
    username: str,
    password: str | None,
    role: str,
    organisation: Organisation,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    synthetic: bool = False,
) -> User:
    """Create a user in one organisation with one role.

    The role must fit the organisation kind (a company user in a company, a
    municipal planner in a municipality, a case manager at Erhvervsstyrelsen).
    ``password=None`` creates a user who can only log in through an external
    identity provider (NemLog-in) or an API token.
    """
    if role not in Role.values:
        raise AccountError("role_unknown", f"Ukendt rolle: {role}.", f"Unknown role: {role}.")
    if organisation.kind not in ROLE_ORG_KINDS[role]:
        raise AccountError(
            "role_org_mismatch",
            f"Rollen '{Role(role).label}' passer ikke til organisationen {organisation.name}.",
            f"The role '{role}' does not fit the organisation {organisation.name}.",
        )
    if role == Role.CASE_MANAGER and organisation.authority_code != CASE_MANAGER_AUTHORITY_CODE:
        raise AccountError(
            "case_manager_org",
            "Kontaktpersoner (sagsbehandlere) sidder i Erhvervsstyrelsen.",
            "Case managers belong to Erhvervsstyrelsen (the Danish Business Authority).",
        )
    user = User(
        username=username.strip(),
        role=role,
        organisation=organisation,
        first_name=first_name,
        last_name=last_name,
        email=email,
        synthetic=synthetic,
    )
    if password is not None:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise AccountError(
                "password_weak",
                "Adgangskoden er for svag: " + " ".join(exc.messages),
                "The password is too weak: " + " ".join(exc.messages),
            ) from exc
        user.set_password(password)
    else:
        user.set_unusable_password()
    with transaction.atomic():
        if User.objects.filter(username__iexact=user.username).exists():
            raise AccountError(
                "username_taken",
                f"Brugernavnet {user.username} er optaget.",
                f"The user name {user.username} is taken.",
            )
        user.save()
        record_event(
            action="user.create",
            actor=actor,
            subject=user,
            organisation=organisation,
            after={"username": user.username, "role": role, "organisation": organisation.pk},
        )
    return user


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def token_create(
    *,
    actor: User | None,
    user: User,
    name: str,
    expires_at: datetime | None = None,
    scopes: Sequence[str] | None = None,
) -> tuple[ApiToken, str]:
    """Create a personal API token; returns the row and the secret (shown once).

    ``scopes`` (read or write per area; ``token_scopes.READ_SCOPES``, read only,
    when not given: ADR 0026); ``expires_at`` defaults to 90 days from now
    (issue #20).
    """
    if not user.is_active:
        raise AccountError("user_inactive", "Brugeren er deaktiveret.", "The user is deactivated.")
    chosen = check_scopes(READ_SCOPES if scopes is None else scopes)
    now = timezone.now()
    active = user.api_tokens.filter(revoked_at__isnull=True, expires_at__gt=now).count()
    if active >= MAX_ACTIVE_TOKENS:
        raise AccountError(
            "token_limit",
            f"Du har allerede {MAX_ACTIVE_TOKENS} aktive API-nøgler. Tilbagekald en, før du "
            "opretter en ny.",
            f"You already have {MAX_ACTIVE_TOKENS} active API tokens. Revoke one before "
            "creating another.",
        )
    expires_at = expires_at or now + DEFAULT_LIFETIME
    if expires_at <= now:
        raise AccountError(
            "token_expiry_past",
            "Udløbstidspunktet skal ligge i fremtiden.",
            "The expiry must lie in the future.",
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name.strip() or "token",
            prefix=secret[: len(TOKEN_PREFIX) + 6],
            digest=_digest(secret),
            expires_at=expires_at,
            scopes=chosen,
        )
        record_event(
            action="token.create",
            actor=actor,
            subject=token,
            organisation=user.organisation,
            after={
                "user": user.username,
                "name": token.name,
                "prefix": token.prefix,
                "scopes": chosen,
                "expires_at": expires_at.isoformat(),
            },
        )
    return token, secret


def token_revoke(*, actor: User | None, token: ApiToken) -> ApiToken:
    """Revoke a token (tilbagekald). Revoking twice is harmless."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is not None:
            return token
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_event(
            action="token.revoke",
            actor=actor,
            subject=token,
            organisation=token.user.organisation,
            before={"revoked_at": None},
            after={"revoked_at": token.revoked_at.isoformat()},
        )
    return token


def token_authenticate(secret: str) -> User | None:
    """The active user of a bearer token, or ``None`` (scopes: :func:`token_lookup`)."""
    token = token_lookup(secret)
    return token.user if token is not None else None


def token_lookup(secret: str) -> ApiToken | None:
    """Resolve a bearer token to its active, unexpired token row, or ``None``.

    ``last_used_at`` is bookkeeping, not a business change, so it is not
    audited (it would double the audit volume for every API call). It is
    written at most once per ``TOKEN_LAST_USED_RESOLUTION``: writing it on
    every call turned each API read into a write transaction (a commit and,
    on PostgreSQL, a WAL flush), and a case system polling with one token
    serialised on that row.
    """
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user", "user__organisation")
        .filter(digest=_digest(secret))
        .first()
    )
    if token is None or not token.is_active() or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
