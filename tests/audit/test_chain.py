from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.audit.actions import all_actions, get_action
from rodloeber.audit.models import AppendOnlyError, AuditEvent
from rodloeber.audit.services import record_event, verify_chain

pytestmark = pytest.mark.django_db


def _write(n: int, actor: User | None = None) -> list[AuditEvent]:
    events = []
    for i in range(n):
        with transaction.atomic():
            events.append(
                record_event(
                    action="org.update",
                    actor=actor,
                    subject_type="test",
                    subject_id=str(i),
                    before={"n": i},
                    after={"n": i + 1, "når": "æøå"},
                )
            )
    return events


def test_chain_links_and_verifies(make_user: Callable[..., User]) -> None:
    user = make_user(Role.ADMINISTRATOR)
    events = _write(3, actor=user)
    assert events[1].prev_hash == events[0].hash
    assert events[0].organisation_id == user.organisation_id
    result = verify_chain()
    assert result.ok, result.problems
    assert result.checked == AuditEvent.objects.count()


def test_event_fields_are_readable_in_both_languages() -> None:
    (event,) = _write(1)
    assert event.label_da == "Organisation ændret"
    assert event.label_en == "Organisation updated"
    assert event.occurred_at.tzinfo is not None


def test_model_refuses_update_and_delete() -> None:
    (event,) = _write(1)
    event.action = "auth.login"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def _raw(sql: str, params: list[object]) -> None:
    """Tamper behind the application's back (as a DBA could)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A superuser can bypass the append-only trigger; the chain must still tell.
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL trigger")
def test_postgres_trigger_refuses_raw_update() -> None:
    from django.db import DatabaseError

    (event,) = _write(1)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditevent SET action = 'x' WHERE seq = %s", [event.seq])


def test_verify_detects_changed_row() -> None:
    events = _write(4)
    _raw("UPDATE audit_auditevent SET after = %s WHERE seq = %s", ['{"n": 999}', events[2].seq])
    result = verify_chain()
    assert not result.ok
    assert [p.seq for p in result.problems] == [events[2].seq]
    with pytest.raises(CommandError, match="Audit chain broken"):
        call_command("audit", "verify")


def test_verify_detects_deleted_row_in_the_middle() -> None:
    events = _write(4)
    _raw("DELETE FROM audit_auditevent WHERE seq = %s", [events[1].seq])
    problems = verify_chain().problems
    assert any("missing events" in p.problem for p in problems)
    assert any(p.seq == events[2].seq and "link" in p.problem for p in problems)


def test_verify_detects_deleted_newest_row() -> None:
    events = _write(3)
    _raw("DELETE FROM audit_auditevent WHERE seq = %s", [events[-1].seq])
    problems = verify_chain().problems
    assert len(problems) == 1 and "newest" in problems[0].problem


def test_verify_command_ok(capsys: pytest.CaptureFixture[str]) -> None:
    _write(2)
    call_command("audit", "verify")
    assert "chain intact" in capsys.readouterr().out


def test_unknown_action_is_refused() -> None:
    with pytest.raises(KeyError), transaction.atomic():
        record_event(action="no.such.action", actor=None)


@pytest.mark.django_db(transaction=True)
def test_missing_transaction_is_refused() -> None:
    with pytest.raises(RuntimeError, match=r"transaction\.atomic"):
        record_event(action="org.update", actor=None)


def test_registry_labels_are_complete() -> None:
    for action in all_actions():
        assert action.label_da and action.label_en
    assert get_action("auth.login").label_en == "Logged in"


def test_request_id_is_stored(client: object, make_user: Callable[..., User]) -> None:
    from django.test import Client

    from tests.conftest import PASSWORD

    user = make_user()
    c = Client()
    response = c.post(
        "/konto/log-ind",
        {"username": user.username, "password": PASSWORD},
        headers={"X-Request-ID": "req-12345678"},
    )
    assert response["X-Request-ID"] == "req-12345678"
    assert AuditEvent.objects.get(action="auth.login").request_id == "req-12345678"


def test_too_long_subject_id_fails_on_every_database() -> None:
    with pytest.raises(ValueError, match="subject_id"), transaction.atomic():
        record_event(action="org.update", actor=None, subject_type="t", subject_id="x" * 65)
