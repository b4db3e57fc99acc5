"""Frozen dataclasses for the rule catalogue (regelkatalog).

The catalogue is rule *data* (YAML in ``rodloeber/catalogue``); these classes
are its typed, validated in-memory form. See :mod:`rodloeber.domain.catalogue`
for the loader.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

AuthorityLevel = Literal["state", "regional", "municipal", "company", "museum", "embedded"]
AUTHORITY_LEVELS: tuple[str, ...] = (
    "state",
    "regional",
    "municipal",
    "company",
    "museum",
    "embedded",
)
AUTHORITY_RULES: tuple[str, ...] = (
    "site_kommune",
    "site_region",
    "fixed",
    "environmental_listing",
    "follows_environmental",
    "museum",
    "company",
    "host",
)
MILESTONE_KINDS: tuple[str, ...] = (
    "application_submitted",
    "completeness_confirmed",
    "hearing_start",
    "hearing_end",
    "draft_decision",
    "decision",
    "appeal_period_end",
)
ParamValue = int | float | str | bool | tuple[str, ...]
#: Where a permit's planning duration comes from (see ``DurationRange``).
DURATION_BASES: tuple[str, ...] = ("published", "statutory", "estimate")


@dataclass(frozen=True)
class Text:
    """A bilingual text (Danish default, English sibling), possibly a template."""

    da: str
    en: str

    def format(self, **values: object) -> Text:
        """Fill ``{placeholders}`` in both languages (missing keys stay visible).

        A value that is itself a :class:`Text` fills each language with its own
        language (an authority name in English on the English text)."""
        da = {k: (v.da if isinstance(v, Text) else v) for k, v in values.items()}
        en = {k: (v.en if isinstance(v, Text) else v) for k, v in values.items()}
        return Text(da=self.da.format_map(_Missing(da)), en=self.en.format_map(_Missing(en)))


class _Missing(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class DurationRange:
    """Planning duration of a permit in calendar days (min <= likely <= max).

    ``basis`` says where the numbers come from: ``published`` (an authority's
    published processing time or service target, sagsbehandlingstid/servicemål),
    ``statutory`` (a time limit in law, lovbestemt frist) or ``estimate`` (a
    planning estimate [?]); ``source`` cites it (required unless an estimate),
    ``source_da`` in Danish.
    """

    min_days: int
    likely_days: int
    max_days: int
    basis: str = "estimate"
    source: str = ""
    #: The same source in Danish (required when ``source`` is given).
    source_da: str = ""


@dataclass(frozen=True)
class MilestoneTemplate:
    """A milestone of a permit at fraction ``at`` of its duration (+ after_days)."""

    kind: str
    at: float
    after_days: int
    counts_toward_cap: bool


@dataclass(frozen=True)
class Appeal:
    """Appeal body (klageinstans) and period (klagefrist) of a permit type."""

    body_da: str
    body_en: str
    period_days: int | None
    suspensive: bool | None


@dataclass(frozen=True)
class PermitType:
    """A permit type (tilladelsestype): legal basis, authority, clock, dependencies."""

    code: str
    name_da: str
    name_en: str
    legal_basis: str
    authority_level: str
    authority_rule: str
    authority_code: str | None
    depends_on: tuple[str, ...]
    counts_toward_cap: bool
    service_target_days: int | None
    service_target_unit: str
    duration: DurationRange
    milestones: tuple[MilestoneTemplate, ...]
    appeal: Appeal
    appeal_period_days: int | None
    source_note: str
    #: The rule is confirmed: the permit is needed on the stated trigger, who
    #: decides and the legal basis. Only confirmed rules decide criterion B2.
    verified: bool
    #: The region (regionsrådet) decides instead when the project extracts raw
    #: materials on land (råstofloven § 7; e.g. the EIA for extraction).
    regional_for_extraction: bool = False
    #: The details are confirmed too: service target, appeal body and period,
    #: milestones (planning data; never decides a cap or eligibility).
    details_verified: bool = False


@dataclass(frozen=True)
class Authority:
    """A named authority (myndighed) with its level."""

    code: str
    level: str
    name_da: str
    name_en: str


@dataclass(frozen=True)
class NetZeroTechnology:
    """A net-zero technology of NZIA Art. 4(1) (nettonulteknologi)."""

    key: str
    point: str
    name_da: str
    name_en: str
    verified: bool


@dataclass(frozen=True)
class CrmaStage:
    """A CRMA value-chain stage (udvinding, forarbejdning, genanvendelse)."""

    key: str
    name_da: str
    name_en: str
    definition_da: str
    definition_en: str


@dataclass(frozen=True)
class CrmaMaterial:
    """A raw material on CRMA Annex I (strategisk) and/or Annex II (kritisk)."""

    key: str
    name_da: str
    name_en: str
    annexes: tuple[str, ...]
    note: str = ""

    @property
    def critical(self) -> bool:
        """On Annex II (kritisk råstof); strategic materials are critical too."""
        return "II" in self.annexes

    @property
    def strategic(self) -> bool:
        """On Annex I (strategisk råstof)."""
        return "I" in self.annexes


@dataclass(frozen=True)
class IedListing:
    """A listing (listepunkt) of godkendelsesbekendtgørelsen bilag 1 or 2."""

    code: str
    annex: str
    state: bool
    ets_relevant: bool
    text_da: str
    text_en: str
    source_note: str
    #: The activity is on bilag 1/2 with this text (a miljøgodkendelse is needed).
    verified: bool
    #: The (s) mark (``state``) is confirmed: who approves (stat/kommune), which
    #: decides the approval's authority level and so criterion B2.
    state_verified: bool = False


@dataclass(frozen=True)
class SevesoSubstance:
    """A named dangerous substance of risikobekendtgørelsen bilag 1 (kolonne 2/3)."""

    key: str
    name_da: str
    name_en: str
    aliases: tuple[str, ...]
    lower_tier_t: float
    upper_tier_t: float
    source_note: str
    verified: bool


@dataclass(frozen=True)
class EtsActivity:
    """An EU ETS Annex I activity (kvotepligtig aktivitet).

    ``threshold`` (with ``threshold_fact``) derives the activity from a
    quantity fact: it applies when the fact exceeds the threshold.
    """

    key: str
    name_da: str
    name_en: str
    source_note: str
    verified: bool
    threshold: float | None = None
    threshold_fact: str | None = None
    threshold_unit_da: str = ""
    threshold_unit_en: str = ""
    aliases: tuple[str, ...] = ()
    legal_basis: str = ""


@dataclass(frozen=True)
class Leaf:
    """A condition on one derived fact: ``fact op value``."""

    fact: str
    op: str
    value: ParamValue | None


@dataclass(frozen=True)
class AnyOf:
    """A disjunction of conditions."""

    items: tuple[Condition, ...]


Condition = Leaf | AnyOf


@dataclass(frozen=True)
class CapRegime:
    """A cap regime (fristregime): months, legal basis and when it applies."""

    code: str
    label_da: str
    label_en: str
    months: int
    legal_basis: str
    when: tuple[Condition, ...]
    extension_months: int | None
    source_note: str
    verified: bool


@dataclass(frozen=True)
class SimpleCaseRule:
    """Rule data for the L 206 "simple case" (enkel sag) [?]."""

    max_state_permits: int
    excluded_permits: tuple[str, ...]
    legal_basis: str
    source_note: str
    verified: bool


@dataclass(frozen=True)
class ClockRule:
    """A clock rule text (fristregel) for guidance and planning."""

    code: str
    text_da: str
    text_en: str
    verified: bool


@dataclass(frozen=True)
class RuleData:
    """Legal basis, parameters and texts of an eligibility criterion or navigator rule."""

    code: str
    legal_basis: str
    params: Mapping[str, ParamValue]
    texts: Mapping[str, Text]
    name_da: str = ""
    name_en: str = ""
    permits: tuple[str, ...] = ()
    source_note: str = ""
    verified: bool = False

    def text(self, key: str, **values: object) -> Text:
        """Return the filled bilingual text ``key``."""
        return self.texts[key].format(**values)

    def number(self, key: str) -> float:
        """Return a numeric parameter."""
        value = self.params[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"parameter {key!r} of rule {self.code!r} is not a number")
        return float(value)

    def strings(self, key: str) -> tuple[str, ...]:
        """Return a list-of-strings parameter."""
        value = self.params[key]
        if not isinstance(value, tuple):
            raise TypeError(f"parameter {key!r} of rule {self.code!r} is not a list")
        return value


@dataclass(frozen=True)
class EuGuidance:
    """Plain-language guidance on one EU act (EU-vejledning)."""

    key: str
    act: str
    url: str
    title_da: str
    title_en: str
    summary_da: str
    summary_en: str
    verified: bool
