"""Organisations in the administration (organisationer): create an authority,
a municipality or a company, rename, deactivate and reactivate. One service per
action, one audit event each, administrators only (``Capability.MANAGE_USERS``).

* A company is registered by its CVR number through
  :func:`rodloeber.accounts.services.company_create` (modulus-11 check, one
  organisation per CVR).
* A municipality must be one of the 98 with a DAGI code (kommunekode) in the
  bundled reference data; its official name is the default.
* A state authority gets a short agency code (e.g. ``MST``), unique.
* Deactivating an organisation deactivates its active users and revokes its
  open invitations in the same transaction; reactivating it lets the
  administrator reactivate users one by one (nobody is let back in silently).
"""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone

from rodloeber.accounts.administration_service import require_administrator
from rodloeber.accounts.errors import AccountError
from rodloeber.accounts.models import Invitation, Organisation, User
from rodloeber.accounts.reference import municipalities
from rodloeber.accounts.roles import OrgKind
from rodloeber.accounts.services import company_create
from rodloeber.audit.services import record_event
from rodloeber.domain.identifiers import cvr_problem, normalise_cvr

NAME_MAX = 200
#: A state authority's agency code: 2-16 capital letters or digits (MST, ERST, SST).
AGENCY_CODE = re.compile(r"^[A-ZÆØÅ0-9]{2,16}$")


def _name(raw: str, field_da: str, field_en: str) -> str:
    name = " ".join(raw.split())
    if not name:
        raise AccountError("name_required", f"Angiv {field_da}.", f"Enter {field_en}.")
    if len(name) > NAME_MAX:
        raise AccountError(
            "name_too_long",
            f"Navnet må højst være {NAME_MAX} tegn.",
            f"The name can be at most {NAME_MAX} characters.",
        )
    return name


def _authority_cvr(raw: str) -> str | None:
    if not raw.strip():
        return None
    problem = cvr_problem(raw)
    if problem is not None:
        raise AccountError(problem.code, problem.message_da, problem.message_en)
    number = normalise_cvr(raw)
    if Organisation.objects.filter(cvr=number).exists():
        raise AccountError(
            "cvr_taken",
            f"CVR-nummeret {number} er allerede registreret.",
            f"CVR number {number} is already registered.",
        )
    return number


def _municipality_fields(code: str, name: str, name_en: str) -> dict[str, object]:
    ref = next((m for m in municipalities() if m.code == code.strip().zfill(4)), None)
    if ref is None:
        raise AccountError(
            "municipality_unknown",
            "Kommunekoden findes ikke blandt de 98 kommuner (DAGI), fx 0561 for Esbjerg.",
            "The municipality code is not one of the 98 municipalities (DAGI), "
            "e.g. 0561 for Esbjerg.",
        )
    return {
        "kind": OrgKind.MUNICIPALITY,
        "authority_code": ref.code,
        "name": _name(name, "kommunens navn", "the municipality's name") if name else ref.name,
        "name_en": name_en.strip()[:NAME_MAX] or ref.name_en,
        "region_code": ref.region_code,
        "region_name": ref.region_name,
    }


def _state_fields(code: str, name: str, name_en: str, cvr: str) -> dict[str, object]:
    agency = code.strip().upper()
    if not AGENCY_CODE.match(agency):
        raise AccountError(
            "agency_code",
            "Myndighedskoden skal være 2-16 store bogstaver eller cifre, fx MST.",
            "The authority code must be 2-16 capital letters or digits, e.g. MST.",
        )
    return {
        "kind": OrgKind.STATE_AUTHORITY,
        "authority_code": agency,
        "name": _name(name, "myndighedens navn", "the authority's name"),
        "name_en": name_en.strip()[:NAME_MAX],
        "cvr": _authority_cvr(cvr),
    }


def organisation_create(
    *,
    actor: User,
    kind: str,
    name: str,
    name_en: str = "",
    code: str = "",
    cvr: str = "",
) -> Organisation:
    """Create a company (by CVR), a municipality (by DAGI code) or a state
    authority (by agency code); one audit event (``org.create``)."""
    require_administrator(actor)
    if kind == OrgKind.COMPANY:
        return company_create(actor=actor, cvr=cvr, name=name)
    if kind == OrgKind.MUNICIPALITY:
        fields = _municipality_fields(code, name, name_en)
    elif kind == OrgKind.STATE_AUTHORITY:
        fields = _state_fields(code, name, name_en, cvr)
    else:
        raise AccountError(
            "kind_unknown",
            "Vælg en organisationstype.",
            "Choose an organisation type.",
        )
    with transaction.atomic():
        if Organisation.objects.filter(authority_code=fields["authority_code"]).exists():
            raise AccountError(
                "code_taken",
                f"Koden {fields['authority_code']} er allerede i brug.",
                f"The code {fields['authority_code']} is already in use.",
            )
        org = Organisation.objects.create(**fields)
        record_event(
            action="org.create",
            actor=actor,
            subject=org,
            organisation=org,
            after={"kind": org.kind, "code": org.authority_code, "name": org.name},
        )
    return org


def organisation_rename(
    *, actor: User, organisation: Organisation, name: str, name_en: str = ""
) -> Organisation:
    """Change the Danish and English names; one audit event (``org.update``)."""
    require_administrator(actor)
    new_name = _name(name, "organisationens navn", "the organisation's name")
    new_en = " ".join(name_en.split())[:NAME_MAX]
    with transaction.atomic():
        org = Organisation.objects.select_for_update().get(pk=organisation.pk)
        before = {"name": org.name, "name_en": org.name_en}
        if (org.name, org.name_en) == (new_name, new_en):
            raise AccountError("no_change", "Navnene er uændrede.", "The names are unchanged.")
        org.name, org.name_en = new_name, new_en
        org.save(update_fields=["name", "name_en"])
        record_event(
            action="org.update",
            actor=actor,
            subject=org,
            organisation=org,
            before=before,
            after={"name": org.name, "name_en": org.name_en},
        )
    return org


def organisation_set_active(
    *, actor: User, organisation: Organisation, active: bool
) -> Organisation:
    """Deactivate (its users and open invitations with it) or reactivate an
    organisation; one audit event (``org.deactivate`` / ``org.reactivate``)."""
    require_administrator(actor)
    if not active and organisation.pk == actor.organisation_id:
        raise AccountError(
            "deactivate_own_organisation",
            "Du kan ikke deaktivere din egen organisation.",
            "You cannot deactivate your own organisation.",
        )
    with transaction.atomic():
        org = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if org.is_active == active:
            raise AccountError(
                "no_change",
                "Organisationen er allerede aktiv."
                if active
                else "Organisationen er allerede deaktiveret.",
                "The organisation is already active."
                if active
                else "The organisation is already deactivated.",
            )
        after: dict[str, object] = {"active": active}
        if active:
            org.deactivated_at = None
        else:
            now = timezone.now()
            org.deactivated_at = now
            users = User.objects.filter(organisation=org, is_active=True)
            after["users_deactivated"] = sorted(users.values_list("pk", flat=True))
            users.update(is_active=False)
            after["invitations_revoked"] = Invitation.objects.filter(
                organisation=org,
                accepted_at__isnull=True,
                revoked_at__isnull=True,
                expires_at__gt=now,
            ).update(revoked_at=now)
        org.save(update_fields=["deactivated_at"])
        record_event(
            action="org.reactivate" if active else "org.deactivate",
            actor=actor,
            subject=org,
            organisation=org,
            before={"active": not active},
            after=after,
        )
    return org
