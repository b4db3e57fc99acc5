"""Object-level authorisation for industrial parks (adgangsregler).

* municipal planners (kommunale planlæggere) see their municipality's
  applications, drafts included (joint applications: every co-applicant), and
  edit them only while they are drafts;
* state screeners (statslige screenere) see every submitted application;
* everybody else sees no applications (404). Designated parks are public.
"""

from __future__ import annotations

from django.db.models import QuerySet

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.parks.errors import NotFound
from rodloeber.parks.models import ApplicationStatus, Park, ParkApplication, ParkStatus


def is_planner(user: User) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.role == Role.MUNICIPAL_PLANNER
        and user.organisation_id is not None
    )


def is_screener(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.role == Role.STATE_SCREENER


def is_administrator(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.role == Role.ADMINISTRATOR


def visible_applications(user: User) -> QuerySet[ParkApplication]:
    """The applications ``user`` may see (ansøgninger brugeren må se)."""
    qs = ParkApplication.objects.select_related("round", "lead_municipality").prefetch_related(
        "municipalities"
    )
    if is_planner(user):
        org_id = user.organisation_id or 0
        return qs.filter(municipalities__id=org_id).distinct()
    if is_screener(user):
        return qs.exclude(status=ApplicationStatus.DRAFT)
    return qs.none()


def application_for(user: User, application_id: int) -> ParkApplication:
    """One visible application, or :class:`NotFound` (never a hint that it exists)."""
    try:
        return visible_applications(user).get(pk=application_id)
    except (ParkApplication.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def may_edit(user: User, application: ParkApplication) -> bool:
    """Planners of an applying municipality, while the application is a draft."""
    return (
        is_planner(user)
        and application.is_draft
        and application.municipalities.filter(id=user.organisation_id or 0).exists()
    )


def may_manage_park(user: User, park: Park) -> bool:
    """Local plan and opening: the municipality's planners (planloven) or the state."""
    if is_screener(user):
        return True
    return (
        is_planner(user)
        and park.application.municipalities.filter(id=user.organisation_id or 0).exists()
    )


def public_parks() -> QuerySet[Park]:
    """Designated parks (public, every status incl. ceased)."""
    return Park.objects.select_related("application", "application__lead_municipality")


def active_parks() -> QuerySet[Park]:
    return public_parks().exclude(status=ParkStatus.CEASED)
