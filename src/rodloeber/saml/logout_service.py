"""NemLog-in single log-out, SP- and IdP-initiated (one service per action).

Split from :mod:`rodloeber.saml.services` (log-in): a log-out ends the
Django sessions server-side and forgets the SAML session links; each writes
one ``auth.saml_logout`` event, a refused message ``auth.saml_rejected``.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from saml2 import BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.saml import name_id_from_string

from rodloeber.accounts.models import User
from rodloeber.audit.services import record_event
from rodloeber.saml.binding import redirect_signature_valid
from rodloeber.saml.conf import SIGNING_ALGORITHM, get_client, idp_entity_id, idp_slo_url
from rodloeber.saml.errors import SamlError, saml_error
from rodloeber.saml.models import SamlRequest, SamlSession
from rodloeber.saml.services import (
    REQUEST_LIFETIME,
    classify,
    digest,
    location_of,
    rejection_record,
)


def sp_logout_start(*, user: User, session_key: str) -> str | None:
    """SP-initiated single log-out: forget the SAML session and return the
    URL of a signed LogoutRequest to NemLog-in (``None``: not a SAML session;
    ``""``: the IdP has no log-out endpoint). The caller ends the Django
    session before redirecting."""
    link = SamlSession.objects.filter(session_key=session_key, user=user).first()
    if link is None:
        return None
    client = get_client()
    idp = idp_entity_id(client)
    destination = idp_slo_url(client, idp)
    now = timezone.now()
    location = None
    request_id = ""
    if destination:
        request_id, logout_request = client.create_logout_request(
            destination,
            idp,
            name_id=name_id_from_string(link.name_id_xml),
            session_indexes=[link.session_index] if link.session_index else None,
            sign=False,
        )
        info = client.apply_binding(
            BINDING_HTTP_REDIRECT,
            str(logout_request),
            destination,
            relay_state="",
            sign=True,
            sigalg=SIGNING_ALGORITHM,
        )
        location = location_of(info)
    with transaction.atomic():
        if request_id:
            SamlRequest.objects.create(
                request_id=request_id,
                kind=SamlRequest.Kind.LOGOUT,
                expires_at=now + REQUEST_LIFETIME,
            )
        link.delete()
        record_event(action="auth.saml_logout", actor=user, subject=user, after={"initiator": "sp"})
    return location or ""


def _idp_signing_certs(client: Saml2Client, idp: str) -> list[str]:
    return [cert for _, cert in client.metadata.certs(idp, "idpsso", "signing")]


def _end_sessions(keys: list[str]) -> None:
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for key in keys:
        store(session_key=key).delete()


@dataclass(frozen=True)
class IdpLogout:
    redirect_url: str
    ended_session_keys: frozenset[str]


def idp_logout(*, query_string: str, saml_request: str, relay_state: str, ip: str) -> IdpLogout:
    """IdP-initiated single log-out (HTTP-Redirect): end every session of the
    NameID (and SessionIndex) server-side and answer with a signed LogoutResponse."""
    try:
        return _idp_logout(query_string, saml_request, relay_state)
    except SamlError as exc:
        rejection_record(reason=exc.code, ip=ip)
        raise


def _idp_logout(query_string: str, saml_request: str, relay_state: str) -> IdpLogout:
    client = get_client()
    idp = idp_entity_id(client)
    if not redirect_signature_valid(query_string, _idp_signing_certs(client, idp)):
        raise saml_error("signature")
    try:
        parsed = client.parse_logout_request(saml_request, BINDING_HTTP_REDIRECT)
    except Exception as exc:
        raise classify(exc) from exc
    message = parsed.message if parsed is not None else None
    if message is None or message.issuer is None or message.issuer.text.strip() != idp:
        raise saml_error("signature")
    if message.name_id is None:
        raise saml_error("invalid")
    rows = SamlSession.objects.filter(issuer=idp, name_id_digest=digest(message.name_id.text))
    indexes = [si.text for si in message.session_index or []]
    if indexes:
        rows = rows.filter(session_index__in=indexes)
    with transaction.atomic():
        found = list(rows.select_related("user"))
        keys = [row.session_key for row in found]
        _end_sessions(keys)
        rows.delete()
        for user in {row.user for row in found}:
            record_event(
                action="auth.saml_logout",
                actor=user,
                subject=user,
                after={"initiator": "idp", "sessions": sum(r.user_id == user.pk for r in found)},
            )
    destination = client.response_args(message, [BINDING_HTTP_REDIRECT])["destination"]
    answer = client.create_logout_response(message, [BINDING_HTTP_REDIRECT], sign=False)
    info = client.apply_binding(
        BINDING_HTTP_REDIRECT,
        str(answer),
        destination,
        relay_state=relay_state,
        response=True,
        sign=True,
        sigalg=SIGNING_ALGORITHM,
    )
    return IdpLogout(location_of(info), frozenset(keys))


def sp_logout_finish(*, query_string: str, saml_response: str, ip: str) -> None:
    """NemLog-in's LogoutResponse to our LogoutRequest: signed, expected, success."""
    try:
        _sp_logout_finish(query_string, saml_response)
    except SamlError as exc:
        rejection_record(reason=exc.code, ip=ip)
        raise


def _sp_logout_finish(query_string: str, saml_response: str) -> None:
    client = get_client()
    idp = idp_entity_id(client)
    if not redirect_signature_valid(query_string, _idp_signing_certs(client, idp)):
        raise saml_error("signature")
    try:
        response = client.parse_logout_request_response(saml_response, BINDING_HTTP_REDIRECT)
    except Exception as exc:
        raise classify(exc) from exc
    if response is None or response.issuer() != idp:
        raise saml_error("invalid")
    consumed = SamlRequest.objects.filter(
        request_id=response.in_response_to or "",
        kind=SamlRequest.Kind.LOGOUT,
        consumed_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).update(consumed_at=timezone.now())
    if not consumed:
        raise saml_error("in_response_to")
