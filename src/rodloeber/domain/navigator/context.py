"""The context a navigator rule works on: facts, catalogue and findings."""

from __future__ import annotations

from dataclasses import dataclass, field

from rodloeber.domain.catalogue import Catalogue, RuleData, Text
from rodloeber.domain.facts import ProjectFacts
from rodloeber.domain.navigator.model import POSSIBLE, REQUIRED, Assumption, Finding


@dataclass
class RuleContext:
    """Mutable collector of findings and assumptions for one navigation."""

    facts: ProjectFacts
    catalogue: Catalogue
    findings: list[Finding] = field(default_factory=list)
    assumptions: list[Assumption] = field(default_factory=list)

    def rule(self, code: str) -> RuleData:
        """Rule data (legal basis, params, texts) from the catalogue."""
        return self.catalogue.rule(code)

    def require(
        self, permit: str, why: Text, rule: str, *, verified: bool = True, **details: str
    ) -> None:
        """Record that ``permit`` is required (``verified`` False: on an unconfirmed rule)."""
        self.findings.append(Finding(permit, REQUIRED, why, rule, details, verified))

    def possible(self, permit: str, why: Text, rule: str, **details: str) -> None:
        """Record that ``permit`` may be required."""
        self.findings.append(Finding(permit, POSSIBLE, why, rule, details))

    def assume(self, fact: str, text: Text, rule: str) -> None:
        """Record an assumption made for an unknown fact."""
        self.assumptions.append(Assumption(fact, text, rule))

    def building(self) -> bool | None:
        """Does the project build (new buildings or change of use)? None = unknown."""
        m2 = self.facts.new_buildings_m2
        if m2 is not None and m2 > 0:
            return True
        if self.facts.kind == "conversion":
            return True
        return None if m2 is None else False

    def earthworks(self) -> bool | None:
        """Does the project dig (buildings or dewatering)? None = unknown."""
        build, dewater = self.building(), self.facts.dewatering
        if build or dewater:
            return True
        if build is False:
            return False
        return None


def numbers(**values: float) -> dict[str, str]:
    """Format numbers for both languages: ``x`` -> ``x_da`` ("1.234,5") and ``x_en``."""
    result: dict[str, str] = {}
    for name, value in values.items():
        en = f"{value:,.2f}".rstrip("0").rstrip(".")
        result[f"{name}_en"] = en
        result[f"{name}_da"] = en.replace(",", "§").replace(".", ",").replace("§", ".")
    return result
