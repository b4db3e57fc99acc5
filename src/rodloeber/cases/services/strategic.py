"""Register a strategic-project recognition on a case (one service, one audit event)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from rodloeber.accounts.models import User
from rodloeber.audit.services import record_event
from rodloeber.cases.errors import CaseError
from rodloeber.cases.models import Case, StrategicRecognition, StrategicRegime
from rodloeber.cases.services.common import local_today, lock_case, require_case_manager
from rodloeber.cases.services.intake import store_check
from rodloeber.checks.computation import run_check

TEXT_MAX = 200


def _text(value: str, field_da: str, field_en: str) -> str:
    text = value.strip()
    if not text or len(text) > TEXT_MAX:
        raise CaseError(
            "recognition_text",
            f"Angiv {field_da} (højst {TEXT_MAX} tegn).",
            f"Enter {field_en} (at most {TEXT_MAX} characters).",
        )
    return text


def case_strategic_recognition_record(
    *,
    actor: User,
    case: Case,
    regime: str,
    decided_on: date,
    decided_by: str,
    reference: str,
    in_permitting_when_recognised: bool | None,
    today: date | None = None,
) -> StrategicRecognition:
    """Record that the project was recognised as a strategic project (NZIA Art. 13
    or CRMA Art. 6-7). The case facts follow (``nzia_strategic`` /
    ``crma_strategic``; for CRMA ``crma_already_in_permitting`` from
    ``in_permitting_when_recognised``, which decides CRMA Art. 11(2)). Before
    the clock starts the stored check is recomputed with the one check
    computation; after, the running cap is left as it is (audit says so)."""
    require_case_manager(actor)
    if regime not in StrategicRegime.values:
        raise CaseError("recognition_regime", "Vælg NZIA eller CRMA.", "Choose NZIA or CRMA.")
    now = today or local_today()
    if decided_on > now:
        raise CaseError(
            "recognition_date",
            "Afgørelsesdatoen kan ikke ligge i fremtiden.",
            "The decision date cannot be in the future.",
        )
    by = _text(decided_by, "hvem der har truffet afgørelsen", "who decided")
    ref = _text(reference, "afgørelsens reference", "the decision reference")
    with transaction.atomic():
        case = lock_case(case.pk)
        recognition = StrategicRecognition.objects.create(
            case=case,
            regime=regime,
            decided_on=decided_on,
            decided_by=by,
            reference=ref,
            in_permitting_when_recognised=in_permitting_when_recognised,
            created_by=actor,
        )
        facts = dict(case.facts)
        facts[f"{regime}_strategic"] = True
        if regime == StrategicRegime.CRMA:
            facts["crma_already_in_permitting"] = in_permitting_when_recognised
        rechecked = case.clock_start is None
        if rechecked:
            store_check(case, run_check(facts))  # FactsError -> 422, nothing stored
        else:
            case.facts = facts
        case.save()
        record_event(
            action="case.strategic_recognition",
            actor=actor,
            subject=case,
            organisation=case.company,
            after={
                "regime": regime,
                "decided_on": decided_on.isoformat(),
                "decided_by": by,
                "reference": ref,
                "in_permitting_when_recognised": in_permitting_when_recognised,
                "check_recomputed": rechecked,
                "cap_months": case.cap_months,
            },
        )
    return recognition
