"""Least privilege for the audit trail on PostgreSQL (``rodloeber db harden-audit``).

Production runs with two roles: the *owner* role that runs migrations (owns
the tables) and the *app* role the web workers log in with. This service
takes UPDATE, DELETE and TRUNCATE on the audit events away from the app
role (it keeps SELECT and INSERT, which is all ``record_event`` needs) and
lets it UPDATE only the one-row chain head, which each append moves
forward. Together with the append-only trigger (audit migration 0002) and
the hash chain this means a compromised app cannot rewrite history.

Idempotent: it sets the same privileges every time (REVOKE ALL, then GRANT).
Must run as the owner role (or a superuser); refuses when the app role owns
the tables or is a superuser, because PostgreSQL never restricts those.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction

from rodloeber.audit.models import AuditChainHead, AuditEvent
from rodloeber.audit.services import record_event
from rodloeber.domain.errors import DomainError

#: table -> privileges the app role keeps
PRIVILEGES = {
    AuditEvent._meta.db_table: ("SELECT", "INSERT"),
    AuditChainHead._meta.db_table: ("SELECT", "INSERT", "UPDATE"),
}


class HardenError(DomainError):
    pass


@dataclass(frozen=True)
class HardenResult:
    role: str
    before: dict[str, list[str]]
    after: dict[str, list[str]]

    @property
    def changed(self) -> bool:
        return self.before != self.after


def _privileges(role: str) -> dict[str, list[str]]:
    with connection.cursor() as cur:
        out = {}
        for table in PRIVILEGES:
            cur.execute(
                "SELECT privilege_type FROM information_schema.role_table_grants "
                "WHERE grantee = %s AND table_name = %s ORDER BY privilege_type",
                [role, table],
            )
            out[table] = [row[0] for row in cur.fetchall()]
    return out


def _check_role(role: str) -> None:
    with connection.cursor() as cur:
        cur.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role])
        row = cur.fetchone()
        if row is None:
            raise HardenError(
                f"Databaserollen '{role}' findes ikke.",
                f"The database role '{role}' does not exist.",
            )
        if row[0]:
            raise HardenError(
                f"'{role}' er superbruger; rettigheder kan ikke begrænses. "
                "Brug en almindelig rolle.",
                f"'{role}' is a superuser; privileges cannot be restricted. Use an ordinary role.",
            )
        cur.execute(
            "SELECT tablename FROM pg_tables WHERE tableowner = %s AND tablename = ANY(%s)",
            [role, list(PRIVILEGES)],
        )
        owned = [r[0] for r in cur.fetchall()]
    if owned:
        raise HardenError(
            f"'{role}' ejer {', '.join(owned)}. Kør migreringer som en separat ejer-rolle, "
            "og lad appen logge ind med en anden rolle.",
            f"'{role}' owns {', '.join(owned)}. Run migrations as a separate owner role "
            "and let the app log in with another role.",
        )


def audit_harden(*, actor_label: str, role: str) -> HardenResult:
    """Restrict ``role`` on the audit tables (PostgreSQL); one ``ops.harden_audit`` event."""
    if connection.vendor != "postgresql":
        raise HardenError(
            "Kun PostgreSQL: SQLite har ingen databaseroller. Revisionssporet er beskyttet af "
            "hash-kæden (rodloeber audit verify).",
            "PostgreSQL only: SQLite has no database roles. The audit trail is protected by "
            "the hash chain (rodloeber audit verify).",
        )
    role = role.strip()
    if not role:
        raise HardenError("Angiv app-rollen (--role).", "Give the app role (--role).")
    _check_role(role)
    quote = connection.ops.quote_name
    with transaction.atomic():
        before = _privileges(role)
        with connection.cursor() as cur:
            for table, keep in PRIVILEGES.items():
                for grantee in (quote(role), "PUBLIC"):
                    cur.execute(f"REVOKE ALL ON TABLE {quote(table)} FROM {grantee}")
                cur.execute(f"GRANT {', '.join(keep)} ON TABLE {quote(table)} TO {quote(role)}")
        after = _privileges(role)
        record_event(
            action="ops.harden_audit",
            actor=None,
            actor_label=actor_label,
            subject_type="ops.database",
            subject_id=role[:64],
            before=before,
            after=after,
        )
    return HardenResult(role=role, before=before, after=after)
