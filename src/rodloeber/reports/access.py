"""Who may see what in reports (adgang). Public: statistics and published
schedules. Yearly report, evaluation export and budget: ministry analysts
(read and enter spending) and administrators (read only); others get 404."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from rodloeber.accounts.roles import Role


def _role(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return str(getattr(user, "role", ""))


def can_read_reports(user: Any) -> bool:
    """Ministry analysts and administrators read the internal reports."""
    return _role(user) in (Role.MINISTRY_ANALYST, Role.ADMINISTRATOR)


def can_enter_spending(user: Any) -> bool:
    """Only ministry analysts enter actual spending."""
    return _role(user) == Role.MINISTRY_ANALYST


def require_reader(user: Any) -> None:
    """404 (not 403) for everyone who may not read the internal reports."""
    if not can_read_reports(user):
        raise Http404


def require_spending_entry(user: Any) -> None:
    if not can_enter_spending(user):
        raise Http404
