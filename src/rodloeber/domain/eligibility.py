"""Eligibility for Én indgang (adgang til Én indgang) with the binding cap.

Typical use (web page /tjek, API, CLI)::

    from rodloeber.domain.eligibility import check_project
    result = check_project({"investment_dkk": 1.2e9, ...}, kommune_names=names)
    result.to_dict()  # {"eligibility": {...}, "navigator": {...}}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rodloeber.domain.caps import CapResult, binding_cap
from rodloeber.domain.catalogue import Catalogue, RuleData, load_catalogue
from rodloeber.domain.criteria import (
    Criterion,
    decide,
    evaluate_criteria,
    evaluate_preconditions,
)
from rodloeber.domain.facts import ProjectFacts, parse_project_facts
from rodloeber.domain.navigator import PermitSet, navigate
from rodloeber.domain.navigator.model import Assumption

__all__ = ["CheckResult", "Eligibility", "assess_eligibility", "check_project"]


@dataclass(frozen=True)
class Eligibility:
    """Eligibility answer: precondition and criteria with reasons, the cap, assumptions."""

    eligible: bool
    possibly_eligible: bool
    preconditions: tuple[Criterion, ...]
    criteria: tuple[Criterion, ...]
    cap: CapResult
    assumptions: tuple[Assumption, ...]
    catalogue_version: str
    #: Unconfirmed rules that may change the answer (never deciding it).
    may_apply: tuple[RuleData, ...] = ()

    def criterion(self, code: str) -> Criterion:
        """The criterion with ``code``."""
        return next(c for c in self.criteria if c.code == code)

    def to_dict(self) -> dict[str, object]:
        """JSON shape of the Eligibility contract (+ English siblings)."""
        return {
            "eligible": self.eligible,
            "possibly_eligible": self.possibly_eligible,
            "preconditions": [p.to_dict() for p in self.preconditions],
            "criteria": [c.to_dict() for c in self.criteria],
            "cap": self.cap.to_dict(),
            "assumptions": [a.text.da for a in self.assumptions],
            "assumptions_en": [a.text.en for a in self.assumptions],
            "catalogue_version": self.catalogue_version,
            "may_apply": [
                {
                    "code": r.code,
                    "text": r.text("may_apply").da,
                    "text_en": r.text("may_apply").en,
                    "legal_basis": r.legal_basis,
                }
                for r in self.may_apply
            ],
        }


def assess_eligibility(
    facts: ProjectFacts,
    permits: PermitSet | None = None,
    *,
    catalogue: Catalogue | None = None,
) -> Eligibility:
    """Whether the precondition holds, which criteria are met and why, and
    which cap binds.

    ``permits`` is the navigator answer for the same facts (computed when
    omitted); criterion B2 follows from it.
    """
    cat = catalogue or load_catalogue()
    permit_set = permits if permits is not None else navigate(facts, cat)
    preconditions, pre_assumptions = evaluate_preconditions(facts, cat)
    criteria, assumptions = evaluate_criteria(facts, permit_set, cat)
    oss = decide(preconditions, criteria)
    cap = binding_cap(facts, permit_set, catalogue=cat, in_one_stop_shop=oss)
    return Eligibility(
        eligible=oss is True,
        possibly_eligible=oss is not False,
        preconditions=preconditions,
        criteria=criteria,
        cap=cap,
        assumptions=pre_assumptions + assumptions + cap.assumptions,
        catalogue_version=cat.version,
        may_apply=tuple(r for r in cat.eligibility_open_rules.values() if not r.verified),
    )


@dataclass(frozen=True)
class CheckResult:
    """Facts, navigator answer and eligibility in one (the /tjek answer)."""

    facts: ProjectFacts
    permits: PermitSet
    eligibility: Eligibility

    def to_dict(self) -> dict[str, object]:
        """``{"eligibility": Eligibility JSON, "navigator": PermitSet JSON}``."""
        return {"eligibility": self.eligibility.to_dict(), "navigator": self.permits.to_dict()}


def check_project(
    data: Mapping[str, object],
    *,
    kommune_names: Mapping[str, str] | None = None,
    catalogue: Catalogue | None = None,
) -> CheckResult:
    """Parse ProjectFacts JSON, navigate and assess eligibility (raises FactsError)."""
    cat = catalogue or load_catalogue()
    facts = parse_project_facts(data, catalogue=cat)
    permits = navigate(facts, cat, kommune_names=kommune_names)
    return CheckResult(facts, permits, assess_eligibility(facts, permits, catalogue=cat))
