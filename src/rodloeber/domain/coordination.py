"""Coordinated procedures and clock exclusions (catalogue/coordination.yaml).

Read and validated here (framework-free); the planning engine receives plain
links and permit codes. :func:`plan_coordination` answers, for one cap regime,
which links and clock exclusions apply and which only *may* apply
(unverified exclusions never move a deadline).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from rodloeber.domain.catalogue import default_catalogue_dir, load_catalogue
from rodloeber.domain.catalogue_reader import CatalogueError, CatalogueProblem
from rodloeber.domain.planning.links import LinkType

FILE = "coordination.yaml"
KINDS = ("permit_time", "appeal_period", "company_response")


@dataclass(frozen=True)
class CoordinatedLink:
    """One link of a coordinated procedure (satisfies planning's LinkLike)."""

    pred: str
    succ: str
    type: str
    lag_days: int
    procedure: str


@dataclass(frozen=True)
class Procedure:
    """A coordinated procedure (samordnet procedure) with its legal basis."""

    code: str
    label_da: str
    label_en: str
    legal_basis: str
    links: tuple[CoordinatedLink, ...]
    source_note: str
    verified: bool


@dataclass(frozen=True)
class ClockExclusion:
    """A period a cap regime excludes from its limit (periode uden for fristen)."""

    code: str
    kind: str
    regimes: tuple[str, ...]
    permits: tuple[str, ...]
    legal_basis: str
    source_note: str
    verified: bool

    def covers(self, regime: str | None) -> bool:
        return "all" in self.regimes or (regime is not None and regime in self.regimes)


@dataclass(frozen=True)
class Measure:
    """A measure that shortens one permit (tiltag), satisfying planning's MeasureLike."""

    code: str
    permit: str
    saving_days: int
    effort: int
    label_da: str
    label_en: str
    legal_basis: str
    source_note: str
    verified: bool


@dataclass(frozen=True)
class Coordination:
    version: str
    procedures: tuple[Procedure, ...]
    clock_exclusions: tuple[ClockExclusion, ...]
    measures: tuple[Measure, ...] = ()

    def measure(self, code: str) -> Measure | None:
        return next((m for m in self.measures if m.code == code), None)

    def links(self) -> tuple[CoordinatedLink, ...]:
        return tuple(link for p in self.procedures for link in p.links)

    def procedure(self, code: str) -> Procedure | None:
        return next((p for p in self.procedures if p.code == code), None)

    def exclusions_for(self, regime: str | None) -> tuple[ClockExclusion, ...]:
        return tuple(e for e in self.clock_exclusions if e.covers(regime))

    def excluded_permits(self, regime: str | None) -> tuple[str, ...]:
        """Permits whose time the regime certainly excludes (verified entries only)."""
        return tuple(
            code
            for e in self.exclusions_for(regime)
            if e.verified and e.kind == "permit_time"
            for code in e.permits
        )


def _text(m: Mapping[str, object], key: str, entry: str, problems: list[CatalogueProblem]) -> str:
    value = m.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(CatalogueProblem(FILE, entry, key, "must be a non-empty text"))
        return ""
    return value


def _codes(
    m: Mapping[str, object], key: str, entry: str, problems: list[CatalogueProblem]
) -> tuple[str, ...]:
    value = m.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(CatalogueProblem(FILE, entry, key, "must be a list of codes"))
        return ()
    return tuple(value)


def _verified(m: Mapping[str, object], entry: str, problems: list[CatalogueProblem]) -> bool:
    value = m.get("verified")
    if not isinstance(value, bool):
        problems.append(CatalogueProblem(FILE, entry, "verified", "must be true or false"))
        return False
    return value


def _link(raw: object, entry: str, problems: list[CatalogueProblem]) -> CoordinatedLink | None:
    if not isinstance(raw, Mapping):
        problems.append(CatalogueProblem(FILE, entry, "links", "each link must be a mapping"))
        return None
    kind, lag = raw.get("type"), raw.get("lag_days", 0)
    if kind not in tuple(LinkType):
        problems.append(CatalogueProblem(FILE, entry, "links.type", "must be FS, SS or FF"))
        return None
    if not isinstance(lag, int) or isinstance(lag, bool) or abs(lag) > 3650:
        problems.append(CatalogueProblem(FILE, entry, "links.lag_days", "whole days, |lag| ≤ 3650"))
        return None
    pred, succ = _text(raw, "pred", entry, problems), _text(raw, "succ", entry, problems)
    return CoordinatedLink(pred, succ, str(kind), lag, entry) if pred and succ else None


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def parse_coordination(
    data: Mapping[str, object], permit_codes: Sequence[str], regime_codes: Sequence[str]
) -> Coordination:
    """Validate the file's content against the permit and regime codes."""
    problems: list[CatalogueProblem] = []
    procedures: list[Procedure] = []
    for raw in _list(data.get("procedures")):
        m = raw if isinstance(raw, Mapping) else {}
        code = _text(m, "code", "?", problems)
        raw_links = m.get("links")
        links = [
            _link(x, code, problems) for x in (raw_links if isinstance(raw_links, list) else [])
        ]
        if not links:
            problems.append(CatalogueProblem(FILE, code, "links", "needs at least one link"))
        for link in links:
            for c in (link.pred, link.succ) if link else ():
                if c not in permit_codes:
                    problems.append(CatalogueProblem(FILE, code, "links", f"unknown permit '{c}'"))
        procedures.append(
            Procedure(
                code=code,
                label_da=_text(m, "label_da", code, problems),
                label_en=_text(m, "label_en", code, problems),
                legal_basis=_text(m, "legal_basis", code, problems),
                links=tuple(x for x in links if x is not None),
                source_note=_text(m, "source_note", code, problems),
                verified=_verified(m, code, problems),
            )
        )
    exclusions: list[ClockExclusion] = []
    for raw in _list(data.get("clock_exclusions")):
        m = raw if isinstance(raw, Mapping) else {}
        code = _text(m, "code", "?", problems)
        kind = m.get("kind")
        if kind not in KINDS:
            problems.append(
                CatalogueProblem(FILE, code, "kind", f"must be one of {', '.join(KINDS)}")
            )
        regimes, permits = (
            _codes(m, "regimes", code, problems),
            _codes(m, "permits", code, problems),
        )
        for r in regimes:
            if r != "all" and r not in regime_codes:
                problems.append(CatalogueProblem(FILE, code, "regimes", f"unknown regime '{r}'"))
        for p in permits:
            if p not in permit_codes:
                problems.append(CatalogueProblem(FILE, code, "permits", f"unknown permit '{p}'"))
        exclusions.append(
            ClockExclusion(
                code=code,
                kind=str(kind),
                regimes=regimes,
                permits=permits,
                legal_basis=_text(m, "legal_basis", code, problems),
                source_note=_text(m, "source_note", code, problems),
                verified=_verified(m, code, problems),
            )
        )
    measures = [_measure(raw, permit_codes, problems) for raw in _list(data.get("measures"))]
    if problems:
        raise CatalogueError(problems)
    return Coordination(
        str(data.get("version", "")),
        tuple(procedures),
        tuple(exclusions),
        tuple(m for m in measures if m is not None),
    )


def _measure(
    raw: object, permit_codes: Sequence[str], problems: list[CatalogueProblem]
) -> Measure | None:
    m = raw if isinstance(raw, Mapping) else {}
    code = _text(m, "code", "?", problems)
    permit = _text(m, "permit", code, problems)
    if permit and permit not in permit_codes:
        problems.append(CatalogueProblem(FILE, code, "permit", f"unknown permit '{permit}'"))
    numbers = {}
    for key, low, high in (("saving_days", 1, 365), ("effort", 1, 5)):
        value = m.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            problems.append(CatalogueProblem(FILE, code, key, f"whole number {low}..{high}"))
            return None
        numbers[key] = value
    return Measure(
        code=code,
        permit=permit,
        saving_days=numbers["saving_days"],
        effort=numbers["effort"],
        label_da=_text(m, "label_da", code, problems),
        label_en=_text(m, "label_en", code, problems),
        legal_basis=_text(m, "legal_basis", code, problems),
        source_note=_text(m, "source_note", code, problems),
        verified=_verified(m, code, problems),
    )


@cache
def load_coordination(directory: Path | None = None) -> Coordination:
    """The packaged coordination catalogue, validated against the main catalogue."""
    folder = directory or default_catalogue_dir()
    data = yaml.safe_load((folder / FILE).read_text(encoding="utf-8"))
    cat = load_catalogue()
    return parse_coordination(
        data if isinstance(data, Mapping) else {},
        tuple(cat.permit_types),
        tuple(r.code for r in cat.cap_regimes),
    )
