"""Bilingual wording of screening results (formuleringer, da/en).

Honest about the data: the § 3 register is indicative (vejledende), so the
report says "overlaps registered § 3 nature (x ha, y %)", never "is
protected"; overlaps with fredninger need an assessment; indicators under
§ 13 stk. 1 are facts for the assessment, not a decision.
"""

from __future__ import annotations

from collections.abc import Sequence

from rodloeber.domain.geo import Provenance
from rodloeber.domain.screening.criteria import ExclusionSpec

VARIANT_TITLES: dict[str, tuple[str, str]] = {
    "substation_400kv": ("400 kV-station", "400 kV substation"),
    "substation_220kv": ("220 kV-station", "220 kV substation"),
    "substation_132_150kv": ("132–150 kV-station", "132–150 kV substation"),
    "substation_50_60kv": ("50–60 kV-station", "50–60 kV substation"),
    "substation_below_50kv": ("station under 50 kV", "substation below 50 kV"),
    "grid_line": ("elledning", "power line"),
    "motorway": ("motorvej", "motorway"),
    "railway": ("jernbane", "railway"),
    "port": ("havn", "port"),
    "energy_park": ("energipark", "energy park"),
    "universities": ("universiteter og erhvervsakademier", "universities and business academies"),
    "international_schools": ("internationale skoler", "international schools"),
    "business_clusters": ("erhvervsklynger", "business clusters"),
}


def da_number(value: float, decimals: int = 1) -> str:
    """Danish number format: 1.234,5."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def en_number(value: float, decimals: int = 1) -> str:
    return f"{value:,.{decimals}f}"


def _titles(variant: str) -> tuple[str, str]:
    if variant.startswith("population_"):
        return "befolkning", "population"
    return VARIANT_TITLES.get(variant, (variant, variant))


def exclusion_no_data(spec: ExclusionSpec) -> tuple[str, str]:
    return (
        f"Ikke undersøgt: laget med {spec.title_da} er ikke indlæst.",
        f"Not checked: the layer of {spec.title_en} is not loaded.",
    )


def exclusion_summary(
    spec: ExclusionSpec, status: str, overlap_ha: float, share: float
) -> tuple[str, str]:
    if status == "clear":
        da = f"Overlapper ikke {spec.title_da}."
        en = f"Does not overlap {spec.title_en}."
    else:
        pct = share * 100.0
        da = f"Overlapper {spec.title_da} ({da_number(overlap_ha, 2)} ha, {da_number(pct)} %)."
        en = f"Overlaps {spec.title_en} ({en_number(overlap_ha, 2)} ha, {en_number(pct)} %)."
    if spec.indicative:
        da += " Registret er vejledende; beskyttelsen afhænger af tilstanden på stedet."
        en += " The register is indicative (vejledende); protection depends on the actual state."
    if status == "needs_assessment":
        da += (
            " § 13 stk. 2 nr. 2 udelukker kun fredede arealer, der også opfylder kriterierne"
            " for beskyttet natur; det kræver en konkret vurdering."
        )
        en += (
            " § 13 stk. 2 nr. 2 excludes fredet land only where it also meets the criteria"
            " for protected nature; this needs a case-by-case assessment."
        )
    return da, en


def nearest_summary(variant: str, name: str | None, distance_km: float | None) -> tuple[str, str]:
    title_da, title_en = _titles(variant)
    if name is None or distance_km is None:
        return f"Ingen {title_da} fundet i laget.", f"No {title_en} found in the layer."
    return (
        f"Nærmeste {title_da}: {name}, {da_number(distance_km, 1)} km.",
        f"Nearest {title_en}: {name}, {en_number(distance_km, 1)} km.",
    )


def within_summary(
    variant: str,
    radius_km: float,
    count: int | None,
    value: float | None,
    nearest: str | None,
) -> tuple[str, str]:
    title_da, title_en = _titles(variant)
    radius_da, radius_en = da_number(radius_km, 0), en_number(radius_km, 0)
    if count is None:
        return (
            f"Ikke undersøgt: laget med {title_da} er ikke indlæst.",
            f"Not checked: the layer of {title_en} is not loaded.",
        )
    if variant.startswith("population_"):
        people = value or 0.0
        return (
            f"Ca. {da_number(people, 0)} indbyggere i {count} byer inden for {radius_da} km.",
            f"About {en_number(people, 0)} inhabitants in {count} towns within {radius_en} km.",
        )
    da = f"{count} {title_da} inden for {radius_da} km."
    en = f"{count} {title_en} within {radius_en} km."
    if count == 0 and nearest:
        da += f" Nærmeste: {nearest}."
        en += f" Nearest: {nearest}."
    return da, en


def energy_park_summary(
    name: str | None, distance_km: float, adjacent: bool, threshold_km: float
) -> tuple[str, str]:
    if adjacent:
        return (
            f"Ligger i sammenhæng med energiparken {name} ({da_number(distance_km, 1)} km;"
            f" grænse {da_number(threshold_km, 1)} km).",
            f"Coherent with the energy park {name} ({en_number(distance_km, 1)} km;"
            f" threshold {en_number(threshold_km, 1)} km).",
        )
    return (
        f"Nærmeste energipark: {name}, {da_number(distance_km, 1)} km (ikke i sammenhæng).",
        f"Nearest energy park: {name}, {en_number(distance_km, 1)} km (not adjacent).",
    )


def notes(
    layers: Sequence[Provenance], missing: Sequence[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """General caveats shown with every report."""
    da = [
        "§ 3-registret er vejledende: et overlap er et signal om at undersøge nærmere,"
        " ikke en afgørelse om, at arealet er beskyttet.",
        "Indikatorerne for § 13 stk. 1 er oplysninger til vurderingen, ikke en afgørelse.",
    ]
    en = [
        "The § 3 register is indicative (vejledende): an overlap is a signal to look closer,"
        " not a finding that the area is protected.",
        "The § 13 stk. 1 indicators inform the assessment; they are not a decision.",
    ]
    synthetic = sorted(p.name for p in layers if p.synthetic)
    if synthetic:
        names = ", ".join(synthetic)
        da.append(f"Syntetiske demodata (ikke virkelige registre) i lagene: {names}.")
        en.append(f"Synthetic demo data (syntetiske demodata), not real registers, in: {names}.")
    if missing:
        names = ", ".join(missing)
        da.append(f"Lag, der ikke er indlæst, og derfor ikke undersøgt: {names}.")
        en.append(f"Layers not loaded, therefore not checked: {names}.")
    return tuple(da), tuple(en)
