"""Result objects of the permit navigator (tilladelsesnavigator)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

from rodloeber.domain.catalogue import PermitType, Text

REQUIRED = "required"
POSSIBLE = "possible"
#: The certainties a process plan holds (for database filters; see :func:`is_planned`).
PLANNED_CERTAINTIES = frozenset({REQUIRED})


def is_planned(certainty: str) -> bool:
    """Is a permit of this certainty put in a process plan (procesplan)?

    The one home of this decision: only permits the project needs are planned;
    possible permits and alternatives are shown beside the plan (issue #15 item 8).
    """
    return certainty in PLANNED_CERTAINTIES


def reduce_dependencies(
    deps: Mapping[str, tuple[str, ...] | list[str]], keep: set[str] | frozenset[str]
) -> dict[str, tuple[str, ...]]:
    """Dependencies among the planned permits ``keep``: a dependency on a permit that
    is not planned is replaced by that permit's own dependencies, so the order among
    planned permits is kept (used by the plan preview and by case plans)."""

    def reduce(codes: tuple[str, ...] | list[str], seen: frozenset[str]) -> list[str]:
        result: list[str] = []
        for c in codes:
            if c in keep:
                result.append(c)
            elif c not in seen:
                result.extend(reduce(deps.get(c, ()), seen | {c}))
        return result

    return {code: tuple(dict.fromkeys(reduce(deps.get(code, ()), frozenset()))) for code in keep}


def consequence_text(
    permit_type: PermitType,
    *,
    authority: str,
    authority_en: str,
    authority_level: str,
    counts_toward_cap: bool,
) -> Text:
    """What it means for the timeline if a possible permit turns out to be needed
    (the one home of this wording: plan preview and the case page)."""
    d = permit_type.duration
    cap_da = "tæller med i loftet" if counts_toward_cap else "tæller ikke med i loftet"
    cap_en = "counts toward the cap" if counts_toward_cap else "does not count toward the cap"
    who_da, who_en = f"{authority} afgør den", f"decided by {authority_en}"
    if authority_level == "embedded":
        who_da = "hver myndighed vurderer den i sin egen afgørelse"
        who_en = "assessed by each authority within its own decision"
    return Text(
        f"Hvis den er nødvendig: {who_da}, typisk på {d.likely_days} dage "
        f"({d.min_days}-{d.max_days}), og den {cap_da}.",
        f"If it is needed: {who_en}, typically in {d.likely_days} days "
        f"({d.min_days}-{d.max_days}); it {cap_en}.",
    )


def either_or_text(other_da: str, other_en: str, name_da: str, name_en: str) -> Text:
    """ "Either X or Y" for an alternative route (plan preview and case page)."""
    return Text(
        f"Enten {_lower(other_da)} eller {_lower(name_da)}",
        f"Either {_lower(other_en)} or {_lower(name_en)}",
    )


def _lower(name: str) -> str:
    """Lower-case the first letter of a name in running text, not of an acronym (VVM-)."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


@dataclass(frozen=True)
class Assumption:
    """An assumption made because a fact was unknown (antagelse)."""

    field: str
    text: Text
    rule: str

    def to_dict(self) -> dict[str, str]:
        """JSON shape."""
        return {
            "field": self.field,
            "rule": self.rule,
            "text": self.text.da,
            "text_en": self.text.en,
        }


@dataclass(frozen=True)
class Finding:
    """One rule's conclusion about one permit."""

    permit: str
    certainty: str
    why: Text
    rule: str
    details: Mapping[str, str] = field(default_factory=dict)
    #: False when the finding rests on an unconfirmed catalogue entry (e.g. an
    #: ETS activity marked ``verified: false``): it may apply, never decides.
    verified: bool = True


@dataclass(frozen=True)
class PermitResult:
    """A permit in the navigator answer (PermitSet contract item)."""

    code: str
    name_da: str
    name_en: str
    authority_level: str
    authority: str
    authority_en: str
    authority_code: str | None
    legal_basis: str
    service_target_days: int | None
    service_target_unit: str
    depends_on: tuple[str, ...]
    certainty: str
    why: str
    why_en: str
    rules: tuple[str, ...]
    counts_toward_cap: bool
    details: Mapping[str, str]
    permit_type: PermitType
    #: The rule behind this permit is confirmed: the permit type, the finding
    #: that requires it and its authority level. Only confirmed permits decide
    #: criterion B2; the others "may apply" (ADR 0032).
    rule_verified: bool = True

    def to_dict(self) -> dict[str, object]:
        """JSON shape of one permit (contract fields + extras)."""
        appeal = self.permit_type.appeal
        return {
            "code": self.code,
            "name_da": self.name_da,
            "name_en": self.name_en,
            "authority_level": self.authority_level,
            "authority": self.authority,
            "authority_en": self.authority_en,
            "authority_code": self.authority_code,
            "legal_basis": self.legal_basis,
            "service_target_days": self.service_target_days,
            "service_target_unit": self.service_target_unit,
            "depends_on": list(self.depends_on),
            "certainty": self.certainty,
            "why": self.why,
            "why_en": self.why_en,
            "rules": list(self.rules),
            "counts_toward_cap": self.counts_toward_cap,
            "details": dict(self.details),
            "appeal": {
                "body_da": appeal.body_da,
                "body_en": appeal.body_en,
                "period_days": appeal.period_days,
                "suspensive": appeal.suspensive,
            },
            "verified": self.permit_type.verified,
            "rule_verified": self.rule_verified,
            "details_verified": self.permit_type.details_verified,
            "planned": self.planned,
            "alternative_to": self.details.get("alternative_to"),
        }

    @property
    def planned(self) -> bool:
        """Planned in the process plan (see :func:`is_planned`)."""
        return is_planned(self.certainty)

    def consequence(self) -> Text:
        """What it means for the timeline if a possible permit turns out to be needed."""
        return consequence_text(
            self.permit_type,
            authority=self.authority,
            authority_en=self.authority_en,
            authority_level=self.authority_level,
            counts_toward_cap=self.counts_toward_cap,
        )


@dataclass(frozen=True)
class PermitSet:
    """The navigator answer: permits, assumptions and the catalogue version."""

    permits: tuple[PermitResult, ...]
    assumptions: tuple[Assumption, ...]
    catalogue_version: str

    def get(self, code: str) -> PermitResult | None:
        """The permit with ``code`` or None."""
        return next((p for p in self.permits if p.code == code), None)

    def codes(self, certainty: str | None = None) -> tuple[str, ...]:
        """Permit codes, optionally only those of one certainty."""
        return tuple(p.code for p in self.permits if certainty in (None, p.certainty))

    def planned(self) -> tuple[PermitResult, ...]:
        """The permits a process plan contains, with dependencies reduced to them.

        A dependency on a permit that is not planned is replaced by that permit's own
        dependencies, so the order among planned permits is kept.
        """
        deps = {p.code: p.depends_on for p in self.permits}
        reduced = reduce_dependencies(deps, {p.code for p in self.permits if p.planned})
        return tuple(
            dataclasses.replace(p, depends_on=reduced[p.code]) for p in self.permits if p.planned
        )

    def beside_plan(self) -> tuple[dict[str, object], ...]:
        """Possible permits and alternatives, shown next to the plan with the reason,
        the consequence if they apply and, for an alternative, "either X or Y"."""
        result: list[dict[str, object]] = []
        for p in self.permits:
            if p.planned:
                continue
            other = self.get(str(p.details.get("alternative_to", "")))
            consequence = p.consequence()
            item: dict[str, object] = {
                "code": p.code,
                "name_da": p.name_da,
                "name_en": p.name_en,
                "certainty": p.certainty,
                "why": p.why,
                "why_en": p.why_en,
                "consequence": consequence.da,
                "consequence_en": consequence.en,
                "alternative_to": other.code if other else None,
                "either_or": None,
                "either_or_en": None,
            }
            if other is not None:
                either = either_or_text(other.name_da, other.name_en, p.name_da, p.name_en)
                item["either_or"], item["either_or_en"] = either.da, either.en
            result.append(item)
        return tuple(result)

    def to_dict(self) -> dict[str, object]:
        """JSON shape of the PermitSet contract (+ English siblings)."""
        return {
            "permits": [p.to_dict() for p in self.permits],
            "assumptions": [a.text.da for a in self.assumptions],
            "assumptions_en": [a.text.en for a in self.assumptions],
            "assumption_details": [a.to_dict() for a in self.assumptions],
            "catalogue_version": self.catalogue_version,
        }
