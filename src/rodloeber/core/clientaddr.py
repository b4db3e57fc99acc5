"""The client's address (klientadresse) behind a known number of reverse proxies.

``RODLOEBER_TRUSTED_PROXIES`` is how many proxies we run in front of the
application (0 = clients connect directly; then ``REMOTE_ADDR`` is the client).
With N trusted proxies, each appends the address it received the request from
to ``X-Forwarded-For``, so the client is the N-th entry from the right; any
entries further left were written by the client and are ignored. A request
with fewer entries did not pass all our proxies and is keyed by ``REMOTE_ADDR``.
The header is never trusted beyond that count, so a client cannot choose its
own rate-limit or throttling key.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    remote = str(request.META.get("REMOTE_ADDR", ""))[:45]
    proxies = int(getattr(settings, "RODLOEBER_TRUSTED_PROXIES", 0) or 0)
    if proxies <= 0:
        return remote
    forwarded = [
        part
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    return _valid(forwarded[-proxies]) or remote
