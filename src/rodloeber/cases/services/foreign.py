"""Foreign investors (udenlandske investorer): Invest in Denmark joins the case."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from rodloeber.accounts.models import Organisation, User
from rodloeber.audit.services import record_event
from rodloeber.cases.errors import CaseError
from rodloeber.cases.models import Case, CaseParty, PartyRole
from rodloeber.cases.notify import authority_users, case_line, notify
from rodloeber.cases.planning import add_guidance_permit
from rodloeber.cases.services.common import local_today, lock_case, require_case_manager

#: Organisation.authority_code of Udenrigsministeriet / Invest in Denmark.
INVEST_IN_DENMARK_CODE = "UM-IDK"


def join_invest_in_denmark(case: Case, *, on: date) -> Organisation | None:
    """Add Invest in Denmark as a party (read access) with its guidance milestone.

    Part of another service's transaction (no audit event of its own).
    """
    idk = Organisation.objects.filter(authority_code=INVEST_IN_DENMARK_CODE).first()
    if idk is None:
        return None
    CaseParty.objects.get_or_create(case=case, organisation=idk, role=PartyRole.INVEST_IN_DENMARK)
    add_guidance_permit(case, idk, on)
    return idk


def case_foreign_investor_join(
    *, actor: User, case: Case, investor_country: str, today: date | None = None
) -> Case:
    """Record a foreign investor found after submission; Invest in Denmark joins."""
    require_case_manager(actor)
    country = investor_country.strip().upper()
    if len(country) != 2 or not country.isalpha() or country == "DK":
        raise CaseError(
            "country_code",
            "Angiv investorens land som landekode med to bogstaver (ikke DK).",
            "Give the investor's country as a two-letter code (not DK).",
        )
    with transaction.atomic():
        case = lock_case(case.pk)
        if not case.is_open:
            raise CaseError("case_closed", "Sagen er afsluttet.", "The case is closed.")
        case.foreign_investor = True
        case.investor_country = country
        case.save(update_fields=["foreign_investor", "investor_country", "updated_at"])
        idk = join_invest_in_denmark(case, on=today or local_today())
        event = record_event(
            action="case.foreign_join",
            actor=actor,
            subject=case,
            after={"investor_country": country, "invest_in_denmark": idk is not None},
        )
        if idk is not None:
            notify(
                event=event,
                case=case,
                recipients=authority_users([idk.pk]),
                subject=f"Ny sag med udenlandsk investor / foreign investor: {case.reference}",
                body=case_line(case),
            )
    return case
