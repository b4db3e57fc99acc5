"""Tasks in a user's inbox (opgaver på "Min side"): urgency and order.

Framework-free: the cases app builds :class:`Task` values from its data and
this module decides how urgent each one is and in which order they are shown.
One home for the rule, so the start page, the header count and the tests agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

#: A task due within this many days is "due soon" (snart); the same horizon as
#: the daily digest of upcoming milestones.
DUE_SOON_DAYS = 14


class TaskKind(StrEnum):
    """What the user is asked to do (opgavetype)."""

    OVERDUE_MILESTONE = "overdue_milestone"  # overskredet milepæl
    MILESTONE_DUE_SOON = "milestone_due_soon"  # milepæl inden for DUE_SOON_DAYS
    COMPLETENESS_CHECK = "completeness_check"  # fuldstændighedsvurdering
    ANSWER_INFORMATION_REQUEST = "answer_information_request"  # anmodning om oplysninger
    CALL_IN_REQUEST = "call_in_request"  # anmodning om hjemtagelse
    EXTENSION_REQUEST = "extension_request"  # anmodning om fristforlængelse
    PLAN_ALERT = "plan_alert"  # loftet er i fare (planalarm)
    UNREAD_MESSAGE = "unread_message"  # ulæst besked
    DOCUMENT_TO_REVIEW = "document_to_review"  # nyt dokument
    FINISH_DRAFT = "finish_draft"  # kladde
    # Municipal planners (kommunale planlæggere)
    STALE_LAND_AREA = "stale_land_area"  # erhvervsareal med forældede oplysninger
    LAND_IMPORT_ERRORS = "land_import_errors"  # import med afviste rækker
    FINISH_PARK_APPLICATION = "finish_park_application"  # ansøgning om industripark (kladde)
    PARK_SUNSET = "park_sunset"  # udpegning udløber uden lokalplan
    # State screeners (statslige screenere)
    ASSESS_PARK_APPLICATION = "assess_park_application"  # ansøgning at vurdere
    # Ministry analysts (ministeriets analytikere)
    RECORD_SPENDING = "record_spending"  # forbrug at registrere
    # Administrators
    INVITATION_EXPIRING = "invitation_expiring"  # invitation udløber
    INVITATION_EXPIRED = "invitation_expired"  # invitation udløbet uden svar
    USER_WITHOUT_ORGANISATION = "user_without_organisation"  # bruger uden organisation


class Urgency(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    LATER = "later"
    UNDATED = "undated"


@dataclass(frozen=True)
class Task:
    """One thing to do. ``due`` is the deadline (None when there is none);
    ``since`` when the task arose (received, requested); ``url`` the action."""

    kind: TaskKind
    url: str
    #: What the task concerns: a case (number, title), a land area, a park
    #: application, a budget line or a user (the fields keep their first name).
    case_reference: str
    case_title: str
    subject: str = ""
    due: date | None = None
    since: date | None = None
    #: Where the deadline comes from (e.g. "NZIA art. 9(10)"); empty when none.
    due_source: str = ""


def urgency(task: Task, today: date) -> Urgency:
    if task.due is None:
        return Urgency.UNDATED
    if task.due < today:
        return Urgency.OVERDUE
    if (task.due - today).days <= DUE_SOON_DAYS:
        return Urgency.DUE_SOON
    return Urgency.LATER


_RANK = {Urgency.OVERDUE: 0, Urgency.DUE_SOON: 1, Urgency.LATER: 2, Urgency.UNDATED: 3}


def sort_tasks(tasks: Iterable[Task], today: date) -> list[Task]:
    """Most urgent first: overdue, due soon, later (each by deadline), then
    tasks without a deadline, oldest first."""

    def key(t: Task) -> tuple[int, date, date, str, str]:
        far = date.max
        return (
            _RANK[urgency(t, today)],
            t.due or far,
            t.since or far,
            t.case_reference,
            t.subject,
        )

    return sorted(tasks, key=key)
