"""Small permit-type factories for tests, benchmarks and demos (testdata).

The frozen dataclasses here satisfy :class:`PermitTypeLike` without importing
the catalogue, so the planning engine can be tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rodloeber.domain.planning.templates import MilestoneSpec

__all__ = ["Cap", "Duration", "PermitType", "benchmark_permits", "make_permit"]


@dataclass(frozen=True)
class Duration:
    """(min, likely, max) calendar days."""

    min_days: int
    likely_days: int
    max_days: int


@dataclass(frozen=True)
class PermitType:
    """Minimal permit type satisfying ``PermitTypeLike``."""

    code: str
    duration: Duration
    depends_on: tuple[str, ...] = ()
    name_da: str = ""
    name_en: str = ""
    authority_level: str = "municipal"
    counts_toward_cap: bool = True
    service_target_days: int | None = None
    milestones: tuple[MilestoneSpec, ...] = ()
    appeal_period_days: int | None = 28
    service_target_unit: str = "calendar"


@dataclass(frozen=True)
class Cap:
    """A cap (sagsbehandlingsfrist/loft) as the eligibility answer gives it."""

    months: int
    regime: str = "L 206 fast track"
    legal_basis: str = "Lov om Én indgang"
    considered: tuple[dict[str, object], ...] = field(default=())


def make_permit(
    code: str,
    likely: int,
    depends_on: tuple[str, ...] = (),
    *,
    low: int | None = None,
    high: int | None = None,
    counts_toward_cap: bool = True,
    **kwargs: object,
) -> PermitType:
    """A permit with a duration range around ``likely`` (default -20 % / +50 %)."""
    lo = int(likely * 0.8) if low is None else low
    hi = int(likely * 1.5) if high is None else high
    return PermitType(
        code=code,
        duration=Duration(lo, likely, hi),
        depends_on=depends_on,
        name_da=str(kwargs.pop("name_da", code)),
        name_en=str(kwargs.pop("name_en", code)),
        counts_toward_cap=counts_toward_cap,
        **kwargs,  # type: ignore[arg-type]
    )


#: (code, likely days, prerequisites, counts toward cap) – a large hydrogen plant.
_BENCH: tuple[tuple[str, int, tuple[str, ...], bool], ...] = (
    ("fdi_screening", 84, (), True),
    ("eia_screening", 60, (), True),
    ("eia_permit", 180, ("eia_screening",), True),
    ("municipal_plan_supplement", 120, ("eia_screening",), True),
    ("local_plan", 180, ("municipal_plan_supplement",), True),
    ("rural_zone_permit", 60, ("eia_screening",), True),
    ("natura2000_assessment", 120, ("eia_screening",), True),
    ("nature_dispensation", 70, ("natura2000_assessment",), True),
    ("coastal_dispensation", 90, (), True),
    ("archaeology", 100, (), False),
    ("contaminated_land_permit", 84, (), True),
    ("seveso_risk", 150, ("eia_screening",), True),
    ("environmental_approval", 150, ("eia_permit", "seveso_risk"), True),
    ("discharge_permit", 150, ("eia_permit",), True),
    ("water_abstraction_permit", 120, ("eia_permit",), True),
    ("dewatering_permit", 60, ("local_plan",), True),
    ("sewer_connection_permit", 40, ("local_plan",), True),
    ("building_permit", 50, ("local_plan", "rural_zone_permit", "contaminated_land_permit"), True),
    ("building_permit_phase2", 50, ("building_permit",), True),
    ("ets_permit", 60, ("environmental_approval",), True),
    ("hydrogen_gas_safety", 90, ("seveso_risk",), True),
    ("site_notification", 14, ("building_permit", "archaeology"), False),
    ("grid_connection", 360, (), False),
    ("co2_storage_permit", 180, ("eia_permit",), True),
    ("operation_start_inspection", 30, ("environmental_approval", "building_permit_phase2"), True),
)


def benchmark_permits() -> tuple[PermitType, ...]:
    """The 25-permit benchmark plan (a large electrolyser plant)."""
    return tuple(
        make_permit(code, likely, deps, counts_toward_cap=cap) for code, likely, deps, cap in _BENCH
    )
