"""Inbox tasks of municipal planners for the map of vacant business land
(ledige erhvervsarealer): areas whose data are stale (older than
``STALE_AFTER_MONTHS``, the same rule the map's "more than a year old" warning
uses) and the last import when it rejected rows. Live from the data, bounded
(``PER_SOURCE``), own municipality only (the same rule as
:func:`rodloeber.landmap.services.may_edit`).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Capability, role_has
from rodloeber.audit.models import AuditEvent
from rodloeber.domain.planning.calendar import add_months
from rodloeber.domain.tasks import Task, TaskKind
from rodloeber.landmap.models import STALE_AFTER_MONTHS, BusinessArea, stale_cutoff

#: At most this many stale areas in the inbox (oldest first; the rest wait).
PER_SOURCE = 20
#: An import with rejected rows stays a task for this many days.
IMPORT_ERRORS_DAYS = 30


def _own_municipality(user: User) -> str:
    if not user.is_active or not role_has(user.role, Capability.EDIT_LAND_AREAS):
        return ""
    org = user.organisation
    return (org.authority_code or "") if org is not None else ""


def _stale_area_tasks(komnr: str, today: date) -> list[Task]:
    months = STALE_AFTER_MONTHS
    rows = (
        BusinessArea.objects.filter(komnr=komnr, source_updated__lt=stale_cutoff(today))
        .only("pk", "planid", "plannr", "plannavn", "source_updated")
        .order_by("source_updated", "pk")[:PER_SOURCE]
    )
    return [
        Task(
            kind=TaskKind.STALE_LAND_AREA,
            url=reverse("landmap:area_edit", args=[a.pk]),
            case_reference=a.plannr or a.planid or str(a.pk),
            case_title=a.plannavn,
            subject=_("The data are older than %(months)d months.") % {"months": months},
            due=add_months(a.source_updated, months),
            since=a.source_updated,
        )
        for a in rows
    ]


def _import_error_tasks(komnr: str, today: date) -> list[Task]:
    last = (
        AuditEvent.objects.filter(
            action="land.import",
            subject_id=komnr,
            occurred_at__date__gte=today - timedelta(days=IMPORT_ERRORS_DAYS),
        )
        .order_by("-seq")
        .first()
    )
    after = last.after if last is not None and isinstance(last.after, dict) else {}
    rejected = int(after.get("rejected") or 0)
    if last is None or rejected == 0:
        return []
    return [
        Task(
            kind=TaskKind.LAND_IMPORT_ERRORS,
            url=reverse("landmap:import"),
            case_reference=str(after.get("file", "")),
            case_title=_("Import of vacant business land"),
            subject=_("%(n)d rows were rejected; correct them and import again.") % {"n": rejected},
            since=timezone.localdate(last.occurred_at),
        )
    ]


def land_tasks(user: User, today: date) -> list[Task]:
    """A planner's land-map tasks (empty for every other role)."""
    komnr = _own_municipality(user)
    if not komnr:
        return []
    return _stale_area_tasks(komnr, today) + _import_error_tasks(komnr, today)
