"""Parsers turning catalogue YAML mappings into frozen dataclasses."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from rodloeber.domain.catalogue_models import (
    AUTHORITY_LEVELS,
    AUTHORITY_RULES,
    DURATION_BASES,
    MILESTONE_KINDS,
    AnyOf,
    Appeal,
    Authority,
    CapRegime,
    ClockRule,
    Condition,
    CrmaMaterial,
    DurationRange,
    EtsActivity,
    EuGuidance,
    IedListing,
    Leaf,
    MilestoneTemplate,
    ParamValue,
    PermitType,
    RuleData,
    SevesoSubstance,
    SimpleCaseRule,
)
from rodloeber.domain.catalogue_reader import Reader

CONDITION_OPS = ("eq", "ne", "lt", "le", "gt", "ge", "in", "is_null", "not_null")


def _milestone(
    r: Reader, raw: Mapping[str, object], entry: str, appeal_days: int | None
) -> MilestoneTemplate:
    kind = r.choice(raw, "kind", entry, MILESTONE_KINDS)
    at = r.number(raw, "at", entry)
    if not 0.0 <= at <= 1.0:
        r.problem(entry, "milestones.at", f"{at} must be between 0 and 1")
    after_raw = raw.get("after_days", 0)
    if after_raw == "appeal_period":
        if appeal_days is None:
            r.problem(entry, "milestones.after_days", "'appeal_period' needs appeal.period_days")
        after_days = appeal_days or 0
    else:
        after_days = r.integer({"after_days": after_raw}, "after_days", entry)
    if after_days < 0:
        r.problem(entry, "milestones.after_days", "must not be negative")
    counts = raw.get("counts_toward_cap", True)
    if not isinstance(counts, bool):
        r.problem(entry, "milestones.counts_toward_cap", "must be true or false")
        counts = True
    return MilestoneTemplate(kind=kind, at=at, after_days=after_days, counts_toward_cap=counts)


def _milestones(
    r: Reader,
    raw: object,
    entry: str,
    templates: Mapping[str, object],
    appeal_days: int | None,
) -> tuple[MilestoneTemplate, ...]:
    if isinstance(raw, str):
        if raw not in templates:
            r.problem(entry, "milestones", f"unknown milestone template '{raw}'")
            return ()
        raw = templates[raw]
    if not isinstance(raw, list) or not raw:
        r.problem(entry, "milestones", "must be a template name or a non-empty list")
        return ()
    result = tuple(
        _milestone(r, r.mapping(item, entry, "milestones"), entry, appeal_days) for item in raw
    )
    decisions = [m for m in result if m.kind == "decision"]
    if len(decisions) != 1 or decisions[0].at != 1.0:
        r.problem(entry, "milestones", "needs exactly one 'decision' milestone at 1.0")
    if any(b.at < a.at for a, b in itertools.pairwise(result)):
        r.problem(entry, "milestones", "'at' values must not decrease")
    return result


def _duration(r: Reader, raw: Mapping[str, object], entry: str) -> DurationRange:
    """The planning range with its evidence: a basis, and a source unless an estimate."""
    basis = raw.get("basis")
    if basis not in DURATION_BASES:
        r.problem(
            entry, "duration.basis", f"must be one of {', '.join(DURATION_BASES)} (got {basis!r})"
        )
        basis = "estimate"
    assert isinstance(basis, str)
    source, source_da = raw.get("source", ""), raw.get("source_da", "")
    if not isinstance(source, str) or not isinstance(source_da, str):
        r.problem(entry, "duration.source", "source and source_da must be strings")
        source, source_da = "", ""
    if basis in ("published", "statutory") and not source.strip():
        r.problem(entry, "duration.source", f"is required when basis is '{basis}'")
    if source.strip() and not source_da.strip():
        r.problem(entry, "duration.source_da", "is required when source is given (da and en)")
    duration = DurationRange(
        min_days=r.integer(raw, "min_days", entry),
        likely_days=r.integer(raw, "likely_days", entry),
        max_days=r.integer(raw, "max_days", entry),
        basis=basis,
        source=source.strip(),
        source_da=source_da.strip(),
    )
    stray = set(raw) - {"min_days", "likely_days", "max_days", "basis", "source", "source_da"}
    if stray:
        r.problem(entry, "duration", f"unexpected keys {sorted(map(str, stray))}")
    if duration.min_days <= 0:
        r.problem(entry, "duration.min_days", "must be > 0")
    if not duration.min_days <= duration.likely_days <= duration.max_days:
        r.problem(entry, "duration", "must satisfy min_days <= likely_days <= max_days")
    return duration


def parse_permit_type(
    r: Reader, m: Mapping[str, object], templates: Mapping[str, object]
) -> PermitType:
    """Parse one entry of permit_types.yaml."""
    code = r.string(m, "code", "?")
    entry = code or "?"
    duration = _duration(r, r.mapping(m.get("duration"), entry, "duration"), entry)
    appeal_raw = r.mapping(m.get("appeal"), entry, "appeal")
    stray = set(appeal_raw) - {"body_da", "body_en", "period_days", "suspensive"}
    if stray:  # e.g. an unquoted "(…, MBL § 96)" split into a key by YAML
        r.problem(entry, "appeal", f"unexpected keys {sorted(map(str, stray))}; quote the texts")
    appeal = Appeal(
        body_da=r.string(appeal_raw, "body_da", entry),
        body_en=r.string(appeal_raw, "body_en", entry),
        period_days=r.opt_integer(appeal_raw, "period_days", entry),
        suspensive=r.opt_boolean(appeal_raw, "suspensive", entry),
    )
    rule = r.choice(m, "authority_rule", entry, AUTHORITY_RULES)
    authority_code = r.opt_string(m, "authority_code", entry)
    if rule not in ("site_kommune", "site_region") and not authority_code:
        r.problem(entry, "authority_code", f"is required for authority_rule '{rule}'")
    target = r.opt_integer(m, "service_target_days", entry)
    if target is not None and target <= 0:
        r.problem(entry, "service_target_days", "must be > 0 or null")
    return PermitType(
        code=code,
        name_da=r.string(m, "name_da", entry),
        name_en=r.string(m, "name_en", entry),
        legal_basis=r.string(m, "legal_basis", entry),
        authority_level=r.choice(m, "authority_level", entry, AUTHORITY_LEVELS),
        authority_rule=rule,
        authority_code=authority_code,
        depends_on=r.strings(m, "depends_on", entry),
        counts_toward_cap=r.boolean(m, "counts_toward_cap", entry),
        service_target_days=target,
        service_target_unit=r.choice(m, "service_target_unit", entry, ("calendar", "working")),
        duration=duration,
        milestones=_milestones(r, m.get("milestones"), entry, templates, appeal.period_days),
        appeal=appeal,
        appeal_period_days=appeal.period_days,
        source_note=r.string(m, "source_note", entry),
        verified=r.boolean(m, "verified", entry),
        regional_for_extraction=bool(r.opt_boolean(m, "regional_for_extraction", entry)),
        details_verified=bool(r.opt_boolean(m, "details_verified", entry)),
    )


def parse_authority(r: Reader, m: Mapping[str, object]) -> Authority:
    """Parse one entry of authorities.yaml."""
    code = r.string(m, "code", "?")
    return Authority(
        code=code,
        level=r.choice(m, "level", code, AUTHORITY_LEVELS),
        name_da=r.string(m, "name_da", code),
        name_en=r.string(m, "name_en", code),
    )


def parse_listing(r: Reader, m: Mapping[str, object]) -> IedListing:
    """Parse one entry of ied_listings.yaml."""
    code = r.string(m, "code", "?")
    annex = r.choice(m, "annex", code, ("bilag1", "bilag2"))
    if code and not code.startswith(f"{annex}:"):
        r.problem(code, "code", f"must start with '{annex}:'")
    return IedListing(
        code=code,
        annex=annex,
        state=r.boolean(m, "state", code),
        ets_relevant=r.boolean(m, "ets_relevant", code),
        text_da=r.string(m, "text_da", code),
        text_en=r.string(m, "text_en", code),
        source_note=r.string(m, "source_note", code),
        verified=r.boolean(m, "verified", code),
        state_verified=bool(r.opt_boolean(m, "state_verified", code)),
    )


def parse_substance(r: Reader, m: Mapping[str, object]) -> SevesoSubstance:
    """Parse one entry of seveso.yaml."""
    key = r.string(m, "key", "?")
    lower = r.number(m, "lower_tier_t", key)
    upper = r.number(m, "upper_tier_t", key)
    if not 0 < lower <= upper:
        r.problem(key, "lower_tier_t", "must satisfy 0 < lower_tier_t <= upper_tier_t")
    return SevesoSubstance(
        key=key,
        name_da=r.string(m, "name_da", key),
        name_en=r.string(m, "name_en", key),
        aliases=tuple(a.lower() for a in r.strings(m, "aliases", key)),
        lower_tier_t=lower,
        upper_tier_t=upper,
        source_note=r.string(m, "source_note", key),
        verified=r.boolean(m, "verified", key),
    )


def parse_ets(r: Reader, m: Mapping[str, object]) -> EtsActivity:
    """Parse one entry of ets.yaml."""
    key = r.string(m, "key", "?")
    threshold = r.number(m, "threshold", key) if m.get("threshold") is not None else None
    fact = r.opt_string(m, "threshold_fact", key)
    if (threshold is None) != (fact is None):
        r.problem(key, "threshold", "threshold and threshold_fact go together")
    return EtsActivity(
        key=key,
        name_da=r.string(m, "name_da", key),
        name_en=r.string(m, "name_en", key),
        source_note=r.string(m, "source_note", key),
        verified=r.boolean(m, "verified", key),
        threshold=threshold,
        threshold_fact=fact,
        threshold_unit_da=r.opt_string(m, "threshold_unit_da", key) or "",
        threshold_unit_en=r.opt_string(m, "threshold_unit_en", key) or "",
        aliases=r.strings(m, "aliases", key) if "aliases" in m else (),
        legal_basis=r.opt_string(m, "legal_basis", key) or "",
    )


def parse_condition(r: Reader, raw: object, entry: str) -> Condition:
    """Parse a cap condition (leaf or ``any``)."""
    m = r.mapping(raw, entry, "when")
    if "any" in m:
        items = m["any"]
        if not isinstance(items, list) or not items:
            r.problem(entry, "when.any", "must be a non-empty list")
            return AnyOf(())
        return AnyOf(tuple(parse_condition(r, item, entry) for item in items))
    op = r.choice(m, "op", entry, CONDITION_OPS)
    value = m.get("value")
    parsed: ParamValue | None
    if op in ("is_null", "not_null"):
        parsed = None
    elif isinstance(value, list):
        parsed = tuple(str(v) for v in value)
    elif isinstance(value, bool | int | float | str):
        parsed = value
    else:
        r.problem(entry, "when.value", f"operator '{op}' needs a value")
        parsed = None
    return Leaf(fact=r.string(m, "fact", entry), op=op, value=parsed)


def parse_regime(r: Reader, m: Mapping[str, object]) -> CapRegime:
    """Parse one regime of caps.yaml."""
    code = r.string(m, "code", "?")
    when = m.get("when")
    if not isinstance(when, list) or not when:
        r.problem(code, "when", "must be a non-empty list of conditions")
        when = []
    months = r.integer(m, "months", code)
    if months <= 0:
        r.problem(code, "months", "must be > 0")
    return CapRegime(
        code=code,
        label_da=r.string(m, "label_da", code),
        label_en=r.string(m, "label_en", code),
        months=months,
        legal_basis=r.string(m, "legal_basis", code),
        when=tuple(parse_condition(r, c, code) for c in when),
        extension_months=r.opt_integer(m, "extension_months", code),
        source_note=r.string(m, "source_note", code),
        verified=r.boolean(m, "verified", code),
    )


def parse_simple_case(r: Reader, m: Mapping[str, object]) -> SimpleCaseRule:
    """Parse caps.yaml ``simple_case``."""
    return SimpleCaseRule(
        max_state_permits=r.integer(m, "max_state_permits", "simple_case"),
        excluded_permits=r.strings(m, "excluded_permits", "simple_case"),
        legal_basis=r.string(m, "legal_basis", "simple_case"),
        source_note=r.string(m, "source_note", "simple_case"),
        verified=r.boolean(m, "verified", "simple_case"),
    )


def parse_clock_rule(r: Reader, m: Mapping[str, object]) -> ClockRule:
    """Parse one clock rule of caps.yaml."""
    code = r.string(m, "code", "?")
    return ClockRule(
        code=code,
        text_da=r.string(m, "text_da", code),
        text_en=r.string(m, "text_en", code),
        verified=r.boolean(m, "verified", code),
    )


def parse_rule_data(r: Reader, m: Mapping[str, object], *, criterion: bool) -> RuleData:
    """Parse an eligibility criterion or a navigator rule."""
    code = r.string(m, "code", "?")
    return RuleData(
        code=code,
        legal_basis=r.string(m, "legal_basis", code),
        params=r.params(m, "params", code),
        texts=r.texts(m, "texts", code),
        name_da=r.string(m, "name_da", code) if criterion else "",
        name_en=r.string(m, "name_en", code) if criterion else "",
        permits=() if criterion else r.strings(m, "permits", code),
        source_note=str(m.get("source_note", "")),
        verified=bool(m.get("verified", False)),
    )


def parse_guidance(r: Reader, m: Mapping[str, object]) -> EuGuidance:
    """Parse one entry of eu_guidance.yaml."""
    key = r.string(m, "key", "?")
    return EuGuidance(
        key=key,
        act=r.string(m, "act", key),
        url=r.string(m, "url", key),
        title_da=r.string(m, "title_da", key),
        title_en=r.string(m, "title_en", key),
        summary_da=r.string(m, "summary_da", key),
        summary_en=r.string(m, "summary_en", key),
        verified=r.boolean(m, "verified", key),
    )


def parse_crma_material(r: Reader, m: Mapping[str, object]) -> CrmaMaterial:
    key = r.string(m, "key", "?")
    annexes = r.strings(m, "annexes", key)
    if not annexes or any(a not in ("I", "II") for a in annexes):
        r.problem(key, "annexes", "must list I and/or II")
    if "I" in annexes and "II" not in annexes:
        r.problem(key, "annexes", "a strategic raw material (I) is also critical (II)")
    return CrmaMaterial(
        key=key,
        name_da=r.string(m, "name_da", key),
        name_en=r.string(m, "name_en", key),
        annexes=annexes,
        note=r.opt_string(m, "note", key) or "",
    )
