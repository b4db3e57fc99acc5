"""System endpoints: health and the caller's identity."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest
from ninja import Router, Schema

from rodloeber.accounts.models import User

router = Router(tags=["system"])


class Health(Schema):
    status: str
    database: str


class OrganisationOut(Schema):
    id: int
    kind: str
    name: str
    cvr: str | None
    authority_code: str | None


class Me(Schema):
    username: str
    full_name: str
    role: str
    role_label: str
    organisation: OrganisationOut | None


@router.get("/health", auth=None, response=Health, summary="Health check", operation_id="health")
def health(request: HttpRequest) -> Health:
    """Liveness and database reachability (no authentication)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return Health(status="ok", database=connection.vendor)


@router.get("/me", response=Me, summary="Who am I", operation_id="me")
def me(request: HttpRequest) -> Me:
    """The authenticated user, their role and organisation."""
    user = getattr(request, "auth", None)
    assert isinstance(user, User)
    org = user.organisation
    return Me(
        username=user.username,
        full_name=user.get_full_name(),
        role=user.role,
        role_label=str(user.role_label),
        organisation=(
            OrganisationOut(
                id=org.pk,
                kind=org.kind,
                name=org.name,
                cvr=org.cvr,
                authority_code=org.authority_code,
            )
            if org
            else None
        ),
    )
