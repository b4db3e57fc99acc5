"""Where a permit's planning duration comes from (varighedens kilde).

Each catalogue duration carries a ``basis`` — ``published`` (an authority's
published processing time or service target, sagsbehandlingstid/servicemål),
``statutory`` (a time limit in law, lovbestemt frist) or ``estimate`` (a
planning estimate, [?]) — and a ``source``. The plan table shows this next to
each permit, and the open-questions page lists the estimates in their own
section. Framework-free; objects without ``basis`` read as estimates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rodloeber.domain.planning.templates import PermitTypeLike

__all__ = ["BASIS_LABELS", "DurationEvidence", "duration_evidence", "estimated_durations"]

#: Labels of the bases (da, en); an estimate is always marked [?].
BASIS_LABELS: dict[str, tuple[str, str]] = {
    "published": ("offentliggjort sagsbehandlingstid", "published processing time"),
    "statutory": ("lovbestemt frist", "statutory time limit"),
    "estimate": ("skøn [?]", "estimate [?]"),
}


@dataclass(frozen=True)
class DurationEvidence:
    """A permit's planning range with its basis and source."""

    code: str
    name_da: str
    name_en: str
    min_days: int
    likely_days: int
    max_days: int
    basis: str
    source: str
    source_da: str = ""

    @property
    def is_estimate(self) -> bool:
        """True when no published or statutory figure backs the range ([?])."""
        return self.basis == "estimate"

    def range_text(self, lang: str) -> str:
        """``"30–160 dage, typisk 50"`` / ``"30–160 days, typically 50"``."""
        if lang == "en":
            return f"{self.min_days}–{self.max_days} days, typically {self.likely_days}"
        return f"{self.min_days}–{self.max_days} dage, typisk {self.likely_days}"

    def basis_label(self, lang: str) -> str:
        """The basis in ``lang`` (da/en)."""
        da, en = BASIS_LABELS.get(self.basis, BASIS_LABELS["estimate"])
        return en if lang == "en" else da

    def source_text(self, lang: str) -> str:
        """The cited source in ``lang`` (Danish when given, else the English text)."""
        return (self.source_da or self.source) if lang == "da" else self.source

    def name(self, lang: str) -> str:
        """The permit's name in ``lang``."""
        return (self.name_en if lang == "en" else self.name_da) or self.code


def duration_evidence(permits: Iterable[PermitTypeLike]) -> dict[str, DurationEvidence]:
    """The evidence of each permit's duration, by permit code."""
    out: dict[str, DurationEvidence] = {}
    for p in permits:
        d = p.duration
        basis = str(getattr(d, "basis", "estimate") or "estimate")
        out[p.code] = DurationEvidence(
            code=p.code,
            name_da=p.name_da,
            name_en=p.name_en,
            min_days=d.min_days,
            likely_days=d.likely_days,
            max_days=d.max_days,
            basis=basis if basis in BASIS_LABELS else "estimate",
            source=str(getattr(d, "source", "") or ""),
            source_da=str(getattr(d, "source_da", "") or ""),
        )
    return out


def estimated_durations(permits: Iterable[PermitTypeLike]) -> list[DurationEvidence]:
    """The permits whose duration is only an estimate [?], sorted by code."""
    return sorted(
        (e for e in duration_evidence(permits).values() if e.is_estimate), key=lambda e: e.code
    )
