"""Hash chain for audit events (hashkæde).

Each event's hash covers its own content and the previous event's hash, so
editing or deleting any row breaks every later link. Framework-free and
deterministic: the same content always gives the same digest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no whitespace, so digests are stable."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def event_digest(prev_hash: str, content: Mapping[str, Any]) -> str:
    payload = prev_hash + "|" + canonical_json(dict(content))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
