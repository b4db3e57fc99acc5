"""What the screening checks, with the legal basis of each item (hjemmel).

Lov om én indgang for produktionsvirksomheder og statslig udpegning af
industriparker (L 206 2024-25) § 13:

- stk. 1 nr. 3-5: business infrastructure (el, vand, varme, gas), transport
  infrastructure, and labour, education institutions, international schools
  and business clusters nearby → *indicators* (indikatorer), never a decision;
- stk. 2 nr. 1-4: no designation of areas protected under
  naturbeskyttelsesloven § 3, fredet under its chapter 6 and meeting the
  criteria for protected nature, covered by the naturnationalpark rules, or
  designated Natura 2000 → *exclusions* (udelukkelsesgrunde), reported as
  overlap in ha and share;
- stk. 3: special weight to coherence with a state-designated energy park
  (energipark) → adjacency indicator.

Radii and tolerances are presentation choices of this platform, not law;
they are parameters (:class:`ScreeningSettings`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "EXCLUSIONS",
    "NAME_KEYS",
    "ExclusionSpec",
    "ScreeningSettings",
    "voltage_class",
]

LAW = "lov om én indgang for produktionsvirksomheder og statslig udpegning af industriparker"

NAME_KEYS = ("navn", "name", "title", "titel", "Objektnavn", "Natyp_navn", "Fred_navn")
ID_KEYS = ("id", "kode", "Site_ident", "Reg_nr")


@dataclass(frozen=True)
class ExclusionSpec:
    """One § 13 stk. 2 ground checked against one reference layer."""

    criterion: str
    layer: str
    legal_basis: str
    title_da: str
    title_en: str
    name_keys: tuple[str, ...] = ()
    id_keys: tuple[str, ...] = ()
    # The register is indicative (vejledende): overlap is a flag, not a finding.
    indicative: bool = False
    # Overlap alone does not exclude; the law needs an assessment (fredninger).
    needs_assessment: bool = False


EXCLUSIONS: tuple[ExclusionSpec, ...] = (
    ExclusionSpec(
        criterion="section3",
        layer="section3_nature",
        legal_basis="§ 13 stk. 2 nr. 1 (naturbeskyttelseslovens § 3)",
        title_da="registreret § 3-natur",
        title_en="registered § 3 nature",
        name_keys=("Natyp_navn",),
        indicative=True,
    ),
    ExclusionSpec(
        criterion="fredning",
        layer="fredninger",
        legal_basis="§ 13 stk. 2 nr. 2 (naturbeskyttelseslovens kapitel 6)",
        title_da="registrerede fredninger",
        title_en="registered conservation orders (fredninger)",
        name_keys=("Fred_navn",),
        id_keys=("Reg_nr",),
        needs_assessment=True,
    ),
    ExclusionSpec(
        criterion="nature_national_park",
        layer="nature_national_parks",
        legal_basis="§ 13 stk. 2 nr. 3 (naturnationalparker)",
        title_da="naturnationalparker",
        title_en="nature national parks (naturnationalparker)",
    ),
    ExclusionSpec(
        criterion="natura2000_habitat",
        layer="natura2000_habitat",
        legal_basis="§ 13 stk. 2 nr. 4 (Natura 2000, habitatområder)",
        title_da="Natura 2000-habitatområder",
        title_en="Natura 2000 habitat sites",
        name_keys=("Objektnavn",),
        id_keys=("Site_ident",),
    ),
    ExclusionSpec(
        criterion="natura2000_birds",
        layer="natura2000_birds",
        legal_basis="§ 13 stk. 2 nr. 4 (Natura 2000, fuglebeskyttelsesområder)",
        title_da="Natura 2000-fuglebeskyttelsesområder",
        title_en="Natura 2000 bird protection sites",
        name_keys=("Objektnavn",),
        id_keys=("Site_ident",),
    ),
)

BASIS_ELECTRICITY = "§ 13 stk. 1 nr. 3"
BASIS_TRANSPORT = "§ 13 stk. 1 nr. 4"
BASIS_LABOUR = "§ 13 stk. 1 nr. 5"
BASIS_ENERGY_PARK = "§ 13 stk. 3"


@dataclass(frozen=True)
class ScreeningSettings:
    """Radii and tolerances (parametre, ikke lovkrav)."""

    population_radii_km: tuple[float, ...] = (20.0, 40.0)
    education_radius_km: float = 40.0
    schools_radius_km: float = 40.0
    clusters_radius_km: float = 40.0
    energy_park_adjacency_km: float = 2.0
    # Overlaps below this are boundary noise of generalised registers.
    sliver_ha: float = 0.01
    max_objects: int = 20


# (label, variant id, lower bound in kV), highest first.
VOLTAGE_CLASSES: tuple[tuple[str, str, float], ...] = (
    ("400 kV", "substation_400kv", 380.0),
    ("220 kV", "substation_220kv", 220.0),
    ("132–150 kV", "substation_132_150kv", 132.0),
    ("50–60 kV", "substation_50_60kv", 50.0),
    ("< 50 kV", "substation_below_50kv", 0.0),
)

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def voltage_kv(value: object) -> float | None:
    """The highest voltage in kV from ``150``, ``"150;60"``, ``"150000"`` or ``None``."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        numbers = [float(value)]
    else:
        numbers = [float(n.replace(",", ".")) for n in _NUMBER.findall(str(value))]
    if not numbers:
        return None
    top = max(numbers)
    return top / 1000.0 if top >= 1000.0 else top


def voltage_class(value: object) -> str | None:
    """The voltage class label (``"400 kV"`` …) of a ``voltage_kv`` attribute."""
    kv = voltage_kv(value)
    if kv is None or kv <= 0:
        return None
    for label, _variant, lower in VOLTAGE_CLASSES:
        if kv >= lower:
            return label
    return None
