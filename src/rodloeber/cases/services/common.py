"""Helpers shared by the case services (not services themselves)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.cases.errors import CaseError, Forbidden, IllegalTransition
from rodloeber.cases.models import Case
from rodloeber.cases.selectors import is_case_manager


def local_today() -> date:
    return timezone.localdate()


def lock_case(case_id: int) -> Case:
    """Re-read the case with a row lock (SELECT … FOR UPDATE on PostgreSQL)."""
    return Case.objects.select_for_update().get(pk=case_id)


def move(case: Case, to: str, action: str) -> str:
    """Change ``case.status`` if the transition is allowed; returns the old status."""
    if not case.can_move(to):
        raise IllegalTransition(case.status, action)
    old = case.status
    case.status = to
    case.updated_at = timezone.now()
    return old


def require_case_manager(actor: User) -> None:
    if not is_case_manager(actor):
        raise Forbidden()


def require_text(value: str, field_da: str, field_en: str) -> str:
    text = value.strip()
    if not text:
        raise CaseError("reason_required", f"Angiv {field_da}.", f"Enter {field_en}.")
    return text
