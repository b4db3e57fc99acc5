"""Saved checks (gemte tjek): a company's check result kept as a draft (kladde).

Written only by :func:`rodloeber.checks.services.saved_check_create`. The
case-management app turns a saved check into an application later.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from rodloeber.accounts.models import Organisation, User


class SavedCheck(models.Model):
    """A check result (facts, eligibility and permits) saved by a company user."""

    company = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="saved_checks")
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="saved_checks")
    title = models.CharField(max_length=200)
    site_address = models.CharField(max_length=300, blank=True)
    facts = models.JSONField()
    result = models.JSONField()
    catalogue_version = models.CharField(max_length=40)
    created_at = models.DateTimeField(default=timezone.now)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title
