"""Hash chain for audit events (hashkæde).

Each event's hash covers its own content and the previous event's hash, so
editing or deleting any row breaks every later link. Since issue #20 the
digest is an HMAC-SHA256 with a key kept outside the database
(:mod:`rodloeber.audit.keys`); events written before carry no key id and
their plain SHA-256 digest is still verified. Deterministic: the same content
and key always give the same digest.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import Any

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no whitespace, so digests are stable."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def event_digest(prev_hash: str, content: Mapping[str, Any], key: bytes | None = None) -> str:
    """HMAC-SHA256 with ``key``; plain SHA-256 only for events from before keys."""
    payload = (prev_hash + "|" + canonical_json(dict(content))).encode("utf-8")
    if key is None:
        return hashlib.sha256(payload).hexdigest()
    return hmac.new(key, payload, hashlib.sha256).hexdigest()
