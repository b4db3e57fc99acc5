"""Organisations (virksomheder og myndigheder), users (brugere) and API tokens.

Changes go through ``rodloeber.accounts.services``, which writes audit events.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rodloeber.accounts.roles import OrgKind, Role
from rodloeber.core.web import page_language


class Organisation(models.Model):
    """A company (virksomhed, identified by CVR) or an authority (myndighed).

    Municipalities carry their official 4-digit DAGI code (kommunekode) in
    ``authority_code``; state authorities a short agency code (e.g. ``MST``).
    """

    kind = models.CharField(max_length=20, choices=OrgKind.choices)
    name = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200, blank=True)
    cvr = models.CharField(max_length=8, null=True, blank=True, unique=True)
    foreign_parent_country = models.CharField(
        max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2 code of a foreign parent")
    )
    authority_code = models.CharField(max_length=16, null=True, blank=True, unique=True)
    region_code = models.CharField(max_length=4, blank=True)
    region_name = models.CharField(max_length=100, blank=True)
    synthetic = models.BooleanField(
        default=False, help_text=_("Synthetic demo data, never a real organisation")
    )
    created_at = models.DateTimeField(default=timezone.now)
    #: Set when an administrator deactivates the organisation (its users are
    #: deactivated with it and it takes no new invitations); None = active.
    deactivated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=OrgKind.COMPANY) | Q(cvr__isnull=False),
                name="company_has_cvr",
            ),
            models.CheckConstraint(
                condition=Q(kind=OrgKind.COMPANY) | Q(authority_code__isnull=False),
                name="authority_has_code",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the page language: ``name_en`` on English pages when the
        organisation has one ("Esbjerg Municipality"), otherwise ``name``."""
        if self.name_en and page_language() == "en":
            return self.name_en
        return self.name

    @property
    def is_active(self) -> bool:
        return self.deactivated_at is None

    @property
    def is_municipality(self) -> bool:
        return self.kind == OrgKind.MUNICIPALITY

    @property
    def is_authority(self) -> bool:
        return self.kind in (OrgKind.MUNICIPALITY, OrgKind.STATE_AUTHORITY)


class User(AbstractUser):
    """A person using the platform, in exactly one organisation and one role."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="users", null=True
    )
    role = models.CharField(max_length=32, choices=Role.choices)
    synthetic = models.BooleanField(default=False)

    objects: ClassVar[UserManager[User]] = UserManager()  # type: ignore[assignment]

    class Meta:
        ordering = ["username"]

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label) if self.role else ""


class ApiToken(models.Model):
    """A personal API token (API-nøgle). Only a SHA-256 digest is stored; the
    secret is shown once at creation. Revoked tokens are kept for the record."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    #: "cases:read", "parks:write", … (rodloeber.accounts.token_scopes)
    scopes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    def is_active(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > now


class FailedLogin(models.Model):
    """One failed log-in attempt, used for throttling (brute-force protection)."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.CharField(max_length=45, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.username} @ {self.at:%Y-%m-%d %H:%M}"


class Invitation(models.Model):
    """An invitation (invitation) to join an organisation in a role, sent by
    e-mail as a one-time link. Only a SHA-256 digest of the link's secret is
    stored; the link works once and until ``expires_at``. Rows are kept."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="invitations"
    )
    role = models.CharField(max_length=32, choices=Role.choices)
    email = models.EmailField()
    digest = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation_id} ({self.role})"

    def is_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > now


class Delegation(models.Model):
    """A voluntary delegation (bemyndigelse) of authority tasks from one
    municipality to another, L 206 § 15 (LOV nr. 697 af 20/06/2025): agreed by
    both councils in a meeting (stk. 3) and published by the delegating one
    (stk. 4). While active, new permits of the listed types that the delegating
    municipality would own are routed to the delegate. Ended, never deleted."""

    from_org = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    to_org = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    permit_codes = models.JSONField(default=list)
    council_decision_on = models.DateField()
    published_url = models.URLField(max_length=500)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.from_org_id} → {self.to_org_id} {self.permit_codes}"
