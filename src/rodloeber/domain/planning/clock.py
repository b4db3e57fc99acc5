"""The cap clock (sagsbehandlingsfristens ur): start, pauses, extension.

* The clock starts at the completeness acknowledgement
  (fuldstændighedserklæring, NZIA Art. 9(10)).
* Pauses (pauser) carry a reason code from :data:`PAUSE_REASONS`; a reason
  states whether the clock stops (fristen standses). Pauses are half-open
  ``[start, resume)``: the clock runs again on ``resume``.
* One extension (fristforlængelse) per kind, limited per regime
  (:data:`EXTENSION_RULES`), with written reasons (NZIA 9(8)).
* Cap months are calendar months from the clock start; a stopped day moves
  the deadline one calendar day later.
* Periods the cap regime excludes from the limit (e.g. the EIA step under
  CRMA Art. 11(3)) stop the clock like a pause: ``Clock.excluded``, built
  from the plan's dates by :func:`excluded_intervals`. The plan and the
  case's clock both use this one computation, so they give the same deadline.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from rodloeber.domain.planning.calendar import add_months
from rodloeber.domain.planning.errors import ExtensionError, InvalidPauseError

__all__ = [
    "EXTENSION_RULES",
    "PAUSE_REASONS",
    "Clock",
    "ClockStatus",
    "Extension",
    "ExtensionRule",
    "Interval",
    "Pause",
    "PauseReason",
    "advance_skipping",
    "excluded_intervals",
    "extension_rules_for",
    "merge_intervals",
    "unblocked_days",
]


@dataclass(frozen=True)
class PauseReason:
    """A controlled pause reason (pauseårsag). ``verified`` False = check the source."""

    code: str
    label_da: str
    label_en: str
    stops_clock: bool
    legal_basis: str
    verified: bool = True


#: Controlled list of pause reasons (kontrolleret liste over pauseårsager).
PAUSE_REASONS: dict[str, PauseReason] = {
    r.code: r
    for r in (
        PauseReason(
            "applicant_supplementing",
            "Venter på ansøgers supplerende oplysninger",
            "Waiting for the applicant to supplement",
            True,
            "NZIA art. 9(5)",
        ),
        PauseReason(
            "eia_report_preparation",
            "Udarbejdelse af miljøkonsekvensrapport",
            "EIA report preparation",
            True,
            "NZIA art. 9(4)",
            verified=False,
        ),
        PauseReason(
            "appeal", "Klagesag", "Appeal proceedings", True, "NZIA art. 9(9)", verified=False
        ),
        PauseReason(
            "court_proceedings",
            "Retssag",
            "Court proceedings",
            True,
            "NZIA art. 9(9)",
            verified=False,
        ),
        PauseReason(
            "statutory_hearing",
            "Lovpligtig høring",
            "Statutory hearing",
            False,
            "Planloven / miljøvurderingsloven (høringsfrister)",
            verified=False,
        ),
        PauseReason("force_majeure", "Force majeure", "Force majeure", True, "—", verified=False),
        PauseReason(
            "authority_internal",
            "Intern ventetid hos myndigheden",
            "Authority's internal waiting time",
            False,
            "—",
        ),
    )
}


@dataclass(frozen=True, order=True)
class Interval:
    """Half-open date interval ``[start, end)`` (periode)."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return max(0, (self.end - self.start).days)


@dataclass(frozen=True)
class Pause:
    """A pause (pause) of one permit, or of the whole case when ``permit_code`` is None.

    ``resume`` is the day work and clock run again (None = still paused; then
    ``expected_resume`` or the day after the evaluation date is assumed).
    """

    reason: str
    start: date
    resume: date | None = None
    permit_code: str | None = None
    note: str = ""
    expected_resume: date | None = None

    def validate(self, reasons: Mapping[str, PauseReason] = PAUSE_REASONS) -> PauseReason:
        """Return the reason; raise :class:`InvalidPauseError` on bad input."""
        reason = reasons.get(self.reason)
        if reason is None:
            raise InvalidPauseError(
                f"Ukendt pauseårsag '{self.reason}'. Tilladte: {', '.join(sorted(reasons))}.",
                f"Unknown pause reason '{self.reason}'. Allowed: {', '.join(sorted(reasons))}.",
            )
        for end in (self.resume, self.expected_resume):
            if end is not None and end <= self.start:
                raise InvalidPauseError(
                    f"Pausen fra {self.start} skal genoptages efter startdatoen.",
                    f"The pause starting {self.start} must resume after its start date.",
                )
        return reason

    def interval(self, as_of: date | None = None) -> Interval:
        """The pause as an interval, assuming a resume date when still open."""
        end = self.resume or self.expected_resume
        if end is None:  # still paused on ``as_of``: assume it resumes the day after
            end = max(as_of or self.start, self.start) + timedelta(days=1)
        return Interval(self.start, end)


@dataclass(frozen=True)
class ExtensionRule:
    """How far and how often a regime allows the cap to be extended."""

    kind: str
    max_months: int
    max_count: int
    legal_basis: str


#: Extension limits per regime key (fristforlængelse pr. regime). Configurable data.
EXTENSION_RULES: dict[str, tuple[ExtensionRule, ...]] = {
    "nzia": (
        ExtensionRule("standard", 3, 1, "NZIA art. 9(6)"),
        ExtensionRule("health_safety", 6, 1, "NZIA art. 9(7)"),
    ),
    "crma_extraction": (ExtensionRule("standard", 6, 1, "CRMA art. 11(4)"),),
    "crma_other": (ExtensionRule("standard", 3, 1, "CRMA art. 11(4)"),),
    "default": (ExtensionRule("standard", 3, 1, "Lov om Én indgang (L 206) [?]"),),
}


def extension_rules_for(regime: str) -> tuple[ExtensionRule, ...]:
    """The extension rules for a cap's regime text, e.g. ``'NZIA Art. 9(1) >= 1 GW'``."""
    key = regime.strip().lower()
    if key in EXTENSION_RULES:
        return EXTENSION_RULES[key]
    if "crma" in key:
        extraction = "extraction" in key or "udvinding" in key
        return EXTENSION_RULES["crma_extraction" if extraction else "crma_other"]
    if "nzia" in key:
        return EXTENSION_RULES["nzia"]
    return EXTENSION_RULES["default"]


@dataclass(frozen=True)
class Extension:
    """A granted extension (fristforlængelse) with written reasons (begrundelse)."""

    months: int
    reason: str
    decided_on: date | None = None
    kind: str = "standard"


def merge_intervals(intervals: Iterable[Interval]) -> tuple[Interval, ...]:
    """Sorted union of intervals (overlapping pauses count once)."""
    merged: list[Interval] = []
    for iv in sorted(i for i in intervals if i.days > 0):
        if merged and iv.start <= merged[-1].end:
            if iv.end > merged[-1].end:
                merged[-1] = Interval(merged[-1].start, iv.end)
        else:
            merged.append(iv)
    return tuple(merged)


def excluded_intervals(
    spans: Mapping[str, tuple[date, date]], codes: Iterable[str], clock_start: date
) -> tuple[Interval, ...]:
    """The merged periods the regime excludes from the limit (undtagne perioder).

    ``spans`` gives each permit's planned ``(start, end)``; while a permit in
    ``codes`` runs (from the clock start at the earliest) the clock stands
    still. Overlapping permits count once.
    """
    return merge_intervals(
        Interval(max(spans[c][0], clock_start), spans[c][1])
        for c in dict.fromkeys(codes)
        if c in spans and spans[c][1] > clock_start
    )


def advance_skipping(start: date, days: int, blocked: Sequence[Interval]) -> date:
    """The date when ``days`` unblocked days have passed from ``start``.

    ``blocked`` must be merged (:func:`merge_intervals`). Used for the clock
    deadline and for a paused permit's end.
    """
    t = start
    remaining = days
    for iv in blocked:
        if iv.end <= t:
            continue
        if iv.start >= t + timedelta(days=remaining):
            break
        if iv.start > t:
            remaining -= (iv.start - t).days
        t = iv.end
    return t + timedelta(days=remaining)


def unblocked_days(start: date, end: date, blocked: Sequence[Interval]) -> int:
    """Days in ``[start, end)`` that are not blocked (0 if end <= start)."""
    if end <= start:
        return 0
    overlap = sum(
        (min(iv.end, end) - max(iv.start, start)).days
        for iv in blocked
        if iv.start < end and iv.end > start
    )
    return (end - start).days - overlap


@dataclass(frozen=True)
class ClockStatus:
    """The clock at a date: elapsed, stopped and remaining days (forbrugt/resterende)."""

    at: date
    elapsed_days: int
    stopped_days: int
    remaining_days: int
    running: bool
    deadline: date


@dataclass(frozen=True)
class Clock:
    """A cap clock (fristur) from the completeness acknowledgement."""

    start: date
    cap_months: int
    pauses: tuple[Pause, ...] = ()
    extensions: tuple[Extension, ...] = ()
    rules: tuple[ExtensionRule, ...] = EXTENSION_RULES["default"]
    reasons: Mapping[str, PauseReason] | None = None
    #: Periods the cap regime excludes from the limit (see :func:`excluded_intervals`).
    excluded: tuple[Interval, ...] = ()

    def __post_init__(self) -> None:
        reasons = self.reasons if self.reasons is not None else PAUSE_REASONS
        for pause in self.pauses:
            pause.validate(reasons)
        self._validate_extensions()

    def _validate_extensions(self) -> None:
        by_kind = {r.kind: r for r in self.rules}
        base = add_months(self.start, self.cap_months)
        for kind in {e.kind for e in self.extensions}:
            rule = by_kind.get(kind)
            granted = [e for e in self.extensions if e.kind == kind]
            if rule is None:
                raise ExtensionError(
                    f"Regimet tillader ikke fristforlængelse af typen '{kind}'.",
                    f"The regime does not allow an extension of kind '{kind}'.",
                )
            if len(granted) > rule.max_count:
                raise ExtensionError(
                    f"Fristen kan kun forlænges {rule.max_count} gang(e) ({rule.legal_basis}).",
                    f"The cap may be extended only {rule.max_count} time(s) ({rule.legal_basis}).",
                )
            for ext in granted:
                if not 0 < ext.months <= rule.max_months:
                    raise ExtensionError(
                        f"Fristforlængelse højst {rule.max_months} måneder ({rule.legal_basis}).",
                        f"An extension may be at most {rule.max_months} months "
                        f"({rule.legal_basis}).",
                    )
                if not ext.reason.strip():
                    raise ExtensionError(
                        "En fristforlængelse skal begrundes skriftligt (NZIA art. 9(8)).",
                        "An extension needs written reasons (NZIA Art. 9(8)).",
                    )
                if ext.decided_on is not None and not self.start <= ext.decided_on <= base:
                    raise ExtensionError(
                        "Fristforlængelsen skal besluttes, mens fristen løber.",
                        "The extension must be decided while the cap is running.",
                    )

    @property
    def extension_months(self) -> int:
        """Total months granted by extensions."""
        return sum(e.months for e in self.extensions)

    @property
    def budget_days(self) -> int:
        """Counted days available: cap plus extensions, in calendar days."""
        return (add_months(self.start, self.cap_months + self.extension_months) - self.start).days

    def stopped_intervals(self, as_of: date | None = None) -> tuple[Interval, ...]:
        """Merged intervals in which the clock is stopped, clipped to the start."""
        reasons = self.reasons if self.reasons is not None else PAUSE_REASONS
        ivs = []
        for p in self.pauses:
            if reasons[p.reason].stops_clock:
                iv = p.interval(as_of)
                ivs.append(Interval(max(iv.start, self.start), iv.end))
        ivs.extend(Interval(max(iv.start, self.start), iv.end) for iv in self.excluded)
        return merge_intervals(ivs)

    @property
    def excluded_days(self) -> int:
        """Days the regime excludes from the limit (overlaps counted once)."""
        return sum(iv.days for iv in merge_intervals(self.excluded))

    def deadline(self, as_of: date | None = None) -> date:
        """The cap deadline (fristens udløb) after extensions and stopped days."""
        return advance_skipping(self.start, self.budget_days, self.stopped_intervals(as_of))

    def elapsed_days(self, at: date) -> int:
        """Counted days from the start up to ``at`` (forbrugt tid)."""
        return unblocked_days(self.start, at, self.stopped_intervals(at))

    def remaining_days(self, at: date) -> int:
        """Counted days left at ``at``; negative after the deadline (resterende tid)."""
        return self.budget_days - self.elapsed_days(at)

    def status(self, at: date) -> ClockStatus:
        """The clock's state at ``at``."""
        stopped = self.stopped_intervals(at)
        elapsed = unblocked_days(self.start, at, stopped)
        running = at >= self.start and not any(iv.start <= at < iv.end for iv in stopped)
        return ClockStatus(
            at=at,
            elapsed_days=elapsed,
            stopped_days=max(0, (at - self.start).days) - elapsed,
            remaining_days=self.budget_days - elapsed,
            running=running,
            deadline=self.deadline(at),
        )
