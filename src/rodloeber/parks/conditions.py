"""The five conditions of L 206 § 13 stk. 1 as requirements (betingelser).

"Erhvervsministeren kan … udpege … arealer til etablering af industriparker,
hvis 1) … 5)": every condition must be met before an area can be designated,
so the conditions are a hard constraint in selection and at the decision, and
the weighted scores only rank the areas that meet them
(docs/adr/0021-park-conditions-and-procedure.md).
Exclusions in stk. 2 (the latest screening) stay hard as before.

This module is the one home of the eligibility computation; the service that
records a finding is :func:`condition_assess` (one audit event).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.audit.services import record_event
from rodloeber.domain.legal_citations import legal_basis
from rodloeber.parks.errors import Forbidden, IllegalTransition, ParkError
from rodloeber.parks.models import (
    ApplicationStatus,
    ConditionAssessment,
    ConditionState,
    EvidenceKind,
    ParkApplication,
)
from rodloeber.parks.selectors import is_screener


@dataclass(frozen=True)
class Condition:
    number: int
    title_da: str
    title_en: str

    @property
    def legal_basis(self) -> str:
        return f"L 206 § 13, stk. 1, nr. {self.number}"

    def title(self, language: str) -> str:
        return self.title_en if language == "en" else self.title_da


#: The wording follows the adopted text of § 13 stk. 1 (Folketinget, L 206 2024-25).
CONDITIONS: tuple[Condition, ...] = (
    Condition(
        1,
        "Kommunalt ønske om og engagement i at understøtte udviklingen af arealerne",
        "Municipal wish and commitment to support the development of the areas",
    ),
    Condition(2, "Betydelig erhvervsinteresse", "Significant business interest"),
    Condition(
        3,
        "Nødvendig erhvervsmæssig infrastruktur (elnet, vand, varme- og gasnet) findes "
        "eller planlægges",
        "Necessary business infrastructure (power grid, water, heating and gas) exists "
        "or is planned",
    ),
    Condition(
        4,
        "Nødvendig transportinfrastruktur findes eller planlægges",
        "Necessary transport infrastructure exists or is planned",
    ),
    Condition(
        5,
        "Arbejdskraft, uddannelsesinstitutioner, internationale skoler og erhvervsklynger "
        "i nærheden",
        "Labour, education institutions, international schools and business clusters nearby",
    ),
)
NUMBERS = frozenset(c.number for c in CONDITIONS)


@dataclass(frozen=True)
class Eligibility:
    """Whether an application may be selected and designated, and why not."""

    eligible: bool
    reasons_da: tuple[str, ...]
    reasons_en: tuple[str, ...]

    def reasons(self, language: str) -> tuple[str, ...]:
        return self.reasons_en if language == "en" else self.reasons_da


def eligibility_of(states: dict[int, str], excluded: bool) -> Eligibility:
    """Eligible only when every condition nr. 1-5 is met and stk. 2 excludes nothing."""
    da: list[str] = []
    en: list[str] = []
    if excluded:
        da.append("Området er omfattet af § 13, stk. 2 (seneste screening).")
        en.append("The area is covered by § 13(2) (latest screening).")
    for c in CONDITIONS:
        state = states.get(c.number, ConditionState.UNKNOWN)
        if state == ConditionState.NOT_MET:
            da.append(f"Nr. {c.number} er ikke opfyldt: {c.title_da.lower()}.")
            en.append(f"No. {c.number} is not met: {c.title_en.lower()}.")
        elif state != ConditionState.MET:
            da.append(f"Nr. {c.number} er endnu ikke vurderet.")
            en.append(f"No. {c.number} has not been assessed yet.")
    return Eligibility(not da, tuple(da), tuple(en))


def application_eligibility(application: ParkApplication) -> Eligibility:
    states = {a.number: a.state for a in application.conditions.all()}
    latest = application.latest_screening()
    return eligibility_of(states, bool(latest is not None and latest.excluded))


def condition_rows(application: ParkApplication, language: str) -> list[dict[str, object]]:
    """One row per condition for pages and the API (unassessed ones as unknown)."""
    found = {a.number: a for a in application.conditions.all()}
    rows = []
    for c in CONDITIONS:
        a = found.get(c.number)
        rows.append(
            {
                "number": c.number,
                "title": c.title(language),
                "legal_basis": legal_basis(c.legal_basis, language),
                "state": a.state if a else ConditionState.UNKNOWN,
                "state_label": str(
                    ConditionState(a.state).label if a else ConditionState.UNKNOWN.label
                ),
                "evidence_kind": a.evidence_kind if a else "",
                "evidence_kind_label": (
                    str(EvidenceKind(a.evidence_kind).label) if a and a.evidence_kind else ""
                ),
                "evidence": a.evidence if a else "",
                "evaluator": (a.evaluator.get_full_name() or a.evaluator.username)
                if a and a.evaluator
                else "",
                "updated_at": a.updated_at if a else None,
            }
        )
    return rows


def _choice(value: str, allowed: Iterable[str], code: str, da: str, en: str) -> str:
    if value not in set(allowed):
        raise ParkError(code, da, en)
    return value


def condition_assess(
    *,
    actor: User,
    application: ParkApplication,
    number: int,
    state: str,
    evidence_kind: str = "",
    evidence: str = "",
) -> ConditionAssessment:
    """A state evaluator records whether condition nr. ``number`` is met, with evidence."""
    if not is_screener(actor):
        raise Forbidden()
    if application.status != ApplicationStatus.SUBMITTED:
        raise IllegalTransition(application.status, "assess_condition")
    if number not in NUMBERS:
        raise ParkError(
            "unknown_condition",
            "Betingelsen skal være nr. 1-5 i § 13, stk. 1.",
            "The condition must be no. 1-5 of § 13(1).",
        )
    _choice(
        state,
        ConditionState.values,
        "state_invalid",
        "Vælg opfyldt, ikke opfyldt eller endnu ikke kendt.",
        "Choose met, not met or not yet known.",
    )
    evidence = (evidence or "").strip()
    if state != ConditionState.UNKNOWN:
        _choice(
            evidence_kind,
            EvidenceKind.values,
            "evidence_kind_required",
            "Angiv hvor dokumentationen kommer fra (screening, kommunens svar eller "
            "vurderingsnotat).",
            "Say where the evidence comes from (screening, the municipality's answer or "
            "the evaluator's note).",
        )
        if not evidence:
            raise ParkError(
                "evidence_required",
                "Beskriv dokumentationen for vurderingen.",
                "Describe the evidence for the finding.",
            )
    elif evidence_kind:
        _choice(
            evidence_kind,
            EvidenceKind.values,
            "evidence_kind_invalid",
            "Ukendt kilde.",
            "Unknown source.",
        )
    with transaction.atomic():
        existing = ConditionAssessment.objects.filter(
            application=application, number=number
        ).first()
        before = (
            {"state": existing.state, "evidence_kind": existing.evidence_kind} if existing else None
        )
        assessment, _ = ConditionAssessment.objects.update_or_create(
            application=application,
            number=number,
            defaults={
                "state": state,
                "evidence_kind": evidence_kind,
                "evidence": evidence,
                "evaluator": actor,
                "updated_at": timezone.now(),
            },
        )
        record_event(
            action="parks.condition_assess",
            actor=actor,
            subject=application,
            before=before,
            after={
                "condition": number,
                "legal_basis": f"L 206 § 13, stk. 1, nr. {number}",
                "state": state,
                "evidence_kind": evidence_kind,
                "evidence": evidence,
            },
        )
    return assessment
