"""Who may see which saved check (object-level rules); hidden ones answer 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import OrgKind, Role
from rodloeber.checks.models import SavedCheck


def may_save_checks(user: object) -> bool:
    """Only company users in a company organisation save checks."""
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    org = user.organisation
    return user.role == Role.COMPANY_USER and org is not None and org.kind == OrgKind.COMPANY


def saved_checks_visible_to(user: User) -> QuerySet[SavedCheck]:
    """The saved checks of the user's own company; nothing for anyone else."""
    if not may_save_checks(user):
        return SavedCheck.objects.none()
    return SavedCheck.objects.filter(company_id=user.organisation_id).select_related("created_by")


def saved_check_get(user: User, pk: int) -> SavedCheck:
    """One saved check the user may see, else 404 (never 403 with details)."""
    try:
        return saved_checks_visible_to(user).get(pk=pk)
    except SavedCheck.DoesNotExist:
        raise Http404("No such saved check") from None
