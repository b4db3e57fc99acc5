"""``rodloeber db harden-audit``: the app role may append audit events but never
change, delete or truncate them (PostgreSQL; issue #10, ADR 0014)."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from rodloeber.audit.models import AuditEvent
from rodloeber.audit.services import record_event, verify_chain

ROLE = "rl_app_test"
# Roles are global to the PostgreSQL cluster, not per test database: under
# pytest-xdist (make test) these tests share one worker so two never race on ROLE.
pytestmark = pytest.mark.xdist_group("postgres-cluster-roles")

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="database roles need PostgreSQL"
)


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite message")
def test_sqlite_gets_a_clear_message() -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(CommandError, match="PostgreSQL only") as exc:
        call_command("db", "harden-audit", "--role", "app")
    assert "Kun PostgreSQL" in str(exc.value)
    assert AuditEvent.objects.count() == before


@pytest.fixture
def app_role() -> Iterator[str]:
    """A login role with the ordinary privileges an app role gets (all on all tables)."""
    with connection.cursor() as cur:
        cur.execute(f"DROP ROLE IF EXISTS {ROLE}")
        cur.execute(f"CREATE ROLE {ROLE} LOGIN PASSWORD 'test'")
        cur.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {ROLE}")
        cur.execute(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {ROLE}")
    yield ROLE
    with connection.cursor() as cur:
        cur.execute(f"DROP OWNED BY {ROLE}")
        cur.execute(f"DROP ROLE {ROLE}")


def _connect_as(role: str) -> psycopg.Connection:
    s = connection.settings_dict
    return psycopg.connect(
        dbname=s["NAME"],
        user=role,
        password="test",
        host=s["HOST"] or "127.0.0.1",
        port=s["PORT"] or 5432,
        autocommit=True,
    )


@postgres_only
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_app_role_appends_but_cannot_rewrite(app_role: str) -> None:
    with transaction.atomic():
        record_event(action="ops.backup", actor=None, actor_label="test")  # an event to attack
    out = StringIO()
    call_command("db", "harden-audit", "--role", app_role, stdout=out)
    assert "changed" in out.getvalue()
    call_command("db", "harden-audit", "--role", app_role, stdout=out)  # idempotent
    assert "already hardened" in out.getvalue()
    actions = list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))
    assert actions[-3:] == ["ops.backup", "ops.harden_audit", "ops.harden_audit"]
    total = len(actions)
    # the app, logged in as the role, appends through record_event
    with transaction.atomic():
        with connection.cursor() as cur:
            cur.execute(f"SET LOCAL ROLE {app_role}")
        record_event(action="ops.backup", actor=None, actor_label="as-app-role")
    assert AuditEvent.objects.filter(actor_label="as-app-role").count() == 1
    # … and a direct connection as the role cannot change history
    with _connect_as(app_role) as conn:
        assert conn.execute("SELECT count(*) FROM audit_auditevent").fetchone() == (total + 1,)
        for statement in (
            "UPDATE audit_auditevent SET action = 'x'",
            "DELETE FROM audit_auditevent",
            "TRUNCATE audit_auditevent",
            "DELETE FROM audit_auditchainhead",
            "TRUNCATE audit_auditchainhead",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
                conn.execute(statement)
        conn.execute("UPDATE audit_auditchainhead SET last_seq = last_seq")  # appends need this
    assert verify_chain().ok


@postgres_only
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_refuses_a_role_that_owns_the_tables() -> None:
    owner = connection.settings_dict["USER"]
    with pytest.raises(CommandError, match=r"superuser|owns"):
        call_command("db", "harden-audit", "--role", owner)
    with pytest.raises(CommandError, match="does not exist"):
        call_command("db", "harden-audit", "--role", "no_such_role")
