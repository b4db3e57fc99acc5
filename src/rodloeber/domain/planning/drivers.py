"""Risk drivers (risikodrivere) and the cap alert, in words.

A permit drives the risk of missing the cap when it is often on the critical
path (criticality index from the Monte Carlo) *and* its duration is uncertain
(spread = max − min days). Score = criticality × spread; the top drivers are
said in Danish and English. :func:`plan_alert` says when P(within cap) falls
below a threshold (default 80 %) and names the drivers.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rodloeber.domain.planning.templates import PermitTypeLike

__all__ = ["DEFAULT_ALERT_THRESHOLD", "PlanAlert", "RiskDriver", "plan_alert", "risk_drivers"]

#: P(within cap) below this raises an alert to the contact person (configurable).
DEFAULT_ALERT_THRESHOLD = 0.8


@dataclass(frozen=True)
class RiskDriver:
    """One permit that drives the risk, with the numbers behind it."""

    code: str
    name_da: str
    name_en: str
    criticality: float
    min_days: int
    max_days: int
    #: Only possibly needed (e.g. the EIA permit until the screening decides):
    #: the risk it drives disappears if it turns out not to be needed.
    possible: bool = False

    @property
    def spread_days(self) -> int:
        return self.max_days - self.min_days

    @property
    def score(self) -> float:
        return self.criticality * self.spread_days

    def text(self, lang: str) -> str:
        pct = round(self.criticality * 100)
        if lang == "da":
            possible = (
                " Den er kun mulig: er den ikke nødvendig (fx efter screeningen), falder "
                "risikoen bort."
                if self.possible
                else ""
            )
            return (
                f"{self.name_da or self.code}: på den kritiske vej i {pct} % af simuleringerne; "
                f"varigheden kan være {self.min_days}–{self.max_days} dage.{possible}"
            )
        possible = (
            " It is only possibly needed: if it is not (e.g. after the screening), this risk "
            "goes away."
            if self.possible
            else ""
        )
        return (
            f"{self.name_en or self.code}: on the critical path in {pct} % of the simulations; "
            f"it may take {self.min_days}–{self.max_days} days.{possible}"
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name_da": self.name_da,
            "name_en": self.name_en,
            "criticality": round(self.criticality, 4),
            "min_days": self.min_days,
            "max_days": self.max_days,
            "score": round(self.score, 2),
            "possible": self.possible,
            "text_da": self.text("da"),
            "text_en": self.text("en"),
        }


def risk_drivers(
    permits: Sequence[PermitTypeLike],
    criticality: dict[str, float],
    top: int = 3,
    possible: Collection[str] = (),
) -> tuple[RiskDriver, ...]:
    """The ``top`` permits by criticality × spread (only those ever critical).

    ``possible`` names the permits that are only possibly needed (said in words).
    """
    drivers = [
        RiskDriver(
            p.code,
            p.name_da,
            p.name_en,
            criticality[p.code],
            p.duration.min_days,
            p.duration.max_days,
            p.code in possible,
        )
        for p in permits
        if criticality.get(p.code, 0.0) > 0.0 and p.counts_toward_cap
    ]
    drivers.sort(key=lambda d: (-d.score, d.code))
    return tuple(drivers[:top])


@dataclass(frozen=True)
class PlanAlert:
    """P(within cap) is below the threshold: what the contact person should see."""

    p_within_cap: float
    threshold: float
    drivers: tuple[RiskDriver, ...]
    #: P(within cap) if the permits that are only possibly needed are not needed.
    p_if_possible_not_needed: float | None = None

    def text(self, lang: str) -> str:
        p, t = round(self.p_within_cap * 100), round(self.threshold * 100)
        q = self.p_if_possible_not_needed
        if lang == "da":
            head = f"Sandsynligheden for at nå fristen er {p} % (under {t} %)."
            if q is not None:
                head += (
                    f" Viser de tilladelser, der kun måske er nødvendige, sig ikke at være "
                    f"nødvendige, er den {round(q * 100)} %."
                )
            tail = " Største årsager: " if self.drivers else ""
        else:
            head = f"The probability of meeting the cap is {p} % (below {t} %)."
            if q is not None:
                head += (
                    f" If the permits that are only possibly needed turn out not to be, "
                    f"it is {round(q * 100)} %."
                )
            tail = " Main causes: " if self.drivers else ""
        return head + tail + " ".join(d.text(lang) for d in self.drivers)

    def to_dict(self) -> dict[str, object]:
        return {
            "p_within_cap": round(self.p_within_cap, 4),
            "threshold": self.threshold,
            "drivers": [d.to_dict() for d in self.drivers],
            "p_if_possible_not_needed": self.p_if_possible_not_needed,
        }


def plan_alert(
    p_within_cap: float | None,
    drivers: Sequence[RiskDriver],
    threshold: float = DEFAULT_ALERT_THRESHOLD,
    p_if_possible_not_needed: float | None = None,
) -> PlanAlert | None:
    """An alert when P(within cap) is known and below ``threshold``; else None."""
    if p_within_cap is None or p_within_cap >= threshold:
        return None
    return PlanAlert(p_within_cap, threshold, tuple(drivers), p_if_possible_not_needed)
