"""Inbox tasks of ministry analysts: budget sub-lines (Tabel 1, "heraf til …")
with money allocated for last year but no actual spending recorded, so the
variance and the yearly status report (aftalens punkt 23) can be completed.
No statutory deadline: undated, in the budget's order. Bounded."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from rodloeber.accounts.models import User
from rodloeber.core.web import page_language
from rodloeber.domain.tasks import Task, TaskKind
from rodloeber.reports.access import can_enter_spending
from rodloeber.reports.models import BudgetAllocation, BudgetSpend

PER_SOURCE = 50


def _amount(allocation: BudgetAllocation, en: bool) -> str:
    """Million kroner as written on the budget page: "1,25" (da), "1.25" (en)."""
    text = f"{allocation.amount_mdkk:.3f}".rstrip("0").rstrip(".")
    return text if en else text.replace(".", ",")


def spending_tasks(user: User, today: date) -> list[Task]:
    """Last year's sub-lines without recorded spending (analysts only)."""
    if not user.is_active or not can_enter_spending(user):
        return []
    year = today.year - 1
    recorded = BudgetSpend.objects.filter(line_id=OuterRef("line_id"), year=year)
    rows = (
        BudgetAllocation.objects.filter(year=year, line__level=2)
        .exclude(Exists(recorded))
        .select_related("line", "line__parent")
        .order_by("line__position", "line_id")[:PER_SOURCE]
    )
    en = page_language() == "en"
    out = []
    for a in rows:
        line = a.line
        parent = line.parent
        name = line.name_en if en else line.name_da
        if parent is not None:
            name = f"{parent.name_en if en else parent.name_da} – {name}"
        query = urlencode({"line": line.code, "year": year})
        out.append(
            Task(
                kind=TaskKind.RECORD_SPENDING,
                url=f"{reverse('reports:spending')}?{query}",
                case_reference=str(year),
                case_title=name,
                subject=_("Allocated: DKK %(amount)s million") % {"amount": _amount(a, en)},
                since=date(year + 1, 1, 1),
            )
        )
    return out
