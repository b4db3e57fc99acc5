"""Inbox tasks for industrial parks (industriparker, L 206 § 13).

* municipal planners: draft applications of their municipality in a round that
  is still open (due: the round's deadline), and designated parks still
  reserved without a lokalplan whose five-year sunset is within a year (due:
  the sunset date, § 13, stk. 5 and the agreement's expiry clause);
* state screeners: submitted applications whose five
  conditions (§ 13, stk. 1) or criteria scores are not all recorded (no
  statutory deadline, so undated, oldest first).

Starts from :func:`rodloeber.parks.selectors.visible_applications`, so a task
never points at an application the user may not open; bounded per source.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rodloeber.accounts.models import User
from rodloeber.domain.tasks import Task, TaskKind
from rodloeber.parks.conditions import CONDITIONS
from rodloeber.parks.criteria import rules
from rodloeber.parks.models import ApplicationStatus, Park, ParkStatus
from rodloeber.parks.reminders import LEGAL_BASIS as SUNSET_BASIS
from rodloeber.parks.selectors import is_planner, is_screener, visible_applications

PER_SOURCE = 50
#: Reserved parks enter the inbox this many days before their sunset (the
#: first reminder threshold of ``parks.reminders``).
SUNSET_HORIZON_DAYS = 365


def _draft_tasks(user: User) -> list[Task]:
    rows = (
        visible_applications(user)
        .filter(status=ApplicationStatus.DRAFT, round__deadline__gt=timezone.now())
        .order_by("round__deadline", "pk")[:PER_SOURCE]
    )
    return [
        Task(
            kind=TaskKind.FINISH_PARK_APPLICATION,
            url=reverse("parks:application", args=[a.pk]),
            case_reference=a.round.title,
            case_title=a.name,
            due=timezone.localtime(a.round.deadline).date(),
            since=timezone.localdate(a.created_at),
        )
        for a in rows
    ]


def _sunset_tasks(user: User, today: date) -> list[Task]:
    rows = (
        Park.objects.filter(
            status=ParkStatus.RESERVED,
            application__municipalities__id=user.organisation_id or 0,
            sunset_on__lte=today + timedelta(days=SUNSET_HORIZON_DAYS),
        )
        .select_related("application")
        .distinct()
        .order_by("sunset_on", "pk")[:PER_SOURCE]
    )
    return [
        Task(
            kind=TaskKind.PARK_SUNSET,
            url=reverse("parks:park", args=[p.pk]),
            case_reference=_("Industrial park"),
            case_title=p.application.name,
            subject=_("Adopt a local plan before the designation lapses."),
            due=p.sunset_on,
            since=p.designated_on,
            due_source=SUNSET_BASIS,
        )
        for p in rows
    ]


def _assessment_tasks(user: User) -> list[Task]:
    n_conditions = len(CONDITIONS)
    n_criteria = len(rules().criteria)
    rows = (
        visible_applications(user)
        .filter(status=ApplicationStatus.SUBMITTED)
        .annotate(
            n_conditions=Count("conditions", filter=~Q(conditions__state="unknown"), distinct=True),
            n_scores=Count("evaluations", distinct=True),
        )
        .filter(Q(n_conditions__lt=n_conditions) | Q(n_scores__lt=n_criteria))
        .order_by("submitted_at", "pk")[:PER_SOURCE]
    )
    return [
        Task(
            kind=TaskKind.ASSESS_PARK_APPLICATION,
            url=reverse("parks:application", args=[a.pk]),
            case_reference=a.round.title,
            case_title=a.name,
            subject=_("%(c)d of %(nc)d conditions and %(s)d of %(ns)d criteria assessed.")
            % {"c": a.n_conditions, "nc": n_conditions, "s": a.n_scores, "ns": n_criteria},
            since=timezone.localdate(a.submitted_at) if a.submitted_at else None,
        )
        for a in rows
    ]


def park_tasks(user: User, today: date) -> list[Task]:
    """A planner's or screener's park tasks (empty for every other role)."""
    if is_planner(user):
        return _draft_tasks(user) + _sunset_tasks(user, today)
    if is_screener(user):
        return _assessment_tasks(user)
    return []
