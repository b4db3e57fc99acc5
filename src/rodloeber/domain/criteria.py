"""Eligibility criteria for Én indgang (adgangskriterier A, B1, B2, C) and the
precondition that the company is a production company (produktionsvirksomhed,
L 206 § 2, nr. 2).

B2 (state AND municipal permits) is computed from the navigator output, never
asked. Criteria texts, thresholds and legal bases come from eligibility.yaml.
:func:`decide` is the one place that turns precondition and criteria into
"eligible" / "possibly eligible".
"""

from __future__ import annotations

from dataclasses import dataclass

from rodloeber.domain.catalogue import Catalogue, Text
from rodloeber.domain.facts import ProjectFacts
from rodloeber.domain.navigator.model import REQUIRED, Assumption, PermitResult, PermitSet

PUBLIC_LEVELS = ("state", "municipal")


@dataclass(frozen=True)
class Criterion:
    """One criterion's result; ``possibly_met`` when unknown facts could meet it."""

    code: str
    met: bool
    possibly_met: bool
    reason: Text
    legal_basis: str
    name: Text

    def to_dict(self) -> dict[str, object]:
        """Contract shape (+ English and extra fields)."""
        return {
            "code": self.code,
            "met": self.met,
            "possibly_met": self.possibly_met,
            "reason": self.reason.da,
            "reason_en": self.reason.en,
            "legal_basis": self.legal_basis,
            "name_da": self.name.da,
            "name_en": self.name.en,
        }


def _amounts(value: int, threshold: int) -> dict[str, str]:
    def da(x: int) -> str:
        return f"{x:,}".replace(",", ".")

    return {
        "amount_da": da(value),
        "amount_en": f"{value:,}",
        "threshold_da": da(threshold),
        "threshold_en": f"{threshold:,}",
    }


def criterion_a(facts: ProjectFacts, cat: Catalogue, out: list[Assumption]) -> Criterion:
    """A: NZIA technology, strategic project or CRMA project (grøn produktion)."""
    data = cat.criterion("A")
    grounds: list[Text] = []
    tech = cat.nzia_technologies.get(facts.net_zero_technology or "")
    if tech is not None:
        grounds.append(
            Text(
                data.text("ground_nzia", point=tech.point, name=tech.name_da).da,
                data.text("ground_nzia", point=tech.point, name=tech.name_en).en,
            )
        )
    if facts.nzia_strategic:
        grounds.append(data.text("ground_nzia_strategic"))
    if facts.crma_strategic:
        grounds.append(data.text("ground_crma_strategic"))
    stage = cat.crma_stages.get(facts.crma_stage or "")
    crma_unknown = False
    if stage is not None:
        critical = [
            cat.crma_materials[k]
            for k in facts.crma_materials or ()
            if cat.crma_materials[k].critical
        ]
        if critical:
            grounds.append(
                Text(
                    data.text(
                        "ground_crma_stage",
                        stage=stage.name_da,
                        materials=", ".join(m.name_da.lower() for m in critical),
                    ).da,
                    data.text(
                        "ground_crma_stage",
                        stage=stage.name_en,
                        materials=", ".join(m.name_en.lower() for m in critical),
                    ).en,
                )
            )
        elif facts.crma_materials is None:
            crma_unknown = True
            out.append(
                Assumption(
                    "crma_materials",
                    Text(
                        data.text("assumption_crma_materials", stage=stage.name_da.lower()).da,
                        data.text("assumption_crma_materials", stage=stage.name_en.lower()).en,
                    ),
                    "A",
                )
            )
    name = Text(data.name_da, data.name_en)
    if grounds:
        reason = Text(
            data.text("met", grounds="; ".join(g.da for g in grounds)).da,
            data.text("met", grounds="; ".join(g.en for g in grounds)).en,
        )
        return Criterion("A", True, True, reason, data.legal_basis, name)
    if facts.net_zero_technology is None:
        out.append(Assumption("net_zero_technology", data.text("assumption_no_technology"), "A"))
    if crma_unknown:
        return Criterion("A", False, True, data.text("crma_unknown"), data.legal_basis, name)
    if stage is not None:
        return Criterion("A", False, False, data.text("crma_no_material"), data.legal_basis, name)
    return Criterion("A", False, False, data.text("not_met"), data.legal_basis, name)


def criterion_b1(facts: ProjectFacts, cat: Catalogue, out: list[Assumption]) -> Criterion:
    """B1: investment >= DKK 100 million (investering)."""
    data = cat.criterion("B1")
    threshold = int(data.number("threshold_dkk"))
    name = Text(data.name_da, data.name_en)
    if facts.investment_dkk is None:
        out.append(Assumption("investment_dkk", data.text("assumption_unknown"), "B1"))
        return Criterion("B1", False, True, data.text("unknown"), data.legal_basis, name)
    met = facts.investment_dkk >= threshold
    reason = data.text("met" if met else "not_met", **_amounts(facts.investment_dkk, threshold))
    return Criterion("B1", met, met, reason, data.legal_basis, name)


def _confirmed(p: PermitResult) -> bool:
    """Certainly needed on a confirmed rule (permit type, finding, authority level)."""
    return p.certainty == REQUIRED and p.rule_verified


def _authorities(
    permits: PermitSet, level: str, confirmed_only: bool, excluded: tuple[str, ...]
) -> list[Text]:
    """Distinct authority names (da and en) of the counted permits at ``level``."""
    return list(
        dict.fromkeys(
            Text(p.authority, p.authority_en)
            for p in permits.permits
            if p.authority_level == level
            and (_confirmed(p) or not confirmed_only)
            and p.code not in excluded
        )
    )


def _names(names: list[Text]) -> Text:
    """Join authority names per language ("Miljøstyrelsen, Esbjerg Kommune")."""
    return Text(", ".join(n.da for n in names), ", ".join(n.en for n in names))


def criterion_b2(permits: PermitSet, cat: Catalogue) -> Criterion:
    """B2: permits from both state and municipal authorities (from the navigator).

    Only permits certainly needed on a confirmed rule count towards "met". A
    permit that is possible, or needed on a rule still marked unverified (the
    permit type, the finding or the (s) mark behind its authority level), may
    apply: it can make B2 "possibly met", never met (ADR 0032).
    """
    data = cat.criterion("B2")
    name = Text(data.name_da, data.name_en)
    excluded = data.strings("excluded_permits")
    state = _authorities(permits, "state", True, excluded)
    municipal = _authorities(permits, "municipal", True, excluded)
    if state and municipal:
        reason = data.text("met", state=_names(state), municipal=_names(municipal))
        return Criterion("B2", True, True, reason, data.legal_basis, name)
    any_state = _authorities(permits, "state", False, excluded)
    any_municipal = _authorities(permits, "municipal", False, excluded)
    if any_state and any_municipal:
        open_ = [
            p
            for p in permits.permits
            if not _confirmed(p) and p.authority_level in PUBLIC_LEVELS and p.code not in excluded
        ]
        mark = data.text("unverified_mark")
        flag = {p.code: p.certainty == REQUIRED for p in open_}
        possible = Text(
            ", ".join(p.name_da + (mark.da if flag[p.code] else "") for p in open_),
            ", ".join(p.name_en + (mark.en if flag[p.code] else "") for p in open_),
        )
        certain = _names(state or municipal) if (state or municipal) else "-"
        reason = data.text("possibly", certain=certain, possible=possible)
        return Criterion("B2", False, True, reason, data.legal_basis, name)
    if any_municipal:
        reason = data.text("only_municipal", municipal=_names(any_municipal))
    elif any_state:
        reason = data.text("only_state", state=_names(any_state))
    else:
        reason = data.text("none")
    return Criterion("B2", False, False, reason, data.legal_basis, name)


def criterion_c(facts: ProjectFacts, cat: Catalogue, out: list[Assumption]) -> Criterion:
    """C: the company settles in a designated industrial park (industripark)."""
    data = cat.criterion("C")
    name = Text(data.name_da, data.name_en)
    flag = facts.site.in_industrial_park
    if flag is None:
        out.append(Assumption("site.in_industrial_park", data.text("assumption_unknown"), "C"))
        return Criterion("C", False, True, data.text("unknown"), data.legal_basis, name)
    return Criterion(
        "C", flag, flag, data.text("met" if flag else "not_met"), data.legal_basis, name
    )


def production_company(facts: ProjectFacts, cat: Catalogue, out: list[Assumption]) -> Criterion:
    """Precondition: a produktionsvirksomhed (L 206 § 2, nr. 2).

    Met when a listed activity needs a miljøgodkendelse or the company is
    subject to regular environmental inspection; not met when neither holds
    (no listed activity and no inspection duty); otherwise unknown, with the
    assumption stated. A listing still marked unverified (e.g. the IED 2.0
    battery placeholder) may apply, never decides: "possibly".
    """
    data = cat.precondition("production_company")
    name = Text(data.name_da, data.name_en)
    code, basis = data.code, data.legal_basis
    confirmed = [a for a in facts.activities or () if _listing_confirmed(a, cat)]
    if confirmed:
        reason = data.text("met_listed", listings=", ".join(confirmed))
        return Criterion(code, True, True, reason, basis, name)
    if facts.regular_environmental_inspection:
        return Criterion(code, True, True, data.text("met_inspection"), basis, name)
    if facts.activities:
        # Only listings still marked unverified: the approval duty may apply.
        reason = data.text("possibly_unverified_listing", listings=", ".join(facts.activities))
        out.append(Assumption("activities", reason, code))
        return Criterion(code, False, True, reason, basis, name)
    if facts.activities is not None and facts.regular_environmental_inspection is False:
        return Criterion(code, False, False, data.text("not_met"), basis, name)
    assumption = data.text("assumption_unknown")
    out.append(Assumption("regular_environmental_inspection", assumption, code))
    return Criterion(code, False, True, data.text("unknown"), basis, name)


def _listing_confirmed(code: str, cat: Catalogue) -> bool:
    """A listed activity whose listing is confirmed, or a code the catalogue does
    not hold (the company states it is listed; the authority checks it)."""
    listing = cat.ied_listings.get(code)
    return listing is None or listing.verified


def decide(preconditions: tuple[Criterion, ...], criteria: tuple[Criterion, ...]) -> bool | None:
    """Eligible (True), possibly eligible (None) or not eligible (False).

    Every precondition must hold and at least one criterion must be met; a
    precondition that is not met excludes the project whatever the criteria say.
    """
    if any(not p.possibly_met for p in preconditions):
        return False
    if all(p.met for p in preconditions) and any(c.met for c in criteria):
        return True
    return None if any(c.possibly_met for c in criteria) else False


def evaluate_preconditions(
    facts: ProjectFacts, catalogue: Catalogue
) -> tuple[tuple[Criterion, ...], tuple[Assumption, ...]]:
    """The preconditions (produktionsvirksomhed) and the assumptions made."""
    assumptions: list[Assumption] = []
    return (production_company(facts, catalogue, assumptions),), tuple(assumptions)


def evaluate_criteria(
    facts: ProjectFacts, permits: PermitSet, catalogue: Catalogue
) -> tuple[tuple[Criterion, ...], tuple[Assumption, ...]]:
    """All four criteria (A, B1, B2, C) and the assumptions made."""
    assumptions: list[Assumption] = []
    criteria = (
        criterion_a(facts, catalogue, assumptions),
        criterion_b1(facts, catalogue, assumptions),
        criterion_b2(permits, catalogue),
        criterion_c(facts, catalogue, assumptions),
    )
    return criteria, tuple(assumptions)
