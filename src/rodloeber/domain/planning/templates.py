"""Permit-type input protocol and milestone templates (milepælsskabeloner).

The planning engine does not import the catalogue; it codes against the
structural :class:`PermitTypeLike` protocol agreed with the catalogue. A permit
type's ``milestones`` give, for each milestone kind, its position ``at`` as a
fraction of the permit's duration (decision = 1.0) or ``after_days`` calendar
days after the permit's end (e.g. klagefristens udløb 28 days after the
decision). An empty ``milestones`` tuple means "use the default template".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from rodloeber.domain.planning.errors import InvalidDurationError

__all__ = [
    "DEFAULT_APPEAL_PERIOD_DAYS",
    "MILESTONE_KINDS",
    "DurationLike",
    "MilestoneKind",
    "MilestoneSpec",
    "MilestoneSpecLike",
    "PermitTypeLike",
    "default_milestones",
    "milestone_template",
    "validate_permit",
]

#: Typical appeal period (klagefrist) of 4 weeks when the catalogue gives none.
DEFAULT_APPEAL_PERIOD_DAYS = 28


class DurationLike(Protocol):
    """Duration range in calendar days (varighed: min / sandsynlig / max)."""

    @property
    def min_days(self) -> int: ...
    @property
    def likely_days(self) -> int: ...
    @property
    def max_days(self) -> int: ...


class MilestoneSpecLike(Protocol):
    """One milestone of a permit type's template (milepæl i skabelonen)."""

    @property
    def kind(self) -> str: ...
    @property
    def at(self) -> float: ...
    @property
    def after_days(self) -> int: ...
    @property
    def counts_toward_cap(self) -> bool: ...


class PermitTypeLike(Protocol):
    """A permit type from the catalogue (tilladelsestype), structurally typed."""

    @property
    def code(self) -> str: ...
    @property
    def name_da(self) -> str: ...
    @property
    def name_en(self) -> str: ...
    @property
    def authority_level(self) -> str: ...
    @property
    def depends_on(self) -> tuple[str, ...]: ...
    @property
    def counts_toward_cap(self) -> bool: ...
    @property
    def service_target_days(self) -> int | None: ...
    @property
    def duration(self) -> DurationLike: ...
    @property
    def milestones(self) -> Sequence[MilestoneSpecLike]: ...
    @property
    def appeal_period_days(self) -> int | None: ...


@dataclass(frozen=True)
class MilestoneKind:
    """A controlled milestone kind with Danish and English labels."""

    code: str
    label_da: str
    label_en: str


#: Controlled list of milestone kinds (milepælstyper). Unknown kinds from the
#: catalogue are allowed and shown by their code.
MILESTONE_KINDS: dict[str, MilestoneKind] = {
    k.code: k
    for k in (
        MilestoneKind("application_submitted", "Ansøgning indsendt", "Application submitted"),
        MilestoneKind(
            "completeness_confirmed", "Fuldstændighed bekræftet", "Completeness confirmed"
        ),
        MilestoneKind("scoping", "Afgrænsning (scoping)", "Scoping"),
        MilestoneKind("hearing_start", "Høring starter", "Hearing starts"),
        MilestoneKind("hearing_end", "Høring slutter", "Hearing ends"),
        MilestoneKind("draft_decision", "Udkast til afgørelse", "Draft decision"),
        MilestoneKind("decision", "Afgørelse", "Decision"),
        MilestoneKind("appeal_period_end", "Klagefristens udløb", "Appeal period ends"),
    )
}


@dataclass(frozen=True)
class MilestoneSpec:
    """Concrete milestone template entry satisfying :class:`MilestoneSpecLike`."""

    kind: str
    at: float = 1.0
    after_days: int = 0
    counts_toward_cap: bool = True


def default_milestones(appeal_period_days: int | None) -> tuple[MilestoneSpec, ...]:
    """The default template (standardskabelon) used when a permit type has none.

    Application submitted → completeness confirmed → hearing start/end →
    draft decision → decision → appeal period end (not counted toward the cap).
    """
    appeal = DEFAULT_APPEAL_PERIOD_DAYS if appeal_period_days is None else appeal_period_days
    template = [
        MilestoneSpec("application_submitted", at=0.0),
        MilestoneSpec("completeness_confirmed", at=0.1),
        MilestoneSpec("hearing_start", at=0.5),
        MilestoneSpec("hearing_end", at=0.7),
        MilestoneSpec("draft_decision", at=0.85),
        MilestoneSpec("decision", at=1.0),
    ]
    if appeal > 0:
        template.append(
            MilestoneSpec("appeal_period_end", at=1.0, after_days=appeal, counts_toward_cap=False)
        )
    return tuple(template)


def milestone_template(permit: PermitTypeLike) -> tuple[MilestoneSpecLike, ...]:
    """The permit's milestone template, ordered by date position.

    Uses the catalogue's milestones when given, else :func:`default_milestones`.
    """
    specs: tuple[MilestoneSpecLike, ...] = tuple(permit.milestones) or default_milestones(
        permit.appeal_period_days
    )
    return tuple(sorted(specs, key=lambda s: (s.at, s.after_days)))


def validate_permit(permit: PermitTypeLike) -> None:
    """Check the duration range and milestone template; raise on nonsense."""
    d = permit.duration
    if not 0 <= d.min_days <= d.likely_days <= d.max_days:
        raise InvalidDurationError(
            f"Ugyldig varighed for '{permit.code}': kræver 0 ≤ min ≤ sandsynlig ≤ max "
            f"(fik {d.min_days}/{d.likely_days}/{d.max_days}).",
            f"Invalid duration for '{permit.code}': needs 0 <= min <= likely <= max "
            f"(got {d.min_days}/{d.likely_days}/{d.max_days}).",
        )
    seen: set[str] = set()
    for spec in milestone_template(permit):
        if not 0.0 <= spec.at <= 1.0 or spec.after_days < 0:
            raise InvalidDurationError(
                f"Milepælen '{spec.kind}' for '{permit.code}' skal ligge i 0..1 "
                "af varigheden og have after_days ≥ 0.",
                f"Milestone '{spec.kind}' of '{permit.code}' must have 0 <= at <= 1 "
                "and after_days >= 0.",
            )
        if spec.kind in seen:
            raise InvalidDurationError(
                f"Milepælen '{spec.kind}' optræder to gange for '{permit.code}'.",
                f"Milestone '{spec.kind}' appears twice for '{permit.code}'.",
            )
        seen.add(spec.kind)
