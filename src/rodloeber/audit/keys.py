"""Keys of the audit chain (nøgler til revisionssporet), kept outside the database.

The chain is an HMAC-SHA256 chain: without the key, someone with write access
to the database cannot recompute the hashes of a rewritten event and every
later one. Keys come from the environment (settings):

- ``RODLOEBER_AUDIT_KEY="<id>:<secret>"`` — the key new events are signed with;
- ``RODLOEBER_AUDIT_OLD_KEYS="<id>:<secret>,…"`` — earlier keys, kept to verify
  older events after a rotation (docs/operations.md, "Audit chain keys").

Without ``RODLOEBER_AUDIT_KEY`` the key is derived from ``SECRET_KEY`` (id
``sk``): still outside the database, but production should set its own key so
that rotating ``SECRET_KEY`` and the audit key are separate decisions.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

__all__ = ["current_key", "key_for"]

DERIVED_ID = "sk"


def _parse(value: str) -> dict[str, bytes]:
    keys: dict[str, bytes] = {}
    for item in filter(None, (part.strip() for part in value.split(","))):
        key_id, sep, secret = item.partition(":")
        if not sep or not key_id or len(key_id) > 16 or len(secret) < 32:
            raise ImproperlyConfigured(
                "Audit keys are '<id>:<secret>' with an id of at most 16 characters "
                "and a secret of at least 32 characters."
            )
        keys[key_id] = secret.encode()
    return keys


def _keys() -> tuple[str, dict[str, bytes]]:
    current = _parse(str(getattr(settings, "RODLOEBER_AUDIT_KEY", "") or ""))
    old = _parse(str(getattr(settings, "RODLOEBER_AUDIT_OLD_KEYS", "") or ""))
    derived = hmac.new(
        str(settings.SECRET_KEY).encode(), b"rodloeber-audit-chain", hashlib.sha256
    ).digest()
    keys = {DERIVED_ID: derived, **old, **current}
    current_id = next(iter(current), DERIVED_ID)
    return current_id, keys


def current_key() -> tuple[str, bytes]:
    """(id, secret) of the key new events are signed with."""
    current_id, keys = _keys()
    return current_id, keys[current_id]


def key_for(key_id: str) -> bytes | None:
    """The secret of ``key_id`` or ``None`` if it is not configured."""
    return _keys()[1].get(key_id)
