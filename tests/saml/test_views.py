"""NemLog-in log-in and log-out against a local SAML IdP (tests/saml/idp.py).

Each refusal is checked for what the person sees (403 + bilingual message),
what the audit trail records (auth.saml_rejected with the reason code only)
and that nobody was logged in.
"""

from __future__ import annotations

import base64
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from saml2 import time_util

from rodloeber.accounts.models import Organisation, User
from rodloeber.accounts.roles import OrgKind, Role
from rodloeber.accounts.services import company_create
from rodloeber.accounts.signals import SESSION_LOGIN_AT
from rodloeber.audit.models import AuditEvent
from rodloeber.saml.models import NemLoginIdentity, SamlSession
from tests.saml.idp import PERSON_UUID, TEST_CVR, Federation, identity, make_keypair

pytestmark = pytest.mark.django_db


def start(client: Client, fed: Federation, next_url: str = "") -> str:
    """Press the button; return the AuthnRequest id the IdP receives."""
    r = client.get("/konto/nemlogin/log-ind" + (f"?next={next_url}" if next_url else ""))
    assert r.status_code == 302
    return str(fed.parse_authn_request(r["Location"]).message.id)


def post(client: Client, saml_response: str) -> Any:
    return client.post("/konto/nemlogin/acs", {"SAMLResponse": saml_response})


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))


def rejected(r: Any, client: Client, reason: str) -> None:
    assert r.status_code == 403, r.status_code
    assert r.context["error_code"] == reason
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.filter(action="auth.saml_rejected").get()
    assert event.after == {"reason": reason, "ip": "127.0.0.1"}
    assert not User.objects.filter(username__startswith="nemlogin-").exists()


# --- configuration -----------------------------------------------------------


def test_everything_is_404_and_no_button_when_saml_is_not_configured(client: Client) -> None:
    for url in ["metadata", "log-ind", "acs", "slo", "log-ud"]:
        assert client.get(f"/konto/nemlogin/{url}").status_code == 404
    page = client.get("/konto/log-ind")
    assert page.status_code == 200
    assert b"nemlogin-button" not in page.content


def test_login_page_shows_the_button_when_configured(client: Client, saml_on: Federation) -> None:
    page = client.get("/konto/log-ind", HTTP_ACCEPT_LANGUAGE="da")
    assert "Log på med MitID Erhverv" in page.content.decode()
    assert 'id="login-form"' in page.content.decode()  # local accounts stay


def test_metadata_is_published(client: Client, saml_on: Federation) -> None:
    r = client.get("/konto/nemlogin/metadata")
    assert r.status_code == 200
    assert r["Content-Type"] == "application/samlmetadata+xml"
    xml = r.content.decode()
    assert 'entityID="http://testserver/konto/nemlogin/metadata"' in xml
    assert 'Location="http://testserver/konto/nemlogin/acs"' in xml
    assert 'Location="http://testserver/konto/nemlogin/slo"' in xml
    assert 'AuthnRequestsSigned="true"' in xml and 'WantAssertionsSigned="true"' in xml
    assert xml.count("<ns1:X509Certificate>") + xml.count("<ds:X509Certificate>") >= 1 or (
        "X509Certificate" in xml
    )


def test_authn_request_is_signed_and_asks_for_substantial(
    client: Client, saml_on: Federation
) -> None:
    r = client.get("/konto/nemlogin/log-ind")
    assert "Signature=" in r["Location"] and "SigAlg=" in r["Location"]
    request = saml_on.parse_authn_request(r["Location"]).message  # verifies the signature
    refs = [c.text for c in request.requested_authn_context.authn_context_class_ref]
    assert refs == ["https://data.gov.dk/concept/core/nsis/loa/Substantial"]
    assert request.requested_authn_context.comparison == "minimum"
    cookie = r.cookies["rl_nemlogin"]
    assert cookie["httponly"] and cookie["path"] == "/konto/nemlogin/"


# --- successful log-in -------------------------------------------------------


def test_first_login_creates_company_and_user_and_one_audit_event(
    client: Client, saml_on: Federation
) -> None:
    request_id = start(client, saml_on)
    client.cookies["sessionid"] = "pre-login-session-key-that-must-not-survive"
    before = actions()
    r = post(client, saml_on.authn_response(request_id))  # encrypted + signed, like NemLog-in
    assert r.status_code == 302 and r["Location"] == "/min-side"
    org = Organisation.objects.get(cvr=TEST_CVR)
    assert org.kind == OrgKind.COMPANY and org.name == "Testvirksomhed NemLog-in ApS (test)"
    user = User.objects.get(nemlogin_identity__persistent_id=PERSON_UUID)
    assert user.role == Role.COMPANY_USER and user.organisation == org
    assert (user.first_name, user.last_name) == ("Testa", "Medarbejder")
    assert not user.has_usable_password()
    assert actions()[len(before) :] == ["auth.saml_login"]  # no auth.login, no org/user events
    event = AuditEvent.objects.get(action="auth.saml_login")
    assert event.after["cvr"] == TEST_CVR and event.after["loa"] == "Substantial"
    assert event.after["created_user"] is True and event.after["created_company"] is True
    # a new server-side session, linked for single log-out
    session_key = client.cookies["sessionid"].value
    assert session_key != "pre-login-session-key-that-must-not-survive"
    assert SamlSession.objects.get(session_key=session_key).user == user
    assert SESSION_LOGIN_AT in client.session  # the absolute session lifetime applies
    page = client.get("/min-side")
    assert page.status_code == 200
    assert page.context["role_code"] == Role.COMPANY_USER
    assert "Testvirksomhed NemLog-in ApS (test)" in page.content.decode()


def test_session_key_is_rotated_at_login(client: Client, saml_on: Federation) -> None:
    client.get("/tjek/")  # an anonymous session exists
    client.session.save()
    request_id = start(client, saml_on)
    old = client.session.session_key
    post(client, saml_on.authn_response(request_id))
    new = client.cookies["sessionid"].value
    assert old and new and old != new
    assert not Session.objects.filter(session_key=old).exists()


def test_second_login_links_the_existing_company_and_user(
    client: Client, saml_on: Federation
) -> None:
    company_create(actor=None, cvr=TEST_CVR, name="Allerede Registreret A/S (test)")
    post(client, saml_on.authn_response(start(client, saml_on)))
    second = Client()
    post(second, saml_on.authn_response(start(second, saml_on)))
    assert User.objects.filter(nemlogin_identity__isnull=False).count() == 1
    assert Organisation.objects.filter(cvr=TEST_CVR).count() == 1
    events = AuditEvent.objects.filter(action="auth.saml_login").order_by("pk")
    assert [e.after["created_company"] for e in events] == [False, False]
    assert [e.after["created_user"] for e in events] == [True, False]


def test_next_is_kept_only_for_local_urls(client: Client, saml_on: Federation) -> None:
    r = post(client, saml_on.authn_response(start(client, saml_on, "/sager/")))
    assert r["Location"] == "/sager/"
    other = Client()
    r = post(other, saml_on.authn_response(start(other, saml_on, "https://evil.example/")))
    assert r["Location"] == "/min-side"


def test_tenant_comes_only_from_the_assertion(client: Client, saml_on: Federation) -> None:
    """A cvr parameter in the request changes nothing: the assertion's CVR wins."""
    company_create(actor=None, cvr="90000063", name="En Anden Virksomhed ApS (test)")
    request_id = start(client, saml_on)
    r = client.post(
        "/konto/nemlogin/acs?cvr=90000063",
        {"SAMLResponse": saml_on.authn_response(request_id), "cvr": "90000063"},
    )
    assert r.status_code == 302
    user = User.objects.get(nemlogin_identity__isnull=False)
    assert user.organisation.cvr == TEST_CVR


# --- refusals ----------------------------------------------------------------


def test_unsigned_assertion_is_refused(client: Client, saml_on: Federation) -> None:
    r = post(client, saml_on.authn_response(start(client, saml_on), sign=False, encrypt=False))
    rejected(r, client, "signature")


def test_tampered_assertion_is_refused(client: Client, saml_on: Federation) -> None:
    good = saml_on.authn_response(start(client, saml_on), encrypt=False)
    xml = base64.b64decode(good).decode()
    assert TEST_CVR in xml
    forged = base64.b64encode(xml.replace(TEST_CVR, "90000063").encode()).decode()
    rejected(post(client, forged), client, "signature")


def test_assertion_signed_by_another_key_is_refused(
    client: Client, saml_on: Federation, tmp_path: Any
) -> None:
    stranger_key, _ = make_keypair(tmp_path, "stranger", "Not NemLog-in")
    r = post(client, saml_on.authn_response(start(client, saml_on), key=stranger_key))
    rejected(r, client, "signature")


def test_wrong_audience_is_refused(client: Client, saml_on: Federation) -> None:
    r = post(
        client, saml_on.authn_response(start(client, saml_on), audience="https://other.example/sp")
    )
    rejected(r, client, "audience")


def test_response_for_another_recipient_is_refused(client: Client, saml_on: Federation) -> None:
    """Destination and SubjectConfirmationData/@Recipient name another service's ACS."""
    response = saml_on.authn_response(
        start(client, saml_on), destination="https://other.example/saml/acs"
    )
    rejected(post(client, response), client, "invalid")


def test_expired_assertion_is_refused(
    client: Client, saml_on: Federation, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Valid for 5 minutes (+60 s clock skew), delivered 10 minutes later."""
    response = saml_on.authn_response(start(client, saml_on), lifetime_minutes=5)
    real_now = time_util.utc_now
    monkeypatch.setattr(time_util, "utc_now", lambda: real_now() + 600)
    rejected(post(client, response), client, "expired")


def test_assertion_with_an_impossible_validity_window_is_refused(
    client: Client, saml_on: Federation
) -> None:
    """NotOnOrAfter (10 minutes ago) before NotBefore (now)."""
    r = post(client, saml_on.authn_response(start(client, saml_on), lifetime_minutes=-10))
    rejected(r, client, "expired")


def test_replayed_response_is_refused(client: Client, saml_on: Federation) -> None:
    response = saml_on.authn_response(start(client, saml_on))
    assert post(client, response).status_code == 302
    client.logout()
    r = post(client, response)
    assert r.status_code == 403 and r.context["error_code"] == "replay"
    assert AuditEvent.objects.get(action="auth.saml_rejected").after["reason"] == "replay"
    assert "_auth_user_id" not in client.session


def test_unsolicited_response_is_refused(client: Client, saml_on: Federation) -> None:
    start(client, saml_on)
    rejected(post(client, saml_on.authn_response("id-never-sent-by-us")), client, "in_response_to")


def test_response_in_another_browser_is_refused(client: Client, saml_on: Federation) -> None:
    """Login CSRF: an attacker's own answer, planted in the victim's browser."""
    response = saml_on.authn_response(start(Client(), saml_on))
    rejected(post(client, response), client, "browser")


def test_loa_low_is_refused(client: Client, saml_on: Federation) -> None:
    r = post(client, saml_on.authn_response(start(client, saml_on), ava=identity(loa="Low")))
    rejected(r, client, "loa_too_low")
    assert "Betydelig" in r.content.decode()  # Danish first


def test_missing_cvr_is_refused(client: Client, saml_on: Federation) -> None:
    r = post(client, saml_on.authn_response(start(client, saml_on), ava=identity(cvr=None)))
    rejected(r, client, "cvr_missing")


def test_invalid_cvr_is_refused(client: Client, saml_on: Federation) -> None:
    r = post(client, saml_on.authn_response(start(client, saml_on), ava=identity(cvr="90000056")))
    rejected(r, client, "cvr_invalid")
    assert "modulus 11" in r.content.decode()


def test_refusal_is_shown_in_english_too(client: Client, saml_on: Federation) -> None:
    client.cookies["django_language"] = "en"
    r = post(client, saml_on.authn_response(start(client, saml_on), ava=identity(loa="Low")))
    assert "level of assurance Substantial" in r.content.decode()


def test_garbage_and_missing_responses_are_refused_without_server_error(
    client: Client, saml_on: Federation
) -> None:
    assert client.post("/konto/nemlogin/acs", {}).status_code == 400
    assert post(client, "bm90IHhtbA==").status_code == 403
    assert post(client, "%%%").status_code == 403
    assert client.get("/konto/nemlogin/acs").status_code == 405
    assert client.get("/konto/nemlogin/slo").status_code == 400
    reasons = list(
        AuditEvent.objects.filter(action="auth.saml_rejected").values_list("after", flat=True)
    )
    assert [r["reason"] for r in reasons] == ["missing", "invalid", "invalid"]


def test_same_person_with_another_cvr_is_refused(client: Client, saml_on: Federation) -> None:
    post(client, saml_on.authn_response(start(client, saml_on)))
    other = Client()
    moved = identity(cvr="90000063")
    r = post(other, saml_on.authn_response(start(other, saml_on), ava=moved))
    assert r.status_code == 403 and r.context["error_code"] == "cvr_mismatch"
    assert not Organisation.objects.filter(cvr="90000063").exists()  # rolled back


def test_signed_in_users_cannot_make_saml_endpoints_fail(
    client: Client, saml_on: Federation, make_user: Any
) -> None:
    client.force_login(make_user(Role.CASE_MANAGER))
    for url in ["metadata", "log-ind", "acs", "slo"]:
        for method in (client.get, client.post):
            assert method(f"/konto/nemlogin/{url}").status_code < 500, url
    assert client.post("/konto/nemlogin/log-ud").status_code == 302


def test_inactive_user_is_refused(client: Client, saml_on: Federation) -> None:
    post(client, saml_on.authn_response(start(client, saml_on)))
    User.objects.filter(nemlogin_identity__isnull=False).update(is_active=False)
    other = Client()
    rejected_r = post(other, saml_on.authn_response(start(other, saml_on)))
    assert rejected_r.status_code == 403 and rejected_r.context["error_code"] == "user_inactive"


# --- log-out -----------------------------------------------------------------


def _logged_in(client: Client, fed: Federation) -> tuple[User, str]:
    post(client, fed.authn_response(start(client, fed)))
    return User.objects.get(nemlogin_identity__isnull=False), client.cookies["sessionid"].value


def test_sp_initiated_logout_ends_the_session_and_asks_nemlogin(
    client: Client, saml_on: Federation
) -> None:
    _, session_key = _logged_in(client, saml_on)
    r = client.post("/konto/log-ud")  # the ordinary log-out button
    assert r.status_code == 302 and r["Location"].startswith("http://idp.test/slo?SAMLRequest=")
    assert "Signature=" in r["Location"]
    assert not Session.objects.filter(session_key=session_key).exists()  # ended server-side
    assert not SamlSession.objects.exists()
    assert actions()[-1] == "auth.saml_logout"
    assert AuditEvent.objects.get(action="auth.saml_logout").after == {"initiator": "sp"}
    assert not AuditEvent.objects.filter(action="auth.logout").exists()
    # NemLog-in answers with a signed LogoutResponse
    back = client.get(saml_on.logout_response_url(r["Location"]).replace("http://testserver", ""))
    assert back.status_code == 302 and back["Location"] == "/"
    # the same answer twice is refused
    again = client.get(saml_on.logout_response_url(r["Location"]).replace("http://testserver", ""))
    assert again.status_code == 403


def test_idp_initiated_logout_ends_the_session_server_side(
    client: Client, saml_on: Federation
) -> None:
    _, session_key = _logged_in(client, saml_on)
    link = SamlSession.objects.get()
    url = saml_on.logout_request_url(PERSON_UUID, link.session_index)
    other_browser = Client()  # NemLog-in may call from any browser (or none of ours)
    r = other_browser.get(url.replace("http://testserver", ""))
    assert r.status_code == 302 and r["Location"].startswith("http://idp.test/slo?SAMLResponse=")
    assert "Signature=" in r["Location"]
    assert not Session.objects.filter(session_key=session_key).exists()
    assert client.get("/min-side").status_code == 302  # back to log-in
    assert AuditEvent.objects.get(action="auth.saml_logout").after == {
        "initiator": "idp",
        "sessions": 1,
    }


def test_unsigned_idp_logout_request_is_refused(client: Client, saml_on: Federation) -> None:
    _, session_key = _logged_in(client, saml_on)
    url = saml_on.logout_request_url(PERSON_UUID, None, sign=False)
    r = Client().get(url.replace("http://testserver", ""))
    assert r.status_code == 403
    assert Session.objects.filter(session_key=session_key).exists()
    assert AuditEvent.objects.get(action="auth.saml_rejected").after["reason"] == "signature"


def test_local_accounts_still_log_out_normally(
    client: Client, saml_on: Federation, make_user: Any
) -> None:
    user = make_user(Role.CASE_MANAGER)
    client.force_login(user)
    r = client.post("/konto/log-ud")
    assert r.status_code == 302 and r["Location"] == "/"
    assert actions()[-1] == "auth.logout"
    assert not NemLoginIdentity.objects.exists()


def test_start_and_acs_count_against_the_login_rate_limit(
    client: Client, saml_on: Federation, settings: Any
) -> None:
    from django.core.cache import cache

    cache.clear()
    settings.RODLOEBER_RATE_LIMITS_ENABLED = True
    settings.RODLOEBER_RATE_LIMITS = {**settings.RODLOEBER_RATE_LIMITS, "login": (3, 60)}
    try:
        codes = [client.get("/konto/nemlogin/log-ind").status_code]
        codes += [client.post("/konto/nemlogin/acs", {}).status_code for _ in range(3)]
    finally:
        cache.clear()
    assert codes == [302, 400, 400, 429]
