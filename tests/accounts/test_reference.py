from __future__ import annotations

import pytest

from rodloeber.accounts.models import Organisation
from rodloeber.accounts.roles import OrgKind
from rodloeber.accounts.services import reference_authorities_load
from rodloeber.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

STATE_NAMES = {
    "Erhvervsstyrelsen",
    "Miljøstyrelsen",
    "Energistyrelsen",
    "Kystdirektoratet",
    "Sikkerhedsstyrelsen",
    "Arbejdstilsynet",
    "Plan- og Landdistriktsstyrelsen",
    "Styrelsen for Grøn Arealomlægning og Vandmiljø",
    "Udenrigsministeriet / Invest in Denmark",
    "Naturstyrelsen",
}


def test_all_98_municipalities_with_official_codes() -> None:
    municipalities = Organisation.objects.filter(kind=OrgKind.MUNICIPALITY)
    assert municipalities.count() == 98
    by_code = {m.authority_code: m for m in municipalities}
    assert by_code["0561"].name == "Esbjerg Kommune"
    # official names, not "<DAGI navn> Kommune" (catalogue authorities.yaml)
    assert by_code["0101"].name == "Københavns Kommune"
    assert by_code["0169"].name == "Høje-Taastrup Kommune"
    assert by_code["0400"].name == "Bornholms Regionskommune"
    assert by_code["0400"].name_en == "Bornholm Regional Municipality"
    assert by_code["0561"].name_en == "Esbjerg Municipality"
    assert by_code["0851"].name == "Aalborg Kommune"
    assert by_code["0561"].region_name == "Region Syddanmark"
    assert all(len(c) == 4 and c.isdigit() for c in by_code)


def test_state_authorities_present() -> None:
    names = set(
        Organisation.objects.filter(kind=OrgKind.STATE_AUTHORITY).values_list("name", flat=True)
    )
    assert names >= STATE_NAMES


def test_second_load_changes_nothing_and_writes_no_audit_event() -> None:
    before = AuditEvent.objects.count()
    result = reference_authorities_load(actor=None)
    assert (result.created, result.updated) == (0, 0)
    assert AuditEvent.objects.count() == before


def test_changed_name_is_restored_and_audited() -> None:
    Organisation.objects.filter(authority_code="0561").update(name="Forkert")
    before = AuditEvent.objects.count()
    result = reference_authorities_load(actor=None)
    assert result.updated == 1
    assert Organisation.objects.get(authority_code="0561").name == "Esbjerg Kommune"
    assert AuditEvent.objects.count() == before + 1
