"""Who viewed personal data on a case (læselog / adgangslog), ADR 0014.

Every view of a case page, the case through the API, a document download and
a case-list export writes one :class:`AccessLog` row per case. A refused
attempt on an existing case (the caller got 404) is written as ``denied``, so
probing shows up too, but never counts as a view. Not part of the write audit
chain and not a write service: it takes ``viewer``, not ``actor``.

The log of a case is shown to the case managers (Erhvervsstyrelsen, who run
the case) and to the company's own users (the data subjects' organisation);
everybody else gets 404 like for the case itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from rodloeber.accounts.models import User
from rodloeber.audit.context import current_request_id
from rodloeber.cases.errors import NotFound
from rodloeber.cases.models import AccessLog, AccessOutcome, Case
from rodloeber.cases.selectors import case_for, is_case_manager, is_company_user_of


def _row(viewer: User, case_id: int, what: str, detail: str, outcome: str) -> AccessLog:
    return AccessLog(
        user=viewer,
        user_label=(viewer.get_full_name() or viewer.get_username())[:200],
        organisation_id=viewer.organisation_id,
        case_id=case_id,
        what=what,
        detail=detail[:255],
        outcome=outcome,
        request_id=current_request_id(),
    )


def access_log_record(*, viewer: User, case: Case, what: str, detail: str = "") -> AccessLog:
    """One view of ``case`` by ``viewer``."""
    row = _row(viewer, case.pk, what, detail, AccessOutcome.VIEWED)
    row.save(force_insert=True)
    return row


def access_log_many(*, viewer: User, cases: Iterable[Case | int], what: str) -> int:
    """One row per case (exports)."""
    rows = [
        _row(viewer, c if isinstance(c, int) else c.pk, what, "", AccessOutcome.VIEWED)
        for c in cases
    ]
    AccessLog.objects.bulk_create(rows)
    return len(rows)


def access_log_denied(*, viewer: User, case_id: int, what: str) -> None:
    """A refused attempt (the caller got 404) on a case that exists."""
    if Case.objects.filter(pk=case_id).exists():
        _row(viewer, case_id, what, "", AccessOutcome.DENIED).save(force_insert=True)


def may_see_access_log(user: User, case: Case) -> bool:
    return is_case_manager(user) or is_company_user_of(user, case)


def access_log_for(user: User, case_id: int) -> tuple[Case, QuerySet[AccessLog]]:
    """The case's read log if ``user`` may see it, else :class:`NotFound` (404)."""
    case = case_for(user, case_id)
    if not may_see_access_log(user, case):
        raise NotFound()
    return case, AccessLog.objects.filter(case=case).select_related("organisation")
