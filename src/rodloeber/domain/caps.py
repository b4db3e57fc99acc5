"""Caps on case-processing time (sagsbehandlingsfrister): which cap binds?

Every regime in caps.yaml is evaluated with three-valued logic (applies /
does not apply / unknown). The binding cap is the shortest *confirmed*
(``verified: true``) regime that certainly applies; every regime considered is
listed. A shorter regime is reported under ``possibly_shorter`` with its
reason, never as the cap, when it may apply (unknown facts) or when it applies
but the rule is not yet confirmed (``verified: false``, e.g. the L 206 "simple
case"). Confirming such a rule is one edit in caps.yaml.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rodloeber.domain.catalogue import CapRegime, Catalogue, Text, load_catalogue
from rodloeber.domain.catalogue_models import AnyOf, Condition, Leaf
from rodloeber.domain.criteria import decide, evaluate_criteria, evaluate_preconditions
from rodloeber.domain.facts import ProjectFacts
from rodloeber.domain.navigator.model import REQUIRED, Assumption, PermitSet

# Facts where null is a meaningful value, not "unknown" (contract semantics).
NULL_IS_ABSENT = frozenset({"capacity_gw", "crma_stage", "net_zero_manufacturing"})


@dataclass(frozen=True)
class RegimeResult:
    """One regime considered and whether it applies (None = unknown)."""

    regime: CapRegime
    applies: bool | None

    @property
    def binds(self) -> bool:
        """True when this regime can be the binding cap: it applies and is confirmed."""
        return self.applies is True and self.regime.verified

    def shorter_reason(self) -> Text:
        """Why a shorter regime is shown as "may be shorter" rather than as the cap."""
        r = self.regime
        if self.applies is True:
            return Text(
                f"{r.label_da} ({r.months} måneder) kan gælde, men reglen er ikke bekræftet "
                f"({r.legal_basis}); den afgør derfor ikke fristen.",
                f"{r.label_en} ({r.months} months) may apply, but the rule is not confirmed "
                f"({r.legal_basis}), so it does not decide the cap.",
            )
        return Text(
            f"Det er uvist, om {r.label_da} gælder; i så fald er fristen {r.months} måneder.",
            f"It is unknown whether {r.label_en} applies; if so the cap is {r.months} months.",
        )

    def to_dict(self) -> dict[str, object]:
        """JSON shape of a ``considered`` item."""
        r = self.regime
        return {
            "code": r.code,
            "regime": r.label_da,
            "regime_en": r.label_en,
            "months": r.months,
            "applies": {True: "yes", False: "no", None: "unknown"}[self.applies],
            "legal_basis": r.legal_basis,
            "extension_months": r.extension_months,
            "verified": r.verified,
        }

    def shorter_dict(self) -> dict[str, object]:
        """JSON shape of a ``possibly_shorter`` item: the regime and the reason."""
        reason = self.shorter_reason()
        return {**self.to_dict(), "reason": reason.da, "reason_en": reason.en}


@dataclass(frozen=True)
class CapResult:
    """The binding cap (or none) and every regime considered."""

    months: int | None
    regime: CapRegime | None
    considered: tuple[RegimeResult, ...]
    possibly_shorter: tuple[RegimeResult, ...]
    assumptions: tuple[Assumption, ...]

    def applicable(self) -> tuple[CapRegime, ...]:
        """Regimes that certainly apply."""
        return tuple(r.regime for r in self.considered if r.applies is True)

    def to_dict(self) -> dict[str, object]:
        """Contract ``cap`` shape (+ extras)."""
        r = self.regime
        return {
            "months": self.months,
            "regime": r.label_da if r else None,
            "regime_en": r.label_en if r else None,
            "regime_code": r.code if r else None,
            "legal_basis": r.legal_basis if r else None,
            "extension_months": r.extension_months if r else None,
            "considered": [c.to_dict() for c in self.considered],
            "possibly_shorter": [c.shorter_dict() for c in self.possibly_shorter],
            "assumptions": [a.text.da for a in self.assumptions],
            "assumptions_en": [a.text.en for a in self.assumptions],
        }


def simple_case(permits: PermitSet, catalogue: Catalogue) -> bool | None:
    """The L 206 "simple case" rule [?]: few state permits and no excluded permit."""
    rule = catalogue.simple_case

    def ok(certainties: tuple[str, ...]) -> bool:
        chosen = [p for p in permits.permits if p.certainty in certainties]
        state = sum(1 for p in chosen if p.authority_level == "state" and p.counts_toward_cap)
        excluded = any(p.code in rule.excluded_permits for p in chosen)
        return state <= rule.max_state_permits and not excluded

    if not ok((REQUIRED,)):
        return False
    return True if ok((REQUIRED, "possible")) else None


def evaluate(condition: Condition, facts: Mapping[str, object]) -> bool | None:
    """Three-valued evaluation of a cap condition."""
    if isinstance(condition, AnyOf):
        values = [evaluate(c, facts) for c in condition.items]
        if any(v is True for v in values):
            return True
        return False if all(v is False for v in values) else None
    return _leaf(condition, facts)


def _leaf(leaf: Leaf, facts: Mapping[str, object]) -> bool | None:
    value = facts.get(leaf.fact)
    if leaf.op == "is_null":
        return value is None
    if leaf.op == "not_null":
        return value is not None
    if value is None:
        return False if leaf.fact in NULL_IS_ABSENT else None
    target = leaf.value
    if leaf.op == "eq":
        return bool(value == target)
    if leaf.op == "ne":
        return bool(value != target)
    if leaf.op == "in":
        return isinstance(target, tuple) and value in target
    if not isinstance(value, int | float) or not isinstance(target, int | float):
        return False
    ops = {"lt": value < target, "le": value <= target, "gt": value > target, "ge": value >= target}
    return ops[leaf.op]


def _all(conditions: tuple[Condition, ...], facts: Mapping[str, object]) -> bool | None:
    values = [evaluate(c, facts) for c in conditions]
    if any(v is False for v in values):
        return False
    return True if all(v is True for v in values) else None


def cap_facts(
    facts: ProjectFacts, permits: PermitSet, catalogue: Catalogue, in_one_stop_shop: bool | None
) -> dict[str, object]:
    """The derived facts that cap conditions refer to."""
    return {
        "in_one_stop_shop": in_one_stop_shop,
        "simple_case": simple_case(permits, catalogue),
        "net_zero_manufacturing": facts.net_zero_technology is not None,
        "nzia_strategic": bool(facts.nzia_strategic),
        "capacity_gw": facts.capacity_gw_per_year,
        "co2_storage": facts.co2_storage,
        "crma_strategic": bool(facts.crma_strategic),
        "crma_stage": facts.crma_stage,
        "crma_already_in_permitting": facts.crma_already_in_permitting,
        "crma_extension_of_permitted": _crma_extension(facts),
        "kind": facts.kind,
    }


def _crma_extension(facts: ProjectFacts) -> bool | None:
    """CRMA Art. 11(2), second branch: an extension of an existing strategic
    project that already holds a permit. A new project never is; an expansion
    not yet answered is unknown (the regime "may be shorter", ADR 0032);
    otherwise the company's answer, unanswered counting as no."""
    if facts.kind == "new":
        return False
    if facts.crma_extension_of_permitted is not None:
        return facts.crma_extension_of_permitted
    return None if facts.kind == "expansion" else False


def _in_one_stop_shop(facts: ProjectFacts, permits: PermitSet, cat: Catalogue) -> bool | None:
    preconditions, _ = evaluate_preconditions(facts, cat)
    criteria, _ = evaluate_criteria(facts, permits, cat)
    return decide(preconditions, criteria)


def binding_cap(
    facts: ProjectFacts,
    permits: PermitSet,
    *,
    catalogue: Catalogue | None = None,
    in_one_stop_shop: bool | None = None,
) -> CapResult:
    """Choose the shortest applicable confirmed cap among all regimes; list every regime.

    ``in_one_stop_shop`` (eligibility for Én indgang) is computed from the
    criteria when not given. On equal months an EU regime is named before L 206.
    Regimes shorter than the binding one that may apply, or apply but are not
    confirmed, are returned as ``possibly_shorter`` with their reason.
    """
    cat = catalogue or load_catalogue()
    oss = in_one_stop_shop
    if oss is None:
        oss = _in_one_stop_shop(facts, permits, cat)
    derived = cap_facts(facts, permits, cat, oss)
    considered = tuple(RegimeResult(r, _all(r.when, derived)) for r in cat.cap_regimes)
    applicable = [c.regime for c in considered if c.binds]
    binding = min(applicable, key=lambda r: (r.months, r.code.startswith("l206")), default=None)
    limit = binding.months if binding else None
    shorter = tuple(
        c
        for c in considered
        if not c.binds and c.applies is not False and (limit is None or c.regime.months < limit)
    )
    assumptions = tuple(Assumption("cap", c.shorter_reason(), c.regime.code) for c in shorter)
    return CapResult(limit, binding, considered, shorter, assumptions)
