"""NemLog-in log-in (one service per action; log-out: ``logout_service``).

``assertion_login`` is the only way a SAML answer becomes a session: pysaml2
checks the XML signature (against NemLog-in's metadata), audience,
destination/recipient, NotBefore/NotOnOrAfter and InResponseTo; this module
adds the browser binding, replay protection (used assertion ids kept until
they expire), the OIOSAML 3 attribute profile (LoA ≥ Substantial, CVR) and the
tenant rule: the company comes only from the signed assertion's CVR.
Every outcome writes exactly one audit event: ``auth.saml_login``,
``auth.saml_logout`` or ``auth.saml_rejected`` (reason code and address only).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.response import StatusError, UnsolicitedResponse
from saml2.saml import AuthnContextClassRef, name_id_from_string
from saml2.samlp import RequestedAuthnContext
from saml2.sigver import SignatureError, SigverError
from saml2.validate import ResponseLifetimeExceed, ToEarly

from rodloeber.accounts.models import Organisation, User
from rodloeber.accounts.roles import OrgKind, Role
from rodloeber.audit.services import record_event
from rodloeber.saml.attributes import (
    LOA_CLASS_REF_PREFIX,
    AttributeProblem,
    ProfessionalIdentity,
    identity_from_attributes,
)
from rodloeber.saml.conf import (
    SIGNING_ALGORITHM,
    get_client,
    idp_entity_id,
    saml_settings,
)
from rodloeber.saml.errors import SamlError, saml_error
from rodloeber.saml.models import NemLoginIdentity, SamlAssertionUse, SamlRequest, SamlSession

REQUEST_LIFETIME = timedelta(minutes=10)
#: Used assertion ids are kept at least this long when the assertion has no expiry.
ASSERTION_MEMORY = timedelta(hours=24)
BACKEND = "rodloeber.saml.backends.NemLoginBackend"


def digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def location_of(info: dict[str, Any]) -> str:
    return str(dict(info["headers"])["Location"])


def _min_loa() -> str:
    return str(saml_settings().get("MIN_LOA") or "Substantial")


@dataclass(frozen=True)
class StartedLogin:
    redirect_url: str
    browser_secret: str  # goes into a short-lived cookie; only its digest is stored


def login_start(*, came_from: str) -> StartedLogin:
    """Create a signed AuthnRequest (HTTP-Redirect) asking for LoA ≥ Substantial.

    The outstanding request is bookkeeping (like a CSRF token), not audited:
    nobody is identified yet.
    """
    client = get_client()
    idp = idp_entity_id(client)
    wanted = RequestedAuthnContext(
        authn_context_class_ref=[AuthnContextClassRef(text=LOA_CLASS_REF_PREFIX + _min_loa())],
        comparison="minimum",
    )
    request_id, info = client.prepare_for_authenticate(
        entityid=idp,
        binding=BINDING_HTTP_REDIRECT,
        sign=True,
        sigalg=SIGNING_ALGORITHM,
        requested_authn_context=wanted,
    )
    secret = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        SamlRequest.objects.filter(expires_at__lt=now - ASSERTION_MEMORY).delete()
        SamlRequest.objects.create(
            request_id=request_id,
            kind=SamlRequest.Kind.AUTHN,
            came_from=came_from[:500],
            browser_digest=digest(secret),
            expires_at=now + REQUEST_LIFETIME,
        )
    return StartedLogin(location_of(info), secret)


class _Outstanding(Mapping[str, str]):
    """pysaml2's ``outstanding`` queries, read from the database. Consumed but
    unexpired requests stay visible so a replay is reported as a replay."""

    def __init__(self, kind: str) -> None:
        self.rows = SamlRequest.objects.filter(kind=kind, expires_at__gt=timezone.now())

    def __getitem__(self, key: str) -> str:
        row = self.rows.filter(request_id=key).first()
        if row is None:
            raise KeyError(key)
        return row.came_from

    def __iter__(self) -> Iterator[str]:
        return iter(list(self.rows.values_list("request_id", flat=True)[:100]))

    def __len__(self) -> int:
        return self.rows.count()


def classify(exc: Exception) -> SamlError:
    text = str(exc)
    if isinstance(exc, SignatureError | SigverError) or "sign" in text.lower():
        return saml_error("signature")
    if "AudienceRestrictions" in text:
        return saml_error("audience")
    if isinstance(exc, ResponseLifetimeExceed | ToEarly) or "Condition not OK" in text:
        return saml_error("expired")
    if isinstance(exc, UnsolicitedResponse) or "don't recall" in text or "Came from" in text:
        return saml_error("in_response_to")
    if "recipient" in text:
        return saml_error("recipient")
    if isinstance(exc, StatusError):
        return saml_error("idp_status")
    return saml_error("invalid")


@dataclass(frozen=True)
class SamlLogin:
    user: User
    came_from: str
    issuer: str
    name_id_xml: str
    session_index: str
    created_user: bool
    created_company: bool


def rejection_record(*, reason: str, ip: str) -> None:
    """Audit a refused SAML message: the reason code and the client address,
    no personal data from the (untrusted) message."""
    with transaction.atomic():
        record_event(
            action="auth.saml_rejected",
            actor=None,
            actor_label="nemlogin",
            subject_type="saml.message",
            subject_id=reason[:64],
            after={"reason": reason, "ip": ip},
        )


def assertion_login(*, saml_response: str, browser_secret: str, ip: str) -> SamlLogin:
    """Log in from a NemLog-in SAMLResponse (HTTP-POST); create the user and
    the company on first log-in. Raises :class:`SamlError` (already audited)."""
    try:
        return _assertion_login(saml_response, browser_secret, ip)
    except SamlError as exc:
        rejection_record(reason=exc.code, ip=ip)
        raise


def _parse(client: Saml2Client, saml_response: str, ip: str) -> Any:
    try:
        response = client.parse_authn_request_response(
            saml_response,
            BINDING_HTTP_POST,
            outstanding=_Outstanding(SamlRequest.Kind.AUTHN),
            # no "entity_id" here: the Recipient must be our ACS URL itself
            conv_info={"remote_addr": ip},
        )
    except Exception as exc:  # pysaml2 raises many types; all mean "refused"
        raise classify(exc) from exc
    if response is None or response.assertion is None:
        raise saml_error("invalid")
    return response


def _expiry(response: Any) -> datetime:
    now = timezone.now()
    skew = timedelta(seconds=int(saml_settings().get("CLOCK_SKEW_SECONDS", 60)))
    if response.not_on_or_after:
        until = datetime.fromtimestamp(int(response.not_on_or_after), tz=UTC)
        return max(until, now) + skew
    return now + ASSERTION_MEMORY


def _assertion_login(saml_response: str, browser_secret: str, ip: str) -> SamlLogin:
    client = get_client()
    idp = idp_entity_id(client)
    response = _parse(client, saml_response, ip)
    assertion = response.assertion
    issuer = assertion.issuer.text.strip() if assertion.issuer is not None else ""
    if issuer != idp:
        raise saml_error("signature")
    request = SamlRequest.objects.filter(
        request_id=response.in_response_to or "", kind=SamlRequest.Kind.AUTHN
    ).first()
    if request is None:
        raise saml_error("in_response_to")
    if SamlAssertionUse.objects.filter(assertion_id=assertion.id).exists():
        raise saml_error("replay")
    if not hmac.compare_digest(request.browser_digest, digest(browser_secret or "")):
        raise saml_error("browser")
    name_id = response.name_id
    try:
        identity = identity_from_attributes(
            response.ava, name_id=name_id.text if name_id is not None else "", min_loa=_min_loa()
        )
    except AttributeProblem as problem:
        raise SamlError(problem.code, problem.message_da, problem.message_en) from problem
    statements = assertion.authn_statement or []
    session_index = (statements[0].session_index or "") if statements else ""
    now = timezone.now()
    try:
        with transaction.atomic():
            SamlAssertionUse.objects.filter(expires_at__lt=now).delete()
            if SamlAssertionUse.objects.filter(assertion_id=assertion.id).exists():
                raise saml_error("replay")
            SamlAssertionUse.objects.create(
                assertion_id=assertion.id, issuer=issuer, expires_at=_expiry(response)
            )
            if not SamlRequest.objects.filter(pk=request.pk, consumed_at__isnull=True).update(
                consumed_at=now
            ):
                raise saml_error("replay")
            org, created_company = _company_for(identity)
            user, created_user = _user_for(identity, org, issuer, now)
            record_event(
                action="auth.saml_login",
                actor=user,
                subject=user,
                organisation=org,
                after={
                    "ip": ip,
                    "loa": identity.loa,
                    "cvr": identity.cvr,
                    "assertion_id": assertion.id,
                    "created_user": created_user,
                    "created_company": created_company,
                },
            )
    except IntegrityError as exc:  # a concurrent use of the same assertion
        raise saml_error("replay") from exc
    return SamlLogin(
        user=user,
        came_from=request.came_from,
        issuer=issuer,
        name_id_xml=str(name_id) if name_id is not None else "",
        session_index=session_index,
        created_user=created_user,
        created_company=created_company,
    )


def _company_for(identity: ProfessionalIdentity) -> tuple[Organisation, bool]:
    """The tenant: looked up (or created) by the assertion's CVR, nothing else."""
    org = Organisation.objects.filter(cvr=identity.cvr).first()
    if org is not None:
        if org.kind != OrgKind.COMPANY:
            raise saml_error("not_company")
        return org, False
    name = (identity.org_name or f"CVR {identity.cvr}")[:200]
    return Organisation.objects.create(kind=OrgKind.COMPANY, cvr=identity.cvr, name=name), True


def _user_for(
    identity: ProfessionalIdentity, org: Organisation, issuer: str, now: datetime
) -> tuple[User, bool]:
    link = (
        NemLoginIdentity.objects.select_related("user")
        .filter(issuer=issuer, persistent_id=identity.persistent_id)
        .first()
    )
    if link is not None:
        user = link.user
        if not user.is_active:
            raise saml_error("user_inactive")
        if user.organisation_id != org.pk:
            raise saml_error("cvr_mismatch")
        user.first_name, user.last_name = identity.first_name, identity.last_name
        user.email = identity.email
        user.save(update_fields=["first_name", "last_name", "email"])
        link.last_login_at = now
        link.save(update_fields=["last_login_at"])
        return user, False
    user = User(
        username="nemlogin-" + digest(f"{issuer}\n{identity.persistent_id}")[:24],
        role=Role.COMPANY_USER,
        organisation=org,
        first_name=identity.first_name,
        last_name=identity.last_name,
        email=identity.email,
    )
    user.set_unusable_password()  # this person logs in only through NemLog-in
    user.save()
    NemLoginIdentity.objects.create(
        user=user, issuer=issuer, persistent_id=identity.persistent_id, cvr=identity.cvr
    )
    return user, True


def session_link(*, session_key: str, login: SamlLogin) -> None:
    """Remember which Django session a NemLog-in session opened (bookkeeping for
    single log-out; the log-in itself is audited by ``assertion_login``)."""
    SamlSession.objects.update_or_create(
        session_key=session_key,
        defaults={
            "user": login.user,
            "issuer": login.issuer,
            "name_id_digest": digest(name_id_from_string(login.name_id_xml).text or ""),
            "name_id_xml": login.name_id_xml,
            "session_index": login.session_index,
        },
    )
