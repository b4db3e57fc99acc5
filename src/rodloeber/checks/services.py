"""Write services of the checks app (one per action, each audited once)."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.audit.services import record_event
from rodloeber.checks.computation import run_check
from rodloeber.checks.errors import CheckError
from rodloeber.checks.models import SavedCheck
from rodloeber.checks.selectors import may_save_checks

TITLE_MAX = 200


def saved_check_create(
    *,
    actor: User,
    facts: Mapping[str, object],
    title: str = "",
    site_address: str = "",
    synthetic: bool = False,
) -> SavedCheck:
    """Save a check result as a draft (gem som kladde) for the actor's company.

    The result is recomputed from ``facts`` here by the one check computation
    (``run_check``), never taken from the client;
    invalid facts raise ``FactsError``. Only company users may save.
    """
    if not may_save_checks(actor):
        raise CheckError(
            "not_company_user",
            "Kun brugere i en virksomhed kan gemme et tjek.",
            "Only users of a company can save a check.",
        )
    company = actor.organisation
    assert company is not None
    run = run_check(facts)  # criterion C from the parks, then the rules
    result = run.result
    name = (title.strip() or result.facts.title or "").strip()
    if not name:
        name = f"Tjek {timezone.localdate():%d.%m.%Y}"
    data = result.to_dict()
    with transaction.atomic():
        saved = SavedCheck.objects.create(
            company=company,
            created_by=actor,
            title=name[:TITLE_MAX],
            site_address=site_address.strip()[:300],
            facts=dict(run.facts),
            result=data,
            catalogue_version=result.permits.catalogue_version,
            synthetic=synthetic,
        )
        record_event(
            action="check.save",
            actor=actor,
            subject=saved,
            organisation=company,
            after={
                "title": saved.title,
                "catalogue_version": saved.catalogue_version,
                "eligible": result.eligibility.eligible,
                "permits": list(result.permits.codes()),
            },
        )
    return saved
