"""Anchors of the audit chain outside the database (forankring), and read-log seals.

``anchor()`` (:mod:`rodloeber.audit.anchoring`; ``rodloeber audit anchor``, run from
cron every few minutes)

1. seals the read logs named in ``RODLOEBER_AUDIT_SEALED_LOGS`` (the case
   read log, ``cases.AccessLog``): an HMAC over every row added since the
   previous seal, stored in the audit chain as one ``audit.anchor`` event.
   The read log thereby joins the chain in batches, without every page view
   queueing behind the chain head's lock (ADR 0014);
2. appends the chain head (sequence number and hash) to an append-only file
   outside the database (``RODLOEBER_AUDIT_ANCHOR_FILE``) and to the
   ``rodloeber.audit.anchor`` log (ship it to syslog or a remote log store).
   Each line carries an HMAC, so it cannot be forged without the key.

``verify_anchors()`` checks every anchor line against the database: someone
who rewrites an event and recomputes every later hash (even knowing the
algorithm) changes an anchored hash, and a truncated chain lacks an anchored
event. Seals are recomputed, so a changed or deleted read-log row is found.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings

from rodloeber.audit.hashing import canonical_json
from rodloeber.audit.keys import key_for
from rodloeber.audit.models import AuditEvent

__all__ = ["anchor_file", "verify_anchors"]

log = logging.getLogger("rodloeber.audit.anchor")
ACTION = "audit.anchor"


def anchor_file() -> Path | None:
    value = getattr(settings, "RODLOEBER_AUDIT_ANCHOR_FILE", "")
    return Path(value) if value else None


def _sealed_models() -> list[Any]:
    labels = getattr(settings, "RODLOEBER_AUDIT_SEALED_LOGS", ())
    return [apps.get_model(label) for label in labels]


def _rows_digest(model: Any, first_id: int, last_id: int, key: bytes) -> tuple[int, str]:
    mac = hmac.new(key, model._meta.label_lower.encode(), hashlib.sha256)
    count = 0
    rows = model.objects.filter(pk__gt=first_id, pk__lte=last_id).order_by("pk").values()
    for row in rows.iterator(chunk_size=2000):
        mac.update(canonical_json(row).encode("utf-8") + b"\n")
        count += 1
    return count, mac.hexdigest()


def _last_sealed_id(label: str) -> int:
    event = AuditEvent.objects.filter(action=ACTION).order_by("-seq").first()
    seals = (event.after or {}).get("seals", {}) if event is not None else {}
    return int(seals.get(label, {}).get("to_id", 0))


def _line_mac(key: bytes, seq: int, hash_: str, at: str) -> str:
    return hmac.new(key, f"{seq}|{hash_}|{at}".encode(), hashlib.sha256).hexdigest()


def _check_seals(event: AuditEvent) -> list[tuple[int, str]]:
    problems = []
    for label, seal in ((event.after or {}).get("seals") or {}).items():
        key = key_for(str(seal.get("key_id", "")))
        if key is None:
            problems.append((event.seq, f"read-log seal of {label}: unknown key"))
            continue
        try:
            model = apps.get_model(label)
        except LookupError:
            problems.append((event.seq, f"read-log seal names unknown model {label}"))
            continue
        count, digest = _rows_digest(model, int(seal["from_id"]), int(seal["to_id"]), key)
        if count != seal["count"] or not hmac.compare_digest(digest, str(seal["hmac"])):
            problems.append(
                (
                    event.seq,
                    f"read log {label} rows {seal['from_id'] + 1}..{seal['to_id']} "
                    "changed, added or deleted after they were sealed",
                )
            )
    return problems


def verify_anchors() -> list[tuple[int, str]]:
    """Problems found by comparing the anchors and read-log seals with the database."""
    problems: list[tuple[int, str]] = []
    for event in AuditEvent.objects.filter(action=ACTION).order_by("seq"):
        problems.extend(_check_seals(event))
    path = anchor_file()
    if path is None or not path.exists():
        return problems
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
            seq, hash_, at = int(line["seq"]), str(line["hash"]), str(line["at"])
            key = key_for(str(line["key_id"]))
        except (ValueError, KeyError, TypeError):
            problems.append((0, f"anchor line {number} is not readable"))
            continue
        if key is None or not hmac.compare_digest(
            _line_mac(key, seq, hash_, at), str(line.get("mac", ""))
        ):
            problems.append((seq, f"anchor line {number} is forged or its key is unknown"))
            continue
        anchored = AuditEvent.objects.filter(seq=seq).first()
        if anchored is None:
            problems.append((seq, "an anchored event is missing (chain cut or replaced)"))
        elif anchored.hash != hash_:
            problems.append((seq, "event differs from its anchor (chain rewritten)"))
    return problems


def anchor_count() -> int:
    path = anchor_file()
    if path is None or not path.exists():
        return 0
    return sum(1 for raw in path.read_text(encoding="utf-8").splitlines() if raw.strip())
