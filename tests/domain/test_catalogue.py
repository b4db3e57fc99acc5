"""The packaged catalogue loads, is complete, and bad data gives clear errors."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from rodloeber.domain.catalogue import (
    CatalogueError,
    default_catalogue_dir,
    load_catalogue,
)

PERMITS_MD_CODES = {
    "eia_screening",
    "eia_permit",
    "municipal_plan_supplement",
    "local_plan",
    "rural_zone_permit",
    "environmental_approval",
    "discharge_permit",
    "sewer_connection_permit",
    "water_abstraction_permit",
    "dewatering_permit",
    "building_permit",
    "seveso_risk",
    "natura2000_assessment",
    "nature_dispensation",
    "coastal_dispensation",
    "contaminated_land_permit",
    "archaeology",
    "site_notification",
    "ets_permit",
    "grid_connection",
    "hydrogen_gas_safety",
    "co2_storage_permit",
    "fdi_screening",
}


def test_packaged_catalogue_loads(catalogue):
    assert re.fullmatch(r"\d{4}\.\d{1,2}\.\d+", catalogue.version)
    assert set(catalogue.file_versions) >= {"permit_types.yaml", "caps.yaml"}
    assert set(catalogue.permit_types) >= PERMITS_MD_CODES
    assert load_catalogue() is load_catalogue()  # cached


def test_every_permit_type_is_complete(catalogue):
    for permit in catalogue.permit_types.values():
        d = permit.duration
        assert 0 < d.min_days <= d.likely_days <= d.max_days, permit.code
        assert permit.name_da and permit.name_en and permit.legal_basis
        assert permit.authority_level in {
            "state",
            "regional",
            "municipal",
            "company",
            "museum",
            "embedded",
        }
        kinds = [m.kind for m in permit.milestones]
        assert kinds.count("decision") == 1
        assert all(0.0 <= m.at <= 1.0 and m.after_days >= 0 for m in permit.milestones)
        appeal_end = [m for m in permit.milestones if m.kind == "appeal_period_end"]
        for m in appeal_end:
            assert m.after_days == permit.appeal_period_days
        assert permit.source_note
        for dep in permit.depends_on:
            assert dep in catalogue.permit_types


def test_reference_lists(catalogue):
    assert "electrolysers_fuel_cells" in catalogue.nzia_technologies
    assert len(catalogue.nzia_technologies) == 19
    assert set(catalogue.crma_stages) == {"extraction", "processing", "recycling"}
    hydrogen = catalogue.find_substance("Brint")
    assert hydrogen is not None
    assert (hydrogen.lower_tier_t, hydrogen.upper_tier_t) == (5, 50)
    assert catalogue.find_substance("LNG").key == "natural_gas"
    assert catalogue.ied_listings["bilag1:4.2.a"].state is True
    assert "hydrogen_production" in catalogue.ets_activities
    aliases = catalogue.ets_aliases()
    assert aliases == {"hydrogen_production_over_25t_per_day": "hydrogen_production"}
    assert {
        "nzia",
        "crma",
        "ied",
        "eia",
        "habitats",
        "water_framework",
        "seveso_iii",
        "ets",
        "fdi_screening",
    } <= set(catalogue.eu_guidance)
    assert set(catalogue.eligibility_criteria) == {"A", "B1", "B2", "C"}
    for rule in catalogue.navigator_rules.values():
        assert rule.legal_basis and rule.texts
    for regime in catalogue.cap_regimes:
        assert regime.legal_basis and regime.months > 0


def test_every_duration_has_its_evidence(catalogue):
    """Issue #16 item 5: each planning duration says where it comes from."""
    bases = {p.code: p.duration.basis for p in catalogue.permit_types.values()}
    assert set(bases.values()) <= {"published", "statutory", "estimate"}
    for permit in catalogue.permit_types.values():
        d = permit.duration
        if d.basis != "estimate":
            assert len(d.source) > 20, permit.code
    # calibrated from published service targets (fælles servicemål 2015)
    assert bases["building_permit"] == bases["environmental_approval"] == "published"
    assert catalogue.permit_types["building_permit"].duration.likely_days == 50
    assert "200 days" in catalogue.permit_types["environmental_approval"].duration.source
    assert "200 dage" in catalogue.permit_types["environmental_approval"].duration.source_da
    for permit in catalogue.permit_types.values():  # every cited source in both languages
        assert bool(permit.duration.source) == bool(permit.duration.source_da), permit.code


def test_unverified_values_carry_a_note(catalogue):
    unverified = [p for p in catalogue.permit_types.values() if not p.verified]
    assert unverified, "permit durations are estimates and must be marked"
    assert all("[?]" in p.source_note or "[M]" in p.source_note for p in unverified)
    for regime in catalogue.cap_regimes:
        if not regime.verified:
            assert "[?]" in regime.source_note


@pytest.fixture
def broken_dir(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(default_catalogue_dir(), target)
    return target


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "permit_types.yaml",
            "depends_on: [eia_screening]",
            "depends_on: [nope]",
            "permit_types.yaml, entry 'eia_permit', field 'depends_on': unknown permit code 'nope'",
        ),
        (
            "permit_types.yaml",
            "  - code: eia_permit",
            "  - code: eia_screening",
            "duplicate code 'eia_screening'",
        ),
        (
            "permit_types.yaml",
            "duration: {min_days: 30, likely_days: 60, max_days: 90,",
            "duration: {min_days: 70, likely_days: 60, max_days: 90,",
            "entry 'eia_screening', field 'duration': must satisfy min_days <= likely_days",
        ),
        (
            "permit_types.yaml",
            "max_days: 90, basis: statutory,",
            "max_days: 90, basis: guess,",
            "entry 'eia_screening', field 'duration.basis': must be one of published, statutory,",
        ),
        (
            "permit_types.yaml",
            'læst dec. 2026)"}\n    depends_on: []',
            'læst dec. 2026)", source_dk: "x"}\n    depends_on: []',
            "entry 'eia_screening', field 'duration': unexpected keys ['source_dk']",
        ),
        (
            "permit_types.yaml",
            ', source_da: "VVM-direktivet',
            ', source_en: "VVM-direktivet',
            "entry 'eia_screening', field 'duration.source_da': is required when source is given",
        ),
        (
            "permit_types.yaml",
            "max_days: 90, basis: statutory, source:",
            "max_days: 90, basis: statutory, note:",
            "entry 'eia_screening', field 'duration.source': is required when basis is 'statutory'",
        ),
        ("permit_types.yaml", "  - code: eia_screening\n", "  - code: eia_screening\n", None),
        (
            "permit_types.yaml",
            '    depends_on: []\n    counts_toward_cap: true\n    appeal: {body_da: "Miljø- og '
            'Fødevareklagenævnet / Planklagenævnet", body_en: "Environmental and Food Board of '
            'Appeal / Planning Board of Appeal", period_days: 28, suspensive: false}\n'
            "    milestones: decision_simple",
            "    depends_on: [eia_permit]\n    counts_toward_cap: true\n    appeal: {body_da: "
            '"Miljø- og Fødevareklagenævnet / Planklagenævnet", body_en: "Environmental and '
            'Food Board of Appeal / Planning Board of Appeal", period_days: 28, suspensive: false}'
            "\n    milestones: decision_simple",
            "dependency cycle: eia_screening -> eia_permit -> eia_screening",
        ),
        (
            "permit_types.yaml",
            "authority_level: state\n    authority_rule: fixed\n    authority_code: KDI",
            "authority_level: federal\n    authority_rule: fixed\n    authority_code: KDI",
            "entry 'coastal_dispensation', field 'authority_level': 'federal' is not one of",
        ),
        (
            "permit_types.yaml",
            "milestones: decision_simple",
            "milestones: nope",
            "unknown milestone template 'nope'",
        ),
        ("caps.yaml", "months: 27", "months: -1", "entry 'crma_11_1_extraction', field 'months'"),
        ("caps.yaml", "op: ge, value: 1.0}", "op: around, value: 1.0}", "'around' is not one of"),
        (
            "seveso.yaml",
            "lower_tier_t: 5\n",
            "lower_tier_t: 500\n",
            "entry 'hydrogen', field 'lower_tier_t'",
        ),
        (
            "navigator_rules.yaml",
            "permits: [seveso_risk]",
            "permits: [seveso]",
            "entry 'seveso', field 'permits': unknown permit code 'seveso'",
        ),
        ("ets.yaml", 'version: "2026.11.1"', "version: 7", "ets.yaml, field 'version'"),
        ("crma.yaml", "stages:", "stages: [", "crma.yaml: is not valid YAML"),
    ],
)
def test_invalid_catalogue_names_file_entry_field(broken_dir, file, old, new, expected):
    _edit(broken_dir / file, old, new)
    if expected is None:
        assert load_catalogue(broken_dir).version
        return
    with pytest.raises(CatalogueError) as info:
        load_catalogue(broken_dir)
    message = info.value.message_en
    assert expected in message, message
    assert info.value.problems
    assert info.value.message_da.startswith("Regelkataloget er ugyldigt")


def test_missing_file_and_version(broken_dir):
    (broken_dir / "eu_guidance.yaml").unlink()
    (broken_dir / "VERSION").write_text("", encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(broken_dir)
    text = str(info.value)
    assert "eu_guidance.yaml: file is missing" in text
    assert "VERSION: file is missing or empty" in text
