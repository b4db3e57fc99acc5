"""The one way to write an audit event, and the chain verifier."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from rodloeber.audit.actions import get_action
from rodloeber.audit.anchors import verify_anchors
from rodloeber.audit.context import current_request_id
from rodloeber.audit.hashing import GENESIS_HASH, event_digest
from rodloeber.audit.keys import current_key, key_for
from rodloeber.audit.models import AuditChainHead, AuditEvent

if TYPE_CHECKING:
    from rodloeber.accounts.models import Organisation, User


def record_event(
    *,
    action: str,
    actor: User | None,
    subject: models.Model | None = None,
    subject_type: str = "",
    subject_id: str = "",
    organisation: Organisation | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    actor_label: str = "",
) -> AuditEvent:
    """Append one audit event to the chain.

    Must run inside the caller's ``transaction.atomic`` so the event and the
    change it describes commit or roll back together. The chain head row is
    locked for the rest of the transaction, which serialises writers.
    """
    get_action(action)  # unknown codes are a programming error
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_event must be called inside transaction.atomic().")
    if subject is not None:
        subject_type = subject_type or subject._meta.label_lower
        subject_id = subject_id or str(subject.pk)
    if organisation is None and actor is not None:
        organisation = actor.organisation
    if not actor_label and actor is not None:
        actor_label = actor.get_username()
    _check_lengths(subject_type=subject_type, subject_id=subject_id, actor_label=actor_label)
    before, after = _jsonable(before), _jsonable(after)
    head = _lock_head()
    key_id, key = current_key()
    event = AuditEvent(
        seq=head.last_seq + 1,
        occurred_at=timezone.now(),
        actor=actor,
        actor_label=actor_label or "system",
        organisation=organisation,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        before=before,
        after=after,
        request_id=current_request_id(),
        prev_hash=head.last_hash,
        key_id=key_id,
    )
    # Normalise the timestamp to what the database will store (microseconds, UTC).
    event.hash = event_digest(event.prev_hash, event.chained_content(), key)
    event.save(force_insert=True)
    AuditChainHead.objects.filter(pk=head.pk).update(last_seq=event.seq, last_hash=event.hash)
    return event


def _check_lengths(**values: str) -> None:
    """Fail the same way on every database (SQLite does not enforce max_length)."""
    for name, value in values.items():
        limit = getattr(AuditEvent._meta.get_field(name), "max_length", None)
        if limit is not None and len(value) > limit:
            raise ValueError(f"audit {name} is {len(value)} characters; the limit is {limit}.")


def _jsonable(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """Round-trip through JSON so the stored value equals the hashed value."""
    if value is None:
        return None
    result: dict[str, Any] = json.loads(json.dumps(value, cls=DjangoJSONEncoder))
    return result


def _lock_head() -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        AuditChainHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS_HASH})
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    return head


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    problem: str


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    problems: list[ChainProblem]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_chain(batch_size: int = 2000, anchors: bool = True) -> VerifyResult:
    """Walk the whole chain: recompute each HMAC with its key, check each link and
    that no sequence number is missing, compare the end with the chain head, and
    (``anchors``) compare with the anchors written outside the database.

    Events without a key id (plain SHA-256, from before issue #20) are accepted
    only up to ``RODLOEBER_AUDIT_UNKEYED_UNTIL`` (0 on new installations) and
    before the first keyed event: otherwise someone rewrote them without the key.
    """
    problems: list[ChainProblem] = []
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    keyed_seen = False
    unkeyed_until = int(getattr(settings, "RODLOEBER_AUDIT_UNKEYED_UNTIL", 0) or 0)
    for event in _iter_events(batch_size):
        checked += 1
        if event.seq != expected_seq:
            problems.append(
                ChainProblem(expected_seq, f"missing events {expected_seq}..{event.seq - 1}")
            )
        if event.prev_hash != expected_prev:
            problems.append(ChainProblem(event.seq, "link to the previous event is broken"))
        key = key_for(event.key_id) if event.key_id else None
        if event.key_id and key is None:
            problems.append(ChainProblem(event.seq, f"unknown audit key '{event.key_id}'"))
        elif not event.key_id and (keyed_seen or event.seq > unkeyed_until):
            problems.append(
                ChainProblem(
                    event.seq,
                    "unkeyed event (rewritten without the key?); a chain from before keys "
                    "sets RODLOEBER_AUDIT_UNKEYED_UNTIL",
                )
            )
        elif event_digest(event.prev_hash, event.chained_content(), key) != event.hash:
            problems.append(ChainProblem(event.seq, "content does not match its hash (changed)"))
        keyed_seen = keyed_seen or bool(event.key_id)
        expected_prev = event.hash
        expected_seq = event.seq + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_seq != expected_seq - 1 or head.last_hash != expected_prev):
        problems.append(
            ChainProblem(head.last_seq, "the newest events are missing (chain head does not match)")
        )
    if anchors:
        problems.extend(ChainProblem(seq, text) for seq, text in verify_anchors())
    return VerifyResult(checked=checked, problems=problems)


def _iter_events(batch_size: int) -> Iterator[AuditEvent]:
    last = 0
    while True:
        batch = list(AuditEvent.objects.filter(seq__gt=last).order_by("seq")[:batch_size])
        if not batch:
            return
        yield from batch
        last = batch[-1].seq
