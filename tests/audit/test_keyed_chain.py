"""The keyed audit chain (issue #20): a fully recomputed chain is detected.

Before: anyone with database write access could rewrite an event, recompute
every later SHA-256 hash and the chain head, and ``audit verify`` said intact.
Now the hashes are HMACs with a key outside the database, verify compares
with anchors written outside the database, and the read log is sealed into
the chain.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from rodloeber.audit.anchoring import anchor
from rodloeber.audit.hashing import GENESIS_HASH, canonical_json, event_digest
from rodloeber.audit.keys import key_for
from rodloeber.audit.models import AuditChainHead, AuditEvent
from rodloeber.audit.services import verify_chain
from rodloeber.cases.access import access_log_record
from rodloeber.cases.models import AccessLog
from tests.audit.test_chain import _raw, _write

pytestmark = pytest.mark.django_db

KEY = "k1:" + "a" * 40
OTHER_KEY = "k2:" + "b" * 40


@pytest.fixture(autouse=True)
def _anchors(settings: Any, tmp_path: Path) -> Path:
    settings.RODLOEBER_AUDIT_KEY = KEY
    settings.RODLOEBER_AUDIT_OLD_KEYS = ""
    settings.RODLOEBER_AUDIT_ANCHOR_FILE = str(tmp_path / "anchors.jsonl")
    return tmp_path / "anchors.jsonl"


def _recompute_from(first_seq: int, key: bytes | None, key_id: str) -> None:
    """What an attacker with write access does: rewrite every hash from ``first_seq``."""
    table = AuditEvent._meta.db_table
    prev = GENESIS_HASH
    for event in AuditEvent.objects.order_by("seq"):
        if event.seq >= first_seq:
            event.key_id = key_id
            digest = event_digest(prev, event.chained_content(), key)
            _raw(
                f"UPDATE {table} SET prev_hash=%s, hash=%s, key_id=%s WHERE seq=%s",  # noqa: S608
                [prev, digest, key_id, event.seq],
            )
            prev = digest
        else:
            prev = event.hash
    last = AuditEvent.objects.order_by("-seq").first()
    assert last is not None
    _raw(
        f"UPDATE {AuditChainHead._meta.db_table} SET last_hash=%s WHERE id=1",  # noqa: S608
        [prev],
    )


def _tamper(seq: int) -> None:
    table = AuditEvent._meta.db_table
    _raw(f"UPDATE {table} SET after=%s WHERE seq=%s", [json.dumps({"n": 999}), seq])  # noqa: S608


def test_events_are_hmac_signed_with_the_configured_key() -> None:
    events = _write(2)
    assert {e.key_id for e in events} == {"k1"}
    plain = hashlib.sha256(
        (events[0].prev_hash + "|" + canonical_json(events[0].chained_content())).encode()
    ).hexdigest()
    assert events[0].hash != plain
    assert verify_chain().ok


def test_recomputed_chain_without_the_key_is_detected(settings: Any) -> None:
    events = _write(4)
    _tamper(events[1].seq)
    _recompute_from(events[1].seq, None, "")  # plain SHA-256: what passed before issue #20
    problems = verify_chain().problems
    assert problems and all("unkeyed event" in p.problem for p in problems), problems
    first = AuditEvent.objects.order_by("seq").first()
    assert first is not None
    _recompute_from(first.seq, None, "")  # the whole chain passed off as pre-key
    assert any("unkeyed event" in p.problem for p in verify_chain().problems)
    settings.RODLOEBER_AUDIT_UNKEYED_UNTIL = 2  # an old chain: only its first 2 events
    assert {p.seq for p in verify_chain().problems} == set(range(3, events[-1].seq + 1))
    # rewritten under a guessed key: fails at the first rewritten event
    _recompute_from(first.seq, b"guessed" * 5, "k1")
    assert any("changed" in p.problem for p in verify_chain().problems)


def test_anchors_catch_a_chain_recomputed_even_with_the_key(_anchors: Path) -> None:
    events = _write(3)
    line = anchor()
    assert json.loads(_anchors.read_text().splitlines()[0])["seq"] == line["seq"]
    call_command("audit", "verify")
    _tamper(events[1].seq)
    key = key_for("k1")
    _recompute_from(events[1].seq, key, "k1")  # an insider who also stole the key
    assert verify_chain(anchors=False).ok
    problems = verify_chain().problems
    assert any("differs from its anchor" in p.problem for p in problems), problems
    with pytest.raises(CommandError):
        call_command("audit", "verify")


def test_truncated_chain_and_forged_anchor_lines(_anchors: Path) -> None:
    _write(2)
    line = anchor()
    forged = dict(line, seq=line["seq"] + 5)
    with _anchors.open("a") as fh:
        fh.write(json.dumps(forged) + "\n")
    problems = verify_chain().problems
    assert [p.problem for p in problems] == ["anchor line 2 is forged or its key is unknown"]


def test_read_log_rows_are_sealed_into_the_chain(make_user: Any) -> None:
    from rodloeber.accounts.roles import Role
    from tests.cases import factories as f

    viewer = f.user(Role.CASE_MANAGER, f.org("ERST"), "seal-sb")
    case = f.submit(f.user(Role.COMPANY_USER, f.company(), "seal-firma"), f.facts())
    for _ in range(3):
        access_log_record(viewer=viewer, case=case, what="case_page")
    anchor()
    assert verify_chain().ok
    access_log_record(viewer=viewer, case=case, what="case_page")  # after the seal: next one
    second = anchor()
    event = AuditEvent.objects.get(seq=second["seq"])
    seal = event.after["seals"]["cases.accesslog"]
    assert seal["count"] == 1 and seal["to_id"] - seal["from_id"] >= 1
    row = AccessLog.objects.order_by("pk").first()
    assert row is not None
    _raw(
        f"UPDATE {AccessLog._meta.db_table} SET user_label=%s WHERE id=%s",  # noqa: S608
        ["someone else", row.pk],
    )
    problems = verify_chain().problems
    assert any("read log cases.accesslog" in p.problem for p in problems), problems


def test_key_rotation(settings: Any) -> None:
    _write(1)
    settings.RODLOEBER_AUDIT_KEY = OTHER_KEY
    settings.RODLOEBER_AUDIT_OLD_KEYS = KEY
    _write(1)
    assert {e.key_id for e in AuditEvent.objects.all()} >= {"k1", "k2"}
    assert verify_chain().ok
    settings.RODLOEBER_AUDIT_OLD_KEYS = ""  # the old key thrown away too early
    assert any("unknown audit key 'k1'" in p.problem for p in verify_chain().problems)


def test_bad_key_setting_is_refused(settings: Any) -> None:
    from django.core.exceptions import ImproperlyConfigured

    settings.RODLOEBER_AUDIT_KEY = "short:abc"
    with pytest.raises(ImproperlyConfigured):
        _write(1)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="one vendor is enough")
def test_verify_command_reports_anchor_count(capsys: Any) -> None:
    _write(1)
    call_command("audit", "anchor")
    call_command("audit", "verify")
    assert "1 anchors checked" in capsys.readouterr().out
