"""Administration pages and services: invite by e-mail with a one-time link,
roles per organisation kind, deactivate and reactivate — all audited."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from rodloeber.accounts.administration_service import (
    invitation_accept,
    invitation_create,
    roles_for,
)
from rodloeber.accounts.errors import AccountError
from rodloeber.accounts.models import Invitation, User
from rodloeber.accounts.roles import Role
from rodloeber.audit.models import AuditEvent
from tests.cases import factories as f
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db: Any) -> User:
    return f.user(Role.ADMINISTRATOR, f.org("ERST"), "adm")


def _login(user: User) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_roles_follow_the_organisation_kind() -> None:
    assert roles_for(f.org("0561")) == [Role.AUTHORITY_CASEWORKER, Role.MUNICIPAL_PLANNER]
    assert Role.CASE_MANAGER in roles_for(f.org("ERST"))
    assert Role.CASE_MANAGER not in roles_for(f.org("MST"))
    assert roles_for(f.company()) == [Role.COMPANY_USER]


def test_admin_onboards_a_caseworker_without_a_terminal(
    admin: User, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    c = _login(admin)
    esbjerg = f.org("0561")
    page = c.get("/administration/?q=Esbjerg").content.decode()
    assert f"/administration/organisationer/{esbjerg.pk}" in page
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(
            f"/administration/organisationer/{esbjerg.pk}/inviter",
            {"email": "Ny.Sagsbehandler@Esbjerg.invalid", "role": Role.AUTHORITY_CASEWORKER},
        )
    assert r.status_code == 302
    [mail] = mailoutbox
    assert mail.to == ["ny.sagsbehandler@esbjerg.invalid"]
    link = next(w for w in mail.body.split() if "/konto/invitation/" in w)
    path = link.split("testserver", 1)[1]
    inv = Invitation.objects.get()
    assert inv.digest not in link  # only the digest is stored
    assert AuditEvent.objects.filter(action="user.invite").count() == 1

    newcomer = Client()
    form = newcomer.get(path).content.decode()
    assert "Esbjerg" in form and "ny.sagsbehandler@esbjerg.invalid" in form
    r = newcomer.post(
        path,
        {
            "username": "ny-sb",
            "first_name": "Ny",
            "last_name": "Sagsbehandler",
            "password": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert r.status_code == 302 and r["Location"] == "/min-side"
    user = User.objects.get(username="ny-sb")
    assert user.role == Role.AUTHORITY_CASEWORKER and user.organisation == esbjerg
    assert user.email == "ny.sagsbehandler@esbjerg.invalid"
    assert newcomer.get("/min-side").status_code == 200  # logged in
    # the link works once
    again = Client().get(path)
    assert again.status_code == 404 and "Fejlkode" in again.content.decode()
    assert AuditEvent.objects.filter(action="user.invitation_accept").count() == 1


def test_bad_invitations_are_refused_with_a_clear_message(admin: User) -> None:
    c = _login(admin)
    esbjerg = f.org("0561")
    url = f"/administration/organisationer/{esbjerg.pk}/inviter"
    r = c.post(url, {"email": "not-an-address", "role": Role.AUTHORITY_CASEWORKER})
    assert r.status_code == 422 and "gyldig e-mailadresse" in r.content.decode()
    r = c.post(url, {"email": "a@b.invalid", "role": Role.CASE_MANAGER})  # not at ERST
    assert r.status_code == 422 and "passer ikke" in r.content.decode()
    assert not Invitation.objects.exists()
    assert not AuditEvent.objects.filter(action="user.invite").exists()


def test_expired_or_revoked_links_do_not_work(admin: User) -> None:
    inv, link = invitation_create(
        actor=admin,
        organisation=f.org("MST"),
        role=Role.AUTHORITY_CASEWORKER,
        email="x@mst.invalid",
        base_url="http://testserver",
    )
    secret = link.rsplit("/", 1)[1]
    Invitation.objects.filter(pk=inv.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(AccountError) as err:
        invitation_accept(
            secret=secret, username="x", password=PASSWORD, first_name="", last_name=""
        )
    assert err.value.code == "invitation_invalid"
    inv2, _ = invitation_create(
        actor=admin,
        organisation=f.org("MST"),
        role=Role.AUTHORITY_CASEWORKER,
        email="x@mst.invalid",
        base_url="http://testserver",
    )
    r = _login(admin).post(f"/administration/invitationer/{inv2.pk}/tilbagekald")
    assert r.status_code == 302
    inv2.refresh_from_db()
    assert inv2.revoked_at is not None


def test_deactivate_and_reactivate(admin: User) -> None:
    worker = f.user(Role.AUTHORITY_CASEWORKER, f.org("0561"), "leaver")
    c = _login(admin)
    assert c.post(f"/administration/brugere/{worker.pk}/aktiv", {"active": "0"}).status_code == 302
    worker.refresh_from_db()
    assert not worker.is_active
    assert not Client().login(username="leaver", password=PASSWORD)
    page = c.get(f"/administration/organisationer/{worker.organisation_id}").content.decode()
    assert "Deaktiveret" in page
    c.post(f"/administration/brugere/{worker.pk}/aktiv", {"active": "1"})
    worker.refresh_from_db()
    assert worker.is_active
    actions = list(
        AuditEvent.objects.filter(action__in=["user.deactivate", "user.reactivate"])
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == ["user.deactivate", "user.reactivate"]
    # an administrator cannot lock themselves out
    c.post(f"/administration/brugere/{admin.pk}/aktiv", {"active": "0"})
    admin.refresh_from_db()
    assert admin.is_active


def test_only_administrators(admin: User) -> None:
    for role, code in [(Role.CASE_MANAGER, "ERST"), (Role.AUTHORITY_CASEWORKER, "0561")]:
        c = _login(f.user(role, f.org(code)))
        assert c.get("/administration/").status_code == 403
        assert (
            c.post(f"/administration/brugere/{admin.pk}/aktiv", {"active": "0"}).status_code == 403
        )
    assert Client().get("/administration/").status_code == 302  # to log-in
    admin.refresh_from_db()
    assert admin.is_active


def test_organisation_names_follow_the_page_language(admin: User) -> None:
    """English administration pages show ``name_en`` where the organisation has
    one (Miljøstyrelsen -> Danish Environmental Protection Agency); Danish
    pages keep the Danish name."""
    mst = f.org("MST")
    assert mst.name == "Miljøstyrelsen" and mst.name_en
    c = _login(admin)
    danish = c.get("/administration/?q=MST").content.decode()
    assert "Miljøstyrelsen" in danish and mst.name_en not in danish
    c.post("/i18n/setlang/", {"language": "en", "next": "/administration/"})
    english = c.get("/administration/?q=MST").content.decode()
    assert mst.name_en in english and "Miljøstyrelsen" not in english
    detail = c.get(f"/administration/organisationer/{mst.pk}").content.decode()
    assert f"<h1>{mst.name_en}</h1>" in detail
    # the header names the signed-in user's own organisation in English too
    assert "Danish Business Authority" in english and "Erhvervsstyrelsen" not in english
