"""Organisations on /administration/: create (company by CVR, municipality by
DAGI code, state authority), rename, deactivate and reactivate; audited;
roles limited by organisation kind; administrators only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from rodloeber.accounts.administration_service import invitation_create, user_set_active
from rodloeber.accounts.errors import AccountError
from rodloeber.accounts.models import Invitation, Organisation, User
from rodloeber.accounts.organisation_service import organisation_create
from rodloeber.accounts.roles import Role
from rodloeber.audit.models import AuditEvent
from tests.cases import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db: Any) -> User:
    return f.user(Role.ADMINISTRATOR, f.org("ERST"), "adm")


@pytest.fixture(autouse=True)
def _danish() -> Iterator[None]:
    with translation.override("da"):
        yield


def _login(user: User) -> Client:
    c = Client(headers={"Accept-Language": "da"})
    c.force_login(user)
    return c


def _events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def test_admin_creates_a_company_with_a_valid_cvr_only(admin: User) -> None:
    c = _login(admin)
    assert 'href="/administration/organisationer/ny"' in c.get("/administration/").content.decode()
    bad = c.post(
        "/administration/organisationer/ny", {"kind": "company", "name": "X", "cvr": "12345678"}
    )
    assert bad.status_code == 422
    assert "modulus 11-kontrollen" in bad.content.decode()
    assert not Organisation.objects.filter(name="X").exists() and _events("org.create") == 0
    ok = c.post(
        "/administration/organisationer/ny",
        {"kind": "company", "name": "Ny Fabrik ApS (test)", "cvr": "1358 5628"},
    )
    org = Organisation.objects.get(cvr="13585628")
    assert ok.status_code == 302 and ok["Location"] == f"/administration/organisationer/{org.pk}"
    assert org.kind == "company" and org.name == "Ny Fabrik ApS (test)"
    assert _events("org.create") == 1
    page = c.get(ok["Location"]).content.decode()
    assert '<option value="company_user"' in page  # roles limited to the kind
    assert '<option value="authority_caseworker"' not in page


def test_municipality_must_be_a_known_dagi_code_not_taken(admin: User) -> None:
    c = _login(admin)
    unknown = c.post("/administration/organisationer/ny", {"kind": "municipality", "code": "0999"})
    assert unknown.status_code == 422 and "DAGI" in unknown.content.decode()
    taken = c.post("/administration/organisationer/ny", {"kind": "municipality", "code": "0561"})
    assert taken.status_code == 422 and "0561 er allerede i brug" in taken.content.decode()
    nothing = c.post("/administration/organisationer/ny", {"name": "Uden type"})
    assert nothing.status_code == 422 and "Vælg en organisationstype" in nothing.content.decode()
    assert _events("org.create") == 0


def test_onboard_a_new_state_authority_rename_and_deactivate(
    admin: User, django_capture_on_commit_callbacks: Any
) -> None:
    c = _login(admin)
    bad_code = c.post(
        "/administration/organisationer/ny",
        {"kind": "state_authority", "code": "m s t", "name": "Styrelsen"},
    )
    assert bad_code.status_code == 422 and "store bogstaver" in bad_code.content.decode()
    created = c.post(
        "/administration/organisationer/ny",
        {"kind": "state_authority", "code": "tst", "name": "Teststyrelsen (test)"},
    )
    org = Organisation.objects.get(authority_code="TST")
    assert created.status_code == 302 and org.kind == "state_authority"
    page = c.get(f"/administration/organisationer/{org.pk}").content.decode()
    assert '<option value="authority_caseworker"' in page
    assert '<option value="case_manager"' not in page  # only at Erhvervsstyrelsen

    empty = c.post(f"/administration/organisationer/{org.pk}/navn", {"name": "  "})
    assert empty.status_code == 422 and "Angiv organisationens navn" in empty.content.decode()
    renamed = c.post(
        f"/administration/organisationer/{org.pk}/navn",
        {"name": "Teststyrelsen", "name_en": "Test Agency"},
    )
    org.refresh_from_db()
    assert renamed.status_code == 302 and (org.name, org.name_en) == (
        "Teststyrelsen",
        "Test Agency",
    )
    event = AuditEvent.objects.filter(action="org.update").get()
    assert event.before == {"name": "Teststyrelsen (test)", "name_en": ""}

    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            actor=admin,
            organisation=org,
            role=Role.AUTHORITY_CASEWORKER,
            email="ny@tst.example",
            base_url="http://testserver",
        )
    member = f.user(Role.AUTHORITY_CASEWORKER, org, "tst-member")
    off = c.post(f"/administration/organisationer/{org.pk}/aktiv", {"active": "0"})
    assert off.status_code == 302
    org.refresh_from_db()
    member.refresh_from_db()
    assert not org.is_active and not member.is_active
    assert Invitation.objects.get(email="ny@tst.example").revoked_at is not None
    deactivated = AuditEvent.objects.filter(action="org.deactivate").get()
    assert deactivated.after == {
        "active": False,
        "users_deactivated": [member.pk],
        "invitations_revoked": 1,
    }
    page = c.get(f"/administration/organisationer/{org.pk}").content.decode()
    assert 'data-testid="organisation-status"><span class="badge badge-error">Deaktiveret' in page
    with pytest.raises(AccountError, match="is deactivated"):
        user_set_active(actor=admin, user=member, active=True)

    on = c.post(f"/administration/organisationer/{org.pk}/aktiv", {"active": "1"})
    org.refresh_from_db()
    member.refresh_from_db()
    assert on.status_code == 302 and org.is_active and not member.is_active
    user_set_active(actor=admin, user=member, active=True)
    assert _events("org.reactivate") == 1


def test_own_organisation_cannot_be_deactivated_and_others_get_403(admin: User) -> None:
    c = _login(admin)
    c.post(f"/administration/organisationer/{admin.organisation_id}/aktiv", {"active": "0"})
    assert Organisation.objects.get(pk=admin.organisation_id).is_active
    assert _events("org.deactivate") == 0
    caseworker = f.user(Role.AUTHORITY_CASEWORKER, f.org("0561"), "cw")
    other = _login(caseworker)
    assert other.get("/administration/organisationer/ny").status_code == 403
    assert (
        other.post(
            "/administration/organisationer/ny",
            {"kind": "state_authority", "code": "XX", "name": "X"},
        ).status_code
        == 403
    )
    with pytest.raises(AccountError):
        organisation_create(actor=caseworker, kind="state_authority", code="XX", name="X")
    assert not Organisation.objects.filter(authority_code="XX").exists()


def test_each_error_is_shown_at_its_field(admin: User) -> None:
    c = _login(admin)
    body = c.post(
        "/administration/organisationer/ny", {"kind": "state_authority", "code": "MST9"}
    ).content.decode()
    assert 'id="form-name"' in body and '<span class="form-error-message" id="name-error">' in body
    assert 'href="#form-name"' in body  # the error summary links to the field
    body = c.post(
        "/administration/organisationer/ny", {"kind": "company", "name": "X", "cvr": "1"}
    ).content.decode()
    assert 'id="cvr-error"' in body and 'id="name-error"' not in body


def test_display_name_is_the_english_name_on_english_pages() -> None:
    esbjerg = Organisation(name="Esbjerg Kommune", name_en="Esbjerg Municipality")
    company = Organisation(name="Testfabrik ApS (syntetisk)")
    with translation.override("en"):
        assert esbjerg.display_name == "Esbjerg Municipality"
        assert company.display_name == "Testfabrik ApS (syntetisk)"  # no English name: as is
    with translation.override("da"):
        assert esbjerg.display_name == "Esbjerg Kommune"
