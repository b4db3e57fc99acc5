"""HTTP-Redirect signatures checked over the raw query string."""

from __future__ import annotations

import base64
from pathlib import Path
from urllib.parse import quote

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from rodloeber.saml.binding import redirect_signature_valid
from tests.saml.idp import make_keypair

SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1"


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, str, str]:
    folder: Path = tmp_path_factory.mktemp("binding")
    key_path, cert_path = make_keypair(folder, "k", "signer")
    _, other_cert = make_keypair(folder, "o", "other")

    def der_b64(path: Path) -> str:
        cert = x509.load_pem_x509_certificate(path.read_bytes())
        return base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()

    key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    return key, der_b64(cert_path), der_b64(other_cert)


def signed_query(key: object, *, sigalg: str = SHA256, relay: str | None = "r/1") -> str:
    parts = [
        f"SAMLRequest={quote('fZJBT+MwEIX/iuV7m6ZtoFhNpLIFbSVYKhI4cHOdSWuta6eeCbT/Hsco0h7YXke')}"
    ]
    if relay is not None:
        parts.append(f"RelayState={quote(relay, safe='')}")
    parts.append(f"SigAlg={quote(sigalg, safe='')}")
    signed = "&".join(parts).encode()
    algorithm = hashes.SHA1() if sigalg == SHA1 else hashes.SHA256()  # noqa: S303
    signature = key.sign(signed, padding.PKCS1v15(), algorithm)  # type: ignore[attr-defined]
    return "&".join(parts) + "&Signature=" + quote(base64.b64encode(signature).decode(), safe="")


def test_valid_signature_with_and_without_relay_state(keys: tuple[object, str, str]) -> None:
    key, cert, _ = keys
    assert redirect_signature_valid(signed_query(key), [cert])
    assert redirect_signature_valid(signed_query(key, relay=None), [cert])


def test_wrong_certificate_is_refused(keys: tuple[object, str, str]) -> None:
    key, cert, other = keys
    assert not redirect_signature_valid(signed_query(key), [other])
    assert redirect_signature_valid(signed_query(key), [other, cert])  # key rollover


def test_changed_message_or_relay_state_is_refused(keys: tuple[object, str, str]) -> None:
    key, cert, _ = keys
    query = signed_query(key)
    assert not redirect_signature_valid(query.replace("fZJBT", "fZJBX"), [cert])
    assert not redirect_signature_valid(query.replace("RelayState=r", "RelayState=x"), [cert])


def test_sha1_missing_and_repeated_parameters_are_refused(keys: tuple[object, str, str]) -> None:
    key, cert, _ = keys
    assert not redirect_signature_valid(signed_query(key, sigalg=SHA1), [cert])
    query = signed_query(key)
    assert not redirect_signature_valid(query.split("&Signature=")[0], [cert])
    assert not redirect_signature_valid(query + "&SAMLRequest=x", [cert])
    assert not redirect_signature_valid(query + "x!", [cert])
    assert not redirect_signature_valid("", [cert])
