"""OIOSAML 3 attribute profile, on plain dictionaries (no SAML, no Django)."""

from __future__ import annotations

import pytest

from rodloeber.saml import attributes as a
from rodloeber.saml.attributes import AttributeProblem, identity_from_attributes, loa_rank

BASE = {
    a.ATTR_LOA: ["Substantial"],
    a.ATTR_CVR: ["90000055"],
    a.ATTR_ORG_NAME: ["Testvirksomhed ApS"],
    a.ATTR_PROFESSIONAL_UUID: ["urn:uuid:1"],
    a.ATTR_FIRST_NAME: ["Testa"],
    a.ATTR_LAST_NAME: ["Medarbejder"],
    a.ATTR_EMAIL: ["t@example.invalid"],
}


def test_maps_the_professional_identity() -> None:
    ident = identity_from_attributes(BASE, name_id="nameid")
    assert ident.cvr == "90000055" and ident.persistent_id == "urn:uuid:1"
    assert (ident.first_name, ident.last_name, ident.email) == (
        "Testa",
        "Medarbejder",
        "t@example.invalid",
    )
    assert ident.org_name == "Testvirksomhed ApS" and ident.loa == "Substantial"


@pytest.mark.parametrize(
    ("loa", "ok"),
    [("Low", False), ("", False), ("Bogus", False), ("Substantial", True), ("High", True)],
)
def test_level_of_assurance_at_least_substantial(loa: str, ok: bool) -> None:
    ava = {**BASE, a.ATTR_LOA: [loa]}
    if ok:
        assert identity_from_attributes(ava, name_id="x").loa == loa
    else:
        with pytest.raises(AttributeProblem) as exc:
            identity_from_attributes(ava, name_id="x")
        assert exc.value.code == "loa_too_low"


def test_min_loa_can_be_raised_but_never_lowered_below_substantial() -> None:
    with pytest.raises(AttributeProblem):
        identity_from_attributes(BASE, name_id="x", min_loa="High")
    low = {**BASE, a.ATTR_LOA: ["Low"]}
    with pytest.raises(AttributeProblem):
        identity_from_attributes(low, name_id="x", min_loa="Low")


def test_loa_rank_accepts_the_class_ref_form() -> None:
    assert loa_rank("https://data.gov.dk/concept/core/nsis/loa/High") == 3
    assert loa_rank("substantial") == 2 and loa_rank("nonsense") == 0


@pytest.mark.parametrize(
    ("cvr", "code"), [(None, "cvr_missing"), ("", "cvr_missing"), ("90000056", "cvr_invalid")]
)
def test_cvr_must_be_present_and_valid(cvr: str | None, code: str) -> None:
    ava = {k: v for k, v in BASE.items() if k != a.ATTR_CVR}
    if cvr is not None:
        ava[a.ATTR_CVR] = [cvr]
    with pytest.raises(AttributeProblem) as exc:
        identity_from_attributes(ava, name_id="x")
    assert exc.value.code == code
    assert exc.value.message_da and exc.value.message_en


def test_cvr_is_normalised() -> None:
    assert identity_from_attributes({**BASE, a.ATTR_CVR: ["DK 9000 0055"]}, name_id="x").cvr == (
        "90000055"
    )


def test_persistent_id_falls_back_to_rid_then_name_id() -> None:
    no_uuid = {k: v for k, v in BASE.items() if k != a.ATTR_PROFESSIONAL_UUID}
    assert identity_from_attributes(
        {**no_uuid, a.ATTR_RID: ["12345"]}, name_id="n"
    ).persistent_id == ("12345")
    assert identity_from_attributes(no_uuid, name_id="n").persistent_id == "n"
    with pytest.raises(AttributeProblem) as exc:
        identity_from_attributes(no_uuid, name_id="  ")
    assert exc.value.code == "identity_missing"


def test_full_name_is_split_when_parts_are_missing() -> None:
    ava = {k: v for k, v in BASE.items() if k not in (a.ATTR_FIRST_NAME, a.ATTR_LAST_NAME)}
    ident = identity_from_attributes(
        {**ava, a.ATTR_FULL_NAME: ["Testa B. Medarbejder"]}, name_id=""
    )
    assert (ident.first_name, ident.last_name) == ("Testa", "B. Medarbejder")
