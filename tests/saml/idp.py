"""A local SAML identity provider that plays NemLog-in in tests.

pysaml2's ``saml2.server.Server`` with certificates generated at test time
(never committed). It issues OIOSAML 3-style assertions (attribute URIs from
``rodloeber.saml.attributes``) and can be told to misbehave: unsigned,
wrong audience, expired, LoA Low, no CVR, signed by a stranger.
"""

from __future__ import annotations

import base64
import datetime as dt
import shutil
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig, SPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
from saml2.samlp import STATUS_SUCCESS
from saml2.server import Server
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from rodloeber.saml import attributes as a
from rodloeber.saml.conf import pysaml2_config_dict

#: A fictitious NemLog-in test organisation: starts with 9, passes modulus 11.
TEST_CVR = "90000055"
TEST_ORG_NAME = "Testvirksomhed NemLog-in ApS (test)"
PERSON_UUID = "urn:uuid:3f2c7a51-0c7e-4b8e-9d7a-1b2c3d4e5f60"
AUTHN_CLASS = "https://data.gov.dk/concept/core/nsis/loa/Substantial"


def make_keypair(folder: Path, name: str, common_name: str) -> tuple[Path, Path]:
    """A throw-away RSA key and self-signed certificate (test only)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name + " (TEST ONLY)")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = folder / f"{name}.key", folder / f"{name}.crt"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def identity(
    *, loa: str = "Substantial", cvr: str | None = TEST_CVR, person: str = PERSON_UUID
) -> dict[str, list[str]]:
    ava = {
        a.ATTR_SPEC_VERSION: ["OIO-SAML-3.0"],
        a.ATTR_LOA: [loa],
        a.ATTR_PROFESSIONAL_UUID: [person],
        a.ATTR_ORG_NAME: [TEST_ORG_NAME],
        a.ATTR_FIRST_NAME: ["Testa"],
        a.ATTR_LAST_NAME: ["Medarbejder"],
        a.ATTR_EMAIL: ["testa@example.invalid"],
    }
    if cvr is not None:
        ava[a.ATTR_CVR] = [cvr]
    return ava


@dataclass
class Federation:
    """Files and settings for one SP (Rød Løber) + IdP (fake NemLog-in) pair."""

    folder: Path
    sp_settings: dict[str, Any]
    idp_entity_id: str
    idp_base: str
    idp_key: Path
    idp_cert: Path

    def server(self, *, lifetime_minutes: int = 5, key: Path | None = None) -> Server:
        conf = IdPConfig()
        conf.load(
            {
                "entityid": self.idp_entity_id,
                "xmlsec_binary": shutil.which("xmlsec1"),
                "key_file": str(key or self.idp_key),
                "cert_file": str(self.idp_cert),
                "metadata": {"local": [str(self.folder / "sp.xml")]},
                "service": {
                    "idp": {
                        "endpoints": {
                            "single_sign_on_service": [
                                (f"{self.idp_base}/sso", BINDING_HTTP_REDIRECT)
                            ],
                            "single_logout_service": [
                                (f"{self.idp_base}/slo", BINDING_HTTP_REDIRECT)
                            ],
                        },
                        "want_authn_requests_signed": True,
                        "policy": {"default": {"lifetime": {"minutes": lifetime_minutes}}},
                        "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                        "signing_algorithm": SIG_RSA_SHA256,
                        "digest_algorithm": DIGEST_SHA256,
                    }
                },
            }
        )
        return Server(config=conf)

    @property
    def acs_url(self) -> str:
        return str(self.sp_settings["BASE_URL"]) + "/konto/nemlogin/acs"

    def authn_response(
        self,
        in_response_to: str,
        *,
        ava: dict[str, list[str]] | None = None,
        sign: bool = True,
        audience: str | None = None,
        lifetime_minutes: int = 5,
        key: Path | None = None,
        person: str = PERSON_UUID,
        encrypt: bool = True,
        destination: str | None = None,
    ) -> str:
        """A base64 SAMLResponse as NemLog-in would POST it to the ACS."""
        server = self.server(lifetime_minutes=lifetime_minutes, key=key)
        sp_entity_id = audience or str(self.sp_settings["SP_ENTITY_ID"])
        response = server.create_authn_response(
            identity=ava if ava is not None else identity(person=person),
            in_response_to=in_response_to,
            destination=destination or self.acs_url,
            sp_entity_id=sp_entity_id,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=person),
            authn={"class_ref": AUTHN_CLASS},
            sign_assertion=sign,
            sign_response=False,
            encrypt_assertion=encrypt and audience is None,
            encrypt_cert_assertion=None,
            sign_alg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256,
        )
        return base64.b64encode(str(response).encode()).decode()

    def parse_authn_request(self, location: str) -> Any:
        """Check the SP's redirect to our /sso (signature required) and parse it."""
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)
        server = self.server()
        return server.parse_authn_request(
            query["SAMLRequest"][0],
            BINDING_HTTP_REDIRECT,
            relay_state=query.get("RelayState", [None])[0],
            sigalg=query["SigAlg"][0],
            signature=query["Signature"][0],
        )

    def logout_request_url(
        self, name_id: str, session_index: str | None, *, sign: bool = True
    ) -> str:
        """An IdP-initiated LogoutRequest to the SP's SLO (HTTP-Redirect)."""
        server = self.server()
        destination = str(self.sp_settings["BASE_URL"]) + "/konto/nemlogin/slo"
        _, request = server.create_logout_request(
            destination,
            str(self.sp_settings["SP_ENTITY_ID"]),
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=name_id),
            session_indexes=[session_index] if session_index else None,
            sign=False,
        )
        info = server.apply_binding(
            BINDING_HTTP_REDIRECT, str(request), destination, "", sign=sign, sigalg=SIG_RSA_SHA256
        )
        return str(dict(info["headers"])["Location"])

    def logout_response_url(self, logout_request_location: str) -> str:
        """Our answer to the SP's LogoutRequest (SP-initiated log-out)."""
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(logout_request_location).query)
        server = self.server()
        request = server.parse_logout_request(
            query["SAMLRequest"][0],
            BINDING_HTTP_REDIRECT,
            relay_state=query.get("RelayState", [None])[0],
            sigalg=query["SigAlg"][0],
            signature=query["Signature"][0],
        )
        destination = str(self.sp_settings["BASE_URL"]) + "/konto/nemlogin/slo"
        answer = server.create_logout_response(
            request.message, [BINDING_HTTP_REDIRECT], status=None, sign=False
        )
        info = server.apply_binding(
            BINDING_HTTP_REDIRECT,
            str(answer),
            destination,
            "",
            response=True,
            sign=True,
            sigalg=SIG_RSA_SHA256,
        )
        assert STATUS_SUCCESS in str(answer)
        return str(dict(info["headers"])["Location"])


def build_federation(folder: Path, sp_base: str, idp_base: str) -> Federation:
    """Keys, both metadata files and the SP settings for ``settings.RODLOEBER_SAML``."""
    folder.mkdir(parents=True, exist_ok=True)
    sp_key, sp_cert = make_keypair(folder, "sp", "Rød Løber SP")
    idp_key, idp_cert = make_keypair(folder, "idp", "Test NemLog-in IdP")
    sp_settings: dict[str, Any] = {
        "SP_ENTITY_ID": f"{sp_base}/konto/nemlogin/metadata",
        "BASE_URL": sp_base,
        "KEY_FILE": str(sp_key),
        "CERT_FILE": str(sp_cert),
        "IDP_METADATA_FILE": str(folder / "idp.xml"),
        "MIN_LOA": "Substantial",
        "CLOCK_SKEW_SECONDS": 60,
    }
    sp_conf = SPConfig()
    sp_conf.load({**pysaml2_config_dict(sp_settings), "metadata": {}})
    (folder / "sp.xml").write_text(create_metadata_string(None, config=sp_conf).decode())
    fed = Federation(folder, sp_settings, f"{idp_base}/metadata", idp_base, idp_key, idp_cert)
    idp_conf = fed.server().config
    (folder / "idp.xml").write_text(create_metadata_string(None, config=idp_conf).decode())
    return fed


# --- a tiny IdP web app for browser tests ---------------------------------


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def idp_wsgi_app(fed: Federation) -> Any:
    """/sso shows a log-in/consent page for the test employee; its button
    posts a signed, encrypted assertion to the SP's ACS. /slo answers the
    SP's LogoutRequest."""
    pending: dict[str, str] = {}

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        path = environ.get("PATH_INFO", "")
        url = f"{fed.idp_base}{path}?{environ.get('QUERY_STRING', '')}"
        if path == "/sso":
            request = fed.parse_authn_request(url).message
            pending["last"] = request.id
            body = f"""<!doctype html><html lang="da"><head><meta charset="utf-8">
<title>NemLog-in (TEST)</title></head><body><main>
<h1>NemLog-in (test-IdP)</h1>
<p>Log på som <strong>Testa Medarbejder</strong> for CVR {TEST_CVR} (MitID Erhverv, Betydelig).</p>
<form method="post" action="/consent"><input type="hidden" name="id" value="{request.id}">
<button type="submit" id="consent">Godkend og fortsæt</button></form></main></body></html>"""
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
            return [body.encode()]
        if path == "/consent":
            size = int(environ.get("CONTENT_LENGTH") or 0)
            form = urllib.parse.parse_qs(environ["wsgi.input"].read(size).decode())
            saml_response = fed.authn_response(form["id"][0])
            body = f"""<!doctype html><html lang="da"><head><meta charset="utf-8">
<title>NemLog-in (TEST)</title></head><body><main>
<form method="post" action="{fed.acs_url}">
<input type="hidden" name="SAMLResponse" value="{saml_response}">
<button type="submit" id="continue">Fortsæt til Rød Løber</button></form></main></body></html>"""
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
            return [body.encode()]
        if path == "/slo":
            start_response("302 Found", [("Location", fed.logout_response_url(url))])
            return [b""]
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]

    return app


@contextmanager
def running_idp(fed: Federation, port: int) -> Iterator[WSGIServer]:
    httpd = make_server("127.0.0.1", port, idp_wsgi_app(fed), handler_class=_QuietHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
