"""Where each planning duration comes from (issue #16 item 5)."""

from __future__ import annotations

from dataclasses import dataclass

from rodloeber.domain.catalogue import load_catalogue
from rodloeber.domain.planning.duration_evidence import duration_evidence, estimated_durations
from rodloeber.domain.planning.testing import make_permit


@dataclass(frozen=True)
class _Sourced:
    min_days: int
    likely_days: int
    max_days: int
    basis: str
    source: str


def test_catalogue_evidence_in_both_languages() -> None:
    ev = duration_evidence(load_catalogue().permit_types.values())
    building = ev["building_permit"]
    assert building.basis == "published"
    assert "servicemål" in building.source.lower()
    assert building.range_text("da") == "30–160 dage, typisk 50"
    assert building.range_text("en") == "30–160 days, typically 50"
    assert building.basis_label("da") == "offentliggjort sagsbehandlingstid"
    assert building.basis_label("en") == "published processing time"
    assert ev["fdi_screening"].basis_label("en") == "statutory time limit"
    assert "hverdage" in ev["fdi_screening"].source_text("da")
    assert "working days" in ev["fdi_screening"].source_text("en")


def test_estimates_are_listed_and_marked() -> None:
    estimates = estimated_durations(load_catalogue().permit_types.values())
    codes = [e.code for e in estimates]
    assert codes == sorted(codes)
    assert "local_plan" in codes and "building_permit" not in codes
    assert all(e.basis_label("da").endswith("[?]") for e in estimates)


def test_objects_without_evidence_read_as_estimates() -> None:
    import dataclasses

    plain = make_permit("x", 40)
    assert duration_evidence([plain])["x"].is_estimate
    sourced = dataclasses.replace(plain, duration=_Sourced(1, 2, 3, "statutory", "Lov § 1"))  # type: ignore[type-var]
    e = duration_evidence([sourced])["x"]
    assert (e.basis, e.source, e.is_estimate) == ("statutory", "Lov § 1", False)
    odd = dataclasses.replace(plain, duration=_Sourced(1, 2, 3, "rumour", ""))  # type: ignore[type-var]
    assert duration_evidence([odd])["x"].is_estimate
