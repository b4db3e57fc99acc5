"""Backup, mutate, restore: row counts come back and the audit chain verifies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from rodloeber.accounts.models import Organisation
from rodloeber.accounts.services import company_create
from rodloeber.audit.models import AuditEvent
from rodloeber.ops.backup import integrity_check


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite backup API")
@pytest.mark.django_db(transaction=True)
def test_backup_mutate_restore(tmp_path: Path) -> None:
    company_create(actor=None, cvr="90000047", name="Før ApS (test)")
    target = tmp_path / "backup.sqlite3"
    call_command("backup", str(target))
    assert integrity_check(target) == "ok"
    orgs, events = Organisation.objects.count(), AuditEvent.objects.count()

    company_create(actor=None, cvr="90000012", name="Efter ApS (test)")
    assert Organisation.objects.count() == orgs + 1

    call_command("restore", str(target))
    assert Organisation.objects.count() == orgs
    assert not Organisation.objects.filter(cvr="90000012").exists()
    assert AuditEvent.objects.count() == events + 1  # + the restore event
    call_command("audit", "verify")


@pytest.mark.django_db
def test_restore_refuses_damaged_or_missing_file(tmp_path: Path, settings: Any) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database" * 100)
    with pytest.raises((CommandError, Exception)):
        call_command("restore", str(bad))
    with pytest.raises(CommandError):
        call_command("restore", str(tmp_path / "missing.sqlite3"))
