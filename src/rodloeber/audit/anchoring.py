"""Writing an anchor of the audit chain (forankring): ``rodloeber audit anchor``.

Split from :mod:`rodloeber.audit.anchors` (which verifies anchors and is used
by ``audit.services.verify_chain``): this writer needs ``record_event`` from
``audit.services``, which itself uses the verifier, so they cannot share a module
without a cycle.
"""

from __future__ import annotations

import json
import os
from typing import Any

from django.db import transaction
from django.utils import timezone

from rodloeber.audit.anchors import (
    ACTION,
    _last_sealed_id,
    _line_mac,
    _rows_digest,
    _sealed_models,
    anchor_file,
    log,
)
from rodloeber.audit.keys import current_key
from rodloeber.audit.services import record_event


def anchor() -> dict[str, Any]:
    """Seal the read logs, then write the chain head outside the database."""
    key_id, key = current_key()
    with transaction.atomic():
        seals: dict[str, dict[str, Any]] = {}
        for model in _sealed_models():
            label = model._meta.label_lower
            first = _last_sealed_id(label)
            last = model.objects.order_by("-pk").values_list("pk", flat=True).first() or first
            count, digest = _rows_digest(model, first, last, key)
            seals[label] = {
                "from_id": first,
                "to_id": last,
                "count": count,
                "hmac": digest,
                "key_id": key_id,
            }
        event = record_event(
            action=ACTION,
            actor=None,
            actor_label="cli",
            subject_type="audit.chain",
            after={"seals": seals},
        )
    at = timezone.now().isoformat()
    line = {
        "seq": event.seq,
        "hash": event.hash,
        "key_id": key_id,
        "at": at,
        "mac": _line_mac(key, event.seq, event.hash, at),
    }
    text = json.dumps(line, sort_keys=True)
    path = anchor_file()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        try:
            os.write(fd, (text + "\n").encode())
            os.fsync(fd)
        finally:
            os.close(fd)
    log.info("audit anchor %s", text)
    return line
