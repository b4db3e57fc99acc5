"""The service provider's configuration, built from ``settings.RODLOEBER_SAML``.

SAML is *enabled* only when the entity id, the public base URL, the
certificate and key and an IdP metadata source (file or URL) are all set;
otherwise the log-in page shows no NemLog-in button and every SAML URL
answers 404, so ``make run`` works without any of it.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import time
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.saml import NAMEID_FORMAT_PERSISTENT
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

logger = logging.getLogger(__name__)
REQUIRED = ("SP_ENTITY_ID", "BASE_URL", "KEY_FILE", "CERT_FILE")
SIGNING_ALGORITHM = SIG_RSA_SHA256
METADATA_REFRESH_SECONDS = 3600


def saml_settings() -> dict[str, Any]:
    return dict(getattr(settings, "RODLOEBER_SAML", {}) or {})


def missing_settings(conf: dict[str, Any] | None = None) -> list[str]:
    conf = saml_settings() if conf is None else conf
    missing = [k for k in REQUIRED if not conf.get(k)]
    if not (conf.get("IDP_METADATA_FILE") or conf.get("IDP_METADATA_URL")):
        missing.append("IDP_METADATA_FILE or IDP_METADATA_URL")
    return missing


def is_partly_configured(conf: dict[str, Any] | None = None) -> bool:
    conf = saml_settings() if conf is None else conf
    keys = [*REQUIRED, "IDP_METADATA_FILE", "IDP_METADATA_URL"]
    return any(conf.get(k) for k in keys) and bool(missing_settings(conf))


def saml_enabled() -> bool:
    return not missing_settings()


def absolute(url_name: str, conf: dict[str, Any] | None = None) -> str:
    conf = saml_settings() if conf is None else conf
    return str(conf["BASE_URL"]).rstrip("/") + reverse(url_name)


def pysaml2_config_dict(conf: dict[str, Any]) -> dict[str, Any]:
    enc_key = conf.get("ENCRYPTION_KEY_FILE") or conf["KEY_FILE"]
    enc_cert = conf.get("ENCRYPTION_CERT_FILE") or conf["CERT_FILE"]
    metadata: dict[str, Any]
    if conf.get("IDP_METADATA_FILE"):
        metadata = {"local": [str(conf["IDP_METADATA_FILE"])]}
    else:
        remote: dict[str, Any] = {"url": conf["IDP_METADATA_URL"]}
        if conf.get("IDP_METADATA_CERT_FILE"):
            remote["cert"] = str(conf["IDP_METADATA_CERT_FILE"])
        metadata = {"remote": [remote]}
    return {
        "entityid": conf["SP_ENTITY_ID"],
        "xmlsec_binary": conf.get("XMLSEC_BINARY") or shutil.which("xmlsec1"),
        "key_file": str(conf["KEY_FILE"]),
        "cert_file": str(conf["CERT_FILE"]),
        "encryption_keypairs": [{"key_file": str(enc_key), "cert_file": str(enc_cert)}],
        "allow_unknown_attributes": True,
        "accepted_time_diff": int(conf.get("CLOCK_SKEW_SECONDS", 60)),
        "metadata": metadata,
        "service": {
            "sp": {
                "name": "Rød Løber",
                "endpoints": {
                    "assertion_consumer_service": [(absolute("saml:acs", conf), BINDING_HTTP_POST)],
                    "single_logout_service": [(absolute("saml:slo", conf), BINDING_HTTP_REDIRECT)],
                },
                "allow_unsolicited": False,
                "authn_requests_signed": True,
                "logout_requests_signed": True,
                "logout_responses_signed": True,
                "want_assertions_signed": True,
                "want_response_signed": False,
                "want_assertions_or_response_signed": True,
                "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                "signing_algorithm": SIGNING_ALGORITHM,
                "digest_algorithm": DIGEST_SHA256,
            }
        },
    }


_CACHE: dict[str, tuple[float, Saml2Client]] = {}


def get_client() -> Saml2Client:
    """A pysaml2 client for the current settings (metadata re-read hourly)."""
    conf = saml_settings()
    key = hashlib.sha256(repr(sorted(conf.items())).encode()).hexdigest()
    cached = _CACHE.get(key)
    if cached is not None and time.monotonic() - cached[0] < METADATA_REFRESH_SECONDS:
        return cached[1]
    sp = SPConfig()
    sp.load(pysaml2_config_dict(conf))
    client = Saml2Client(config=sp)
    _CACHE.clear()
    _CACHE[key] = (time.monotonic(), client)
    return client


def idp_entity_id(client: Saml2Client) -> str:
    """The one identity provider we trust (NemLog-in), from settings or metadata."""
    configured = str(saml_settings().get("IDP_ENTITY_ID") or "")
    if configured:
        return configured
    idps = sorted(client.metadata.identity_providers())
    if len(idps) != 1:
        raise ValueError("Set RODLOEBER_SAML_IDP_ENTITY_ID: the metadata lists several IdPs.")
    return str(idps[0])


def idp_slo_url(client: Saml2Client, idp: str) -> str:
    services = client.metadata.single_logout_service(idp, BINDING_HTTP_REDIRECT, "idpsso")
    return str(services[0]["location"]) if services else ""


def idp_form_action_sources() -> str:
    """Origins of NemLog-in's log-in and log-out endpoints, for the CSP
    ``form-action`` directive: the log-in and log-out forms redirect there,
    and Chromium applies ``form-action`` to redirects after a form submission.
    Empty when SAML is off or the metadata cannot be read."""
    if not saml_enabled():
        return ""
    try:
        client = get_client()
        idp = idp_entity_id(client)
        locations = [
            str(s["location"])
            for kind in ("single_sign_on_service", "single_logout_service")
            for s in getattr(client.metadata, kind)(idp, BINDING_HTTP_REDIRECT, "idpsso")
        ]
    except Exception:  # a broken metadata source must not take every page down
        logger.exception("NemLog-in metadata could not be read for the CSP")
        return ""
    origins = {urlsplit(loc)._replace(path="", query="", fragment="").geturl() for loc in locations}
    return " ".join(sorted(o for o in origins if o))
