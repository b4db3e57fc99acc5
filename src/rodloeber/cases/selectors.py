"""Object-level authorisation (adgangsregler): which cases and permits a user
may see or edit. Every case endpoint, list, search, export and file download
goes through these functions; anything else answers 404.

* company users (virksomhedsbrugere) → their own organisation's cases
  (drafts included);
* case managers (kontaktpersoner, Erhvervsstyrelsen) → every submitted case;
  they edit the case itself and permits with no platform authority;
* authority caseworkers (myndighedssagsbehandlere) → cases in which their
  organisation owns a permit, is asked to take one over (call-in), or takes
  part as Invest in Denmark; they edit only their own permits;
* everybody else (administrators, ministry analysts, planners, screeners) →
  nothing through case endpoints (statistics come from the reports app).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import CASE_MANAGER_AUTHORITY_CODE, Role
from rodloeber.cases.errors import Forbidden, NotFound
from rodloeber.cases.models import (
    CallIn,
    Case,
    CaseParty,
    CaseStatus,
    Document,
    Milestone,
    PartyRole,
    Permit,
    RequestStatus,
)
from rodloeber.domain.navigator.model import POSSIBLE


def is_case_manager(user: User) -> bool:
    """A case manager (kontaktperson) at Erhvervsstyrelsen."""
    org = user.organisation
    return (
        user.is_active
        and user.role == Role.CASE_MANAGER
        and org is not None
        and org.authority_code == CASE_MANAGER_AUTHORITY_CODE
    )


def is_company_user_of(user: User, case: Case) -> bool:
    return (
        user.is_active
        and user.role == Role.COMPANY_USER
        and user.organisation_id == case.company_id
    )


def is_authority_caseworker(user: User) -> bool:
    return (
        user.is_active and user.role == Role.AUTHORITY_CASEWORKER and user.organisation is not None
    )


def visible_cases(user: User) -> QuerySet[Case]:
    """The cases ``user`` may see (sager brugeren må se)."""
    qs = Case.objects.select_related("company", "contact_person")
    if not user.is_active or user.organisation_id is None:
        return qs.none()
    if user.role == Role.COMPANY_USER:
        return qs.filter(company_id=user.organisation_id)
    submitted = qs.exclude(status=CaseStatus.DRAFT)
    if is_case_manager(user):
        return submitted
    if is_authority_caseworker(user):
        org_id = user.organisation_id
        owning = Permit.objects.filter(owner_id=org_id).values("case_id")
        asked = CallIn.objects.filter(to_org_id=org_id, status=RequestStatus.PENDING).values(
            "permit__case_id"
        )
        idk = CaseParty.objects.filter(
            organisation_id=org_id, role=PartyRole.INVEST_IN_DENMARK
        ).values("case_id")
        return submitted.filter(Q(id__in=owning) | Q(id__in=asked) | Q(id__in=idk))
    return qs.none()


def case_for(user: User, case_id: int) -> Case:
    """The case if visible, else :class:`NotFound`."""
    case = visible_cases(user).filter(pk=case_id).first()
    if case is None:
        raise NotFound()
    return case


def visible_permits(user: User) -> QuerySet[Permit]:
    """Permits of the cases ``user`` may see."""
    return Permit.objects.filter(case__in=visible_cases(user)).select_related("owner", "case")


def editable_permits(user: User) -> QuerySet[Permit]:
    """Permits whose dates, pauses and decision ``user`` may record."""
    if is_authority_caseworker(user):
        return visible_permits(user).filter(owner_id=user.organisation_id)
    if is_case_manager(user):
        return visible_permits(user).filter(owner__isnull=True)
    return Permit.objects.none()


def permit_for_edit(user: User, permit_id: int) -> Permit:
    """A permit ``user`` may edit; 404 when invisible, 403 when only visible."""
    permit = visible_permits(user).filter(pk=permit_id).first()
    if permit is None:
        raise NotFound()
    if not editable_permits(user).filter(pk=permit_id).exists():
        raise Forbidden()
    return permit


def permit_for_view(user: User, permit_id: int) -> Permit:
    permit = visible_permits(user).filter(pk=permit_id).first()
    if permit is None:
        raise NotFound()
    return permit


def milestone_for_edit(user: User, milestone_id: int) -> Milestone:
    """A milestone ``user`` may update (the owning authority's); else 404/403."""
    milestone = (
        Milestone.objects.filter(pk=milestone_id, permit__in=visible_permits(user))
        .select_related("permit", "permit__case")
        .first()
    )
    if milestone is None:
        raise NotFound()
    if not editable_permits(user).filter(pk=milestone.permit_id).exists():
        raise Forbidden()
    return milestone


def can_write_to_case(user: User, case: Case) -> bool:
    """May post messages and upload documents: the company, the case managers and
    authorities owning a permit (Invest in Denmark owns its guidance track)."""
    if is_company_user_of(user, case) or is_case_manager(user):
        return True
    return (
        is_authority_caseworker(user)
        and case.permits.filter(owner_id=user.organisation_id).exists()
    )


def document_for(user: User, document_id: int) -> Document:
    """A document of a case ``user`` may see (party-only download), else 404."""
    doc = Document.objects.filter(pk=document_id, case__in=visible_cases(user)).first()
    if doc is None:
        raise NotFound()
    return doc


def may_settle(actor: User, permit: Permit) -> bool:
    """The case manager (kontaktperson) or the permit's owning authority."""
    if is_case_manager(actor):
        return True
    return is_authority_caseworker(actor) and permit.owner_id == actor.organisation_id


def is_settleable(permit: Permit) -> bool:
    """Was the permit only possible in the navigator answer stored on the case?"""
    entries = (permit.case.navigator or {}).get("permits", [])
    entry = next((p for p in entries if p.get("code") == permit.code), None)
    return entry is not None and entry.get("certainty") == POSSIBLE
