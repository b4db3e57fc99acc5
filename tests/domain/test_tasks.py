"""Task urgency and order (rodloeber.domain.tasks)."""

from __future__ import annotations

from datetime import date, timedelta

from rodloeber.domain.tasks import DUE_SOON_DAYS, Task, TaskKind, Urgency, sort_tasks, urgency

TODAY = date(2026, 12, 4)


def _task(ref: str, due: date | None = None, since: date | None = None) -> Task:
    return Task(
        kind=TaskKind.UNREAD_MESSAGE,
        url="/",
        case_reference=ref,
        case_title="",
        due=due,
        since=since,
    )


def test_urgency_bands() -> None:
    assert urgency(_task("a", TODAY - timedelta(days=1)), TODAY) is Urgency.OVERDUE
    assert urgency(_task("a", TODAY), TODAY) is Urgency.DUE_SOON
    assert urgency(_task("a", TODAY + timedelta(days=DUE_SOON_DAYS)), TODAY) is Urgency.DUE_SOON
    assert urgency(_task("a", TODAY + timedelta(days=DUE_SOON_DAYS + 1)), TODAY) is Urgency.LATER
    assert urgency(_task("a"), TODAY) is Urgency.UNDATED


def test_most_urgent_first_then_undated_oldest_first() -> None:
    tasks = [
        _task("undated-new", since=TODAY),
        _task("later", TODAY + timedelta(days=40)),
        _task("undated-old", since=TODAY - timedelta(days=9)),
        _task("soon", TODAY + timedelta(days=3)),
        _task("overdue-recent", TODAY - timedelta(days=1)),
        _task("overdue-old", TODAY - timedelta(days=30)),
    ]
    order = [t.case_reference for t in sort_tasks(tasks, TODAY)]
    assert order == ["overdue-old", "overdue-recent", "soon", "later", "undated-old", "undated-new"]
