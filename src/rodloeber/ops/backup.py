"""Backup and restore of the whole database (sikkerhedskopi og genindlæsning).

SQLite: the online backup API (consistent while the site runs), then
``PRAGMA integrity_check`` on the copy. PostgreSQL: ``pg_dump -Fc`` /
``pg_restore --clean`` when the client binaries are installed. Both write one
audit event; after a restore run ``rodloeber audit verify``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection, transaction

from rodloeber.audit.services import record_event


class BackupError(Exception):
    pass


def integrity_check(path: Path) -> str:
    """``ok`` or SQLite's description of the damage."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        row = db.execute("PRAGMA integrity_check").fetchone()
    return str(row[0]) if row else "no answer"


def _pg_env() -> tuple[list[str], dict[str, str]]:
    s = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": str(s.get("PASSWORD") or "")}
    args = ["-h", str(s.get("HOST") or "localhost"), "-p", str(s.get("PORT") or 5432)]
    if s.get("USER"):
        args += ["-U", str(s["USER"])]
    return [*args, "-d", str(s["NAME"])], env


def backup(path: Path) -> Path:
    """Write a consistent copy of the database to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with transaction.atomic():
        record_event(
            action="ops.backup", actor=None, actor_label="cli", subject_type="ops.database"
        )
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        result = integrity_check(path)
        if result != "ok":
            raise BackupError(f"Backup failed the integrity check: {result}")
        return path
    if connection.vendor == "postgresql":
        if shutil.which("pg_dump") is None:
            raise BackupError("pg_dump is not installed (apt-get install postgresql-client).")
        args, env = _pg_env()
        subprocess.run(["pg_dump", "-Fc", "-f", str(path), *args], check=True, env=env)  # noqa: S603,S607
        return path
    raise BackupError(f"Unsupported database {connection.vendor}.")


def restore(path: Path) -> None:
    """Replace the database content with the backup at ``path``."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup at {path}.")
    if connection.vendor == "sqlite":
        result = integrity_check(path)
        if result != "ok":
            raise BackupError(f"The backup is damaged: {result}")
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    elif connection.vendor == "postgresql":
        if shutil.which("pg_restore") is None:
            raise BackupError("pg_restore is not installed (apt-get install postgresql-client).")
        args, env = _pg_env()
        cmd = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction"]
        subprocess.run([*cmd, *args, str(path)], check=True, env=env)  # noqa: S603
    else:
        raise BackupError(f"Unsupported database {connection.vendor}.")
    with transaction.atomic():
        record_event(
            action="ops.restore",
            actor=None,
            actor_label="cli",
            subject_type="ops.database",
            after={"file": path.name},
        )
