"""Result objects of the permit navigator (tilladelsesnavigator)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from rodloeber.domain.catalogue import PermitType, Text

REQUIRED = "required"
POSSIBLE = "possible"


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
    #: criterion B2; the others "may apply" (ADR 0025).
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
        }


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

    def to_dict(self) -> dict[str, object]:
        """JSON shape of the PermitSet contract (+ English siblings)."""
        return {
            "permits": [p.to_dict() for p in self.permits],
            "assumptions": [a.text.da for a in self.assumptions],
            "assumptions_en": [a.text.en for a in self.assumptions],
            "assumption_details": [a.to_dict() for a in self.assumptions],
            "catalogue_version": self.catalogue_version,
        }
