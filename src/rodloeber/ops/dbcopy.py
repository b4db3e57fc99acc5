"""Copy the database out and back in (SQLite online backup API / pg_dump, pg_restore).

Used by :mod:`rodloeber.ops.backup`, which puts the copy into one archive with
the uploaded files and the built layers.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.db import connection


class BackupError(Exception):
    pass


#: File name of the database copy inside the archive, per vendor.
DB_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


def integrity_check(path: Path) -> str:
    """``ok`` or SQLite's description of the damage."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            row = db.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return str(row[0]) if row else "no answer"


def _pg_env() -> tuple[list[str], dict[str, str]]:
    s = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": str(s.get("PASSWORD") or "")}
    args = ["-h", str(s.get("HOST") or "localhost"), "-p", str(s.get("PORT") or 5432)]
    if s.get("USER"):
        args += ["-U", str(s["USER"])]
    return [*args, "-d", str(s["NAME"])], env


def tables() -> list[str]:
    """Every table of the project's models (the row counts of the manifest)."""
    return sorted({m._meta.db_table for m in apps.get_models() if m._meta.managed})


def row_counts_live() -> dict[str, int]:
    names = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        counts = {}
        for table in tables():
            if table in names:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
                counts[table] = int(cursor.fetchone()[0])
    return counts


def row_counts_sqlite(path: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return {
            t: int(db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0])  # noqa: S608
            for t in tables()
            if t in names
        }


def dump(path: Path) -> dict[str, int]:
    """Write a consistent copy of the database to ``path``; its row counts per table."""
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
        return row_counts_sqlite(path)
    if connection.vendor == "postgresql":
        if shutil.which("pg_dump") is None:
            raise BackupError("pg_dump is not installed (apt-get install postgresql-client).")
        args, env = _pg_env()
        subprocess.run(["pg_dump", "-Fc", "-f", str(path), *args], check=True, env=env)  # noqa: S603,S607
        return row_counts_live()
    raise BackupError(f"Unsupported database {connection.vendor}.")


def check_dump(path: Path, vendor: str) -> None:
    """Refuse a damaged copy before anything is changed."""
    if vendor == "sqlite":
        result = integrity_check(path)
        if result != "ok":
            raise BackupError(f"The backup's database is damaged: {result}")


def load(path: Path) -> None:
    """Replace the database content with the copy at ``path``."""
    if connection.vendor == "sqlite":
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
