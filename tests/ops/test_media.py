"""``rodloeber media check [--delete]``: files left by a process killed mid-upload (issue #20)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from rodloeber.accounts.roles import Role
from rodloeber.audit.models import AuditEvent
from rodloeber.cases.services.documents import document_upload
from rodloeber.ops.media import media_check, media_delete_orphans
from tests.cases import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n" + b"media " * 50


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RODLOEBER_PLAN_SAMPLES = 100
    return Path(settings.MEDIA_ROOT)


def _killed_upload(media: Path, name: str, age_seconds: int) -> Path:
    """What a process killed between writing the file and committing its row leaves."""
    path = media / "cases" / "9" / "ab" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(PDF)
    old = time.time() - age_seconds
    os.utime(path, (old, old))
    return path


def test_orphans_found_and_deleted_referenced_files_kept(media: Path, capsys: Any) -> None:
    company = f.user(Role.COMPANY_USER, f.company(), "media-firma")
    doc = document_upload(
        actor=company, case=f.submit(company, f.facts()), filename="a.pdf", content=PDF
    )
    kept = media / doc.file.name
    orphan = _killed_upload(media, "orphan", 2 * 3600)
    young = _killed_upload(media, "young", 10)

    report = media_check()
    assert report.orphans == [orphan.relative_to(media).as_posix()]
    assert report.young_orphans == [young.relative_to(media).as_posix()]
    assert report.missing == [] and report.referenced == 1

    call_command("media", "check")  # lists, deletes nothing
    assert orphan.exists()
    events = AuditEvent.objects.count()
    call_command("media", "check", "--delete")
    assert not orphan.exists() and young.exists() and kept.exists()
    assert AuditEvent.objects.count() == events + 1
    assert "deleted: cases/9/ab/orphan" in capsys.readouterr().out
    assert media_delete_orphans().orphans == []  # nothing left: no second event
    assert AuditEvent.objects.count() == events + 1


def test_missing_files_fail_the_check(media: Path) -> None:
    company = f.user(Role.COMPANY_USER, f.company(), "media-firma2")
    doc = document_upload(
        actor=company, case=f.submit(company, f.facts()), filename="b.pdf", content=PDF
    )
    (media / doc.file.name).unlink()
    with pytest.raises(CommandError, match="missing"):
        call_command("media", "check")
