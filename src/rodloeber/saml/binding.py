"""HTTP-Redirect binding signatures checked over the query string exactly as
received (SAML Bindings §3.4.4.1): re-encoding the values, as some libraries
do, breaks on IdPs that percent-encode differently."""

from __future__ import annotations

import base64
import binascii
from urllib.parse import unquote

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

#: SigAlg URI -> hash. SHA-1 is refused (OIOSAML 3 requires SHA-256 or better).
_RSA_ALGORITHMS: dict[str, type[hashes.HashAlgorithm]] = {
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256": hashes.SHA256,
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384": hashes.SHA384,
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512": hashes.SHA512,
}


def _raw_params(query_string: str) -> dict[str, str]:
    raw: dict[str, str] = {}
    for piece in query_string.split("&"):
        key, _, value = piece.partition("=")
        if key in raw:  # a repeated parameter is never legitimate here
            raise ValueError(f"repeated parameter {key}")
        raw[key] = value
    return raw


def redirect_signature_valid(query_string: str, certs_b64: list[str]) -> bool:
    """True when the query string carries a valid RSA-SHA2 signature by one of
    ``certs_b64`` (base64 DER certificates from the IdP's metadata)."""
    try:
        raw = _raw_params(query_string)
    except ValueError:
        return False
    message = "SAMLRequest" if "SAMLRequest" in raw else "SAMLResponse"
    if message not in raw or "Signature" not in raw or "SigAlg" not in raw:
        return False
    algorithm = _RSA_ALGORITHMS.get(unquote(raw["SigAlg"]))
    if algorithm is None:
        return False
    signed = "&".join(f"{k}={raw[k]}" for k in (message, "RelayState", "SigAlg") if k in raw)
    try:
        signature = base64.b64decode(unquote(raw["Signature"]), validate=True)
    except (binascii.Error, ValueError):
        return False
    for cert_b64 in certs_b64:
        try:
            key = x509.load_der_x509_certificate(
                base64.b64decode("".join(cert_b64.split()))
            ).public_key()
        except ValueError:
            continue
        if not isinstance(key, rsa.RSAPublicKey):
            continue
        try:
            key.verify(signature, signed.encode("ascii"), padding.PKCS1v15(), algorithm())
        except InvalidSignature:
            continue
        return True
    return False
