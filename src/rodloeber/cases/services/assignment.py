"""Contact person (kontaktperson): automatic assignment and reassignment."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, Sum, Value
from django.db.models.functions import Coalesce

from rodloeber.accounts.models import Organisation, User
from rodloeber.accounts.roles import CASE_MANAGER_AUTHORITY_CODE, Role
from rodloeber.audit.services import record_event
from rodloeber.cases.errors import CaseError
from rodloeber.cases.models import OPEN_STATUSES, Case, CaseParty, ContactAssignment, PartyRole
from rodloeber.cases.notify import case_line, company_users, notify
from rodloeber.cases.services.common import lock_case, require_case_manager, require_text


def size_weight(permit_count: int) -> int:
    """Workload weight of a case by its number of permits: 1 (≤ 5), 2 (≤ 10), 3."""
    if permit_count <= 5:
        return 1
    return 2 if permit_count <= 10 else 3


def case_managers() -> list[User]:
    return list(
        User.objects.filter(
            role=Role.CASE_MANAGER,
            is_active=True,
            organisation__authority_code=CASE_MANAGER_AUTHORITY_CODE,
        ).order_by("id")
    )


def workloads() -> dict[int, int]:
    """Case manager id → weighted number of open cases (arbejdsbyrde)."""
    rows = User.objects.filter(
        role=Role.CASE_MANAGER,
        is_active=True,
        organisation__authority_code=CASE_MANAGER_AUTHORITY_CODE,
    ).annotate(
        load=Coalesce(
            Sum("contact_cases__size_weight", filter=Q(contact_cases__status__in=OPEN_STATUSES)),
            Value(0),
        )
    )
    return {u.pk: int(u.load) for u in rows}


def pick_contact_person() -> User | None:
    """The case manager with the smallest weighted open workload (lowest id on a tie)."""
    loads = workloads()
    if not loads:
        return None
    best = min(loads, key=lambda uid: (loads[uid], uid))
    return User.objects.get(pk=best)


def assign_contact(
    case: Case, person: User, *, reason: str, automatic: bool, actor: User | None
) -> None:
    """Set the contact person and append the history row (no audit: callers do)."""
    case.contact_person = person
    case.save(update_fields=["contact_person", "updated_at"])
    ContactAssignment.objects.create(
        case=case, contact_person=person, reason=reason, automatic=automatic, assigned_by=actor
    )
    erst = Organisation.objects.filter(authority_code=CASE_MANAGER_AUTHORITY_CODE).first()
    if erst is not None:
        CaseParty.objects.get_or_create(case=case, organisation=erst, role=PartyRole.CONTACT)


def case_reassign(*, actor: User, case: Case, contact_person: User, reason: str) -> Case:
    """Give the case another contact person, with a reason (begrundelse)."""
    require_case_manager(actor)
    text = require_text(reason, "en begrundelse", "a reason")
    if (
        contact_person.role != Role.CASE_MANAGER
        or not contact_person.is_active
        or contact_person.organisation is None
        or contact_person.organisation.authority_code != CASE_MANAGER_AUTHORITY_CODE
    ):
        raise CaseError(
            "not_a_case_manager",
            "Kontaktpersonen skal være sagsbehandler i Erhvervsstyrelsen.",
            "The contact person must be a case manager at Erhvervsstyrelsen.",
        )
    with transaction.atomic():
        case = lock_case(case.pk)
        if not case.is_open:
            raise CaseError(
                "case_closed",
                "Sagen er afsluttet; kontaktpersonen kan ikke skiftes.",
                "The case is closed; the contact person cannot change.",
            )
        old = case.contact_person
        assign_contact(case, contact_person, reason=text, automatic=False, actor=actor)
        event = record_event(
            action="case.reassign",
            actor=actor,
            subject=case,
            before={"contact_person": old.username if old else None},
            after={"contact_person": contact_person.username, "reason": text},
        )
        name = contact_person.get_full_name() or contact_person.username
        notify(
            event=event,
            case=case,
            recipients=[*company_users(case), contact_person, *([old] if old else [])],
            subject=f"Ny kontaktperson / new contact person: {case.reference}",
            body=f"{case_line(case)}\n{name} <{contact_person.email}>\n{text}",
            exclude=actor,
        )
    return case
