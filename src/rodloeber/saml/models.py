"""Server-side state of NemLog-in log-ins: outstanding requests, used assertion
ids (replay protection), the link person → user, and SAML sessions (for
single log-out). Written only by ``rodloeber.saml.services`` and ``logout_service``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class SamlRequest(models.Model):
    """An AuthnRequest or LogoutRequest we sent and expect an answer to
    (InResponseTo). Stored server-side because NemLog-in posts the answer
    cross-site, where the SameSite=Lax session cookie is not sent."""

    class Kind(models.TextChoices):
        AUTHN = "authn", "AuthnRequest"
        LOGOUT = "logout", "LogoutRequest"

    request_id = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    came_from = models.CharField(max_length=500, blank=True)
    # SHA-256 of a random value kept in a short-lived cookie in the browser that
    # started the log-in: the answer must come back in that browser (login CSRF).
    browser_digest = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)
    consumed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.kind} {self.request_id}"


class SamlAssertionUse(models.Model):
    """An assertion id already used to log in; kept until the assertion expires."""

    assertion_id = models.CharField(max_length=100, unique=True)
    issuer = models.CharField(max_length=500)
    used_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.assertion_id


class NemLoginIdentity(models.Model):
    """A professional identity at NemLog-in (issuer + persistent id) linked to a user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="nemlogin_identity"
    )
    issuer = models.CharField(max_length=500)
    persistent_id = models.CharField(max_length=500)
    cvr = models.CharField(max_length=8)
    created_at = models.DateTimeField(default=timezone.now)
    last_login_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "persistent_id"], name="nemlogin_identity_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.cvr}"


class SamlSession(models.Model):
    """A Django session opened by a NemLog-in log-in, found again by the
    IdP's NameID and SessionIndex when NemLog-in asks us to log the person out."""

    session_key = models.CharField(max_length=40, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saml_sessions"
    )
    issuer = models.CharField(max_length=500)
    name_id_digest = models.CharField(max_length=64, db_index=True)
    name_id_xml = models.TextField()
    session_index = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user_id} {self.session_index}"
