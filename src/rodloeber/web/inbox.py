"""Presentation of the task inbox (opgaver): labels per task kind and urgency,
and the count shown in the header. The tasks come from ``rodloeber.cases.inbox``."""

from __future__ import annotations

from datetime import date

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rodloeber.accounts.models import User
from rodloeber.accounts.tasks import administration_tasks
from rodloeber.cases.inbox import tasks_for
from rodloeber.domain.tasks import Task, TaskKind, Urgency, sort_tasks, urgency
from rodloeber.landmap.tasks import land_tasks
from rodloeber.parks.tasks import park_tasks
from rodloeber.reports.tasks import spending_tasks

TASK_LABELS: dict[TaskKind, Promise] = {
    TaskKind.OVERDUE_MILESTONE: _("Overdue milestone"),
    TaskKind.MILESTONE_DUE_SOON: _("Milestone due soon"),
    TaskKind.COMPLETENESS_CHECK: _("Check completeness and acknowledge"),
    TaskKind.ANSWER_INFORMATION_REQUEST: _("Send the information requested"),
    TaskKind.CALL_IN_REQUEST: _("Answer a call-in request"),
    TaskKind.EXTENSION_REQUEST: _("Decide on an extension request"),
    TaskKind.PLAN_ALERT: _("Cap at risk: chance of a decision within the cap"),
    TaskKind.UNREAD_MESSAGE: _("Unread message"),
    TaskKind.DOCUMENT_TO_REVIEW: _("New document to review"),
    TaskKind.FINISH_DRAFT: _("Finish and submit the draft"),
    TaskKind.STALE_LAND_AREA: _("Update the land area"),
    TaskKind.LAND_IMPORT_ERRORS: _("Correct the rejected rows of the land import"),
    TaskKind.FINISH_PARK_APPLICATION: _("Finish and submit the park application"),
    TaskKind.PARK_SUNSET: _("Designation lapses without a local plan"),
    TaskKind.ASSESS_PARK_APPLICATION: _("Assess the park application"),
    TaskKind.RECORD_SPENDING: _("Record last year's spending"),
    TaskKind.INVITATION_EXPIRING: _("Invitation expires soon"),
    TaskKind.INVITATION_EXPIRED: _("Invitation expired unanswered: invite again or leave it"),
    TaskKind.USER_WITHOUT_ORGANISATION: _("Give the user an organisation and a role"),
}

#: Each context's task source (cases, land map, parks, reports, administration):
#: each returns [] for roles it has nothing for, and each is bounded.
SOURCES = (tasks_for, land_tasks, park_tasks, spending_tasks, administration_tasks)


def inbox_tasks(user: User, today: date) -> list[Task]:
    """Every task of ``user`` from every context, most urgent first."""
    if not user.is_active:
        return []
    return sort_tasks((t for source in SOURCES for t in source(user, today)), today)


URGENCY_LABELS: dict[Urgency, tuple[Promise, str]] = {
    Urgency.OVERDUE: (_("Overdue"), "badge-error"),
    Urgency.DUE_SOON: (_("Due soon"), "badge-warning"),
    Urgency.LATER: (_("Later"), "badge-info"),
    Urgency.UNDATED: (_("No deadline"), "badge-info"),
}


def task_rows(tasks: list[Task], today: date) -> list[dict[str, object]]:
    rows = []
    for t in tasks:
        u = urgency(t, today)
        label, badge = URGENCY_LABELS[u]
        rows.append(
            {
                "task": t,
                "label": TASK_LABELS[t.kind],
                "urgency": u.value,
                "urgency_label": label,
                "badge": badge,
            }
        )
    return rows


#: The header count may lag the data by this many seconds (the start page is always live).
COUNT_CACHE_SECONDS = 60


def _cache_key(user: User) -> str:
    # date_joined tells apart users who reuse a primary key (tests, restored backups)
    return f"rl:inbox-count:{user.pk}:{user.date_joined.timestamp()}"


def remember_count(user: User, count: int) -> None:
    """Store the count computed by the start page, so the header agrees with it."""
    cache.set(_cache_key(user), count, COUNT_CACHE_SECONDS)


def inbox_count(request: HttpRequest) -> int | None:
    """Open tasks of the signed-in user, else None. Computing the inbox costs
    ~40-150 ms, so other pages reuse the count for up to a minute."""
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return None
    cached = getattr(request, "_rl_inbox_count", None)
    if cached is None:
        cached = cache.get(_cache_key(user))
    if cached is None:
        cached = len(inbox_tasks(user, timezone.localdate()))
        remember_count(user, cached)
    request._rl_inbox_count = cached  # type: ignore[attr-defined]
    return int(cached)
