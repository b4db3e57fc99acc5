"""Restore drill (issue #20): backup → wipe → restore; every document downloads,
``audit verify`` passes and the row counts match. A damaged archive is refused
before anything changes."""

from __future__ import annotations

import hashlib
import io
import shutil
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from rodloeber.accounts.models import Organisation
from rodloeber.accounts.roles import Role
from rodloeber.accounts.services import company_create
from rodloeber.audit.models import AuditEvent
from rodloeber.cases.models import Document
from rodloeber.cases.services.documents import document_upload
from rodloeber.ops.backup import BackupError, backup, restore
from rodloeber.ops.dbcopy import row_counts_live
from tests.cases import factories as f

pytestmark = [
    pytest.mark.skipif(
        connection.vendor == "postgresql" and shutil.which("pg_restore") is None,
        reason="needs postgresql-client (pg_dump, pg_restore)",
    ),
    pytest.mark.django_db(transaction=True),
]

PDF = b"%PDF-1.4\n" + b"drill " * 200


@pytest.fixture
def folders(settings: Any, tmp_path: Path) -> dict[str, Path]:
    settings.MEDIA_ROOT = tmp_path / "var" / "media"
    settings.RODLOEBER_LAYERS_DIR = tmp_path / "var" / "layers"
    settings.RODLOEBER_PLAN_SAMPLES = 100
    layers = Path(settings.RODLOEBER_LAYERS_DIR)
    layers.mkdir(parents=True)
    (layers / "kommuner.gpkg").write_bytes(b"SQLite format 3\x00" + bytes(100))
    return {"media": Path(settings.MEDIA_ROOT), "layers": layers, "tmp": tmp_path}


def _world() -> tuple[Any, list[Document]]:
    company = f.user(Role.COMPANY_USER, f.company(), "drill-firma")
    case = f.submit(company, f.facts())
    docs = [
        document_upload(
            actor=company, case=case, filename=f"bilag{i}.pdf", content=PDF + bytes([i])
        )
        for i in range(3)
    ]
    return company, docs


def _downloads(user: Any, docs: list[Document]) -> list[tuple[int, str]]:
    client = Client()
    client.force_login(user)
    out = []
    for doc in docs:
        response = client.get(f"/api/v1/documents/{doc.pk}/download")
        body = b"".join(response.streaming_content) if response.status_code == 200 else b""  # type: ignore[attr-defined]
        out.append((response.status_code, hashlib.sha256(body).hexdigest()))
    return out


def test_restore_drill(folders: dict[str, Path]) -> None:
    user, docs = _world()
    before = _downloads(user, docs)
    assert [code for code, _ in before] == [200, 200, 200]
    archive = folders["tmp"] / "backups" / "drill.tar"
    manifest = backup(archive)
    names = {e["name"] for e in manifest["files"]}
    assert "layers/kommuner.gpkg" in names and manifest["database"]["member"] in names
    assert sum(n.startswith("media/") for n in names) == 3
    counts = row_counts_live()
    assert manifest["database"]["row_counts"] == counts

    # wipe: rows, uploaded files and layers
    call_command("flush", interactive=False)
    shutil.rmtree(folders["media"])
    shutil.rmtree(folders["layers"])
    assert not Document.objects.exists()

    result = restore(archive)
    assert result["row_counts"] == {}  # every table as in the manifest (before ops.restore)
    assert _downloads(user, docs) == before  # every document downloads, same bytes
    assert (folders["layers"] / "kommuner.gpkg").is_file()
    call_command("audit", "verify")


def _rewrite(archive: Path, target: Path, change: str) -> None:
    with tarfile.open(archive) as src, tarfile.open(target, "w") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()  # type: ignore[union-attr]
            if member.name.startswith("media/") and change == "flip":
                data = bytes([data[0] ^ 1]) + data[1:]
                change = "done"
            if member.name.startswith("media/") and change == "drop":
                change = "done"
                continue
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))


@pytest.mark.parametrize("change", ["flip", "drop"])
def test_damaged_archive_changes_nothing(folders: dict[str, Path], change: str) -> None:
    company_create(actor=None, cvr="90000047", name="Før ApS (test)")
    _world()
    archive = folders["tmp"] / "a.tar"
    backup(archive)
    company_create(actor=None, cvr="90000012", name="Efter ApS (test)")
    bad = folders["tmp"] / "bad.tar"
    _rewrite(archive, bad, change)
    orgs, events = Organisation.objects.count(), AuditEvent.objects.count()
    media_before = sorted(p.name for p in folders["media"].rglob("*") if p.is_file())
    with pytest.raises(BackupError):
        restore(bad)
    assert Organisation.objects.count() == orgs and AuditEvent.objects.count() == events
    assert sorted(p.name for p in folders["media"].rglob("*") if p.is_file()) == media_before
    assert (folders["layers"] / "kommuner.gpkg").is_file()


def test_restore_refuses_non_archives(folders: dict[str, Path]) -> None:
    bad = folders["tmp"] / "bad.sqlite3"
    bad.write_bytes(b"not a database" * 100)
    with pytest.raises(CommandError, match="not a backup archive"):
        call_command("restore", str(bad))
    with pytest.raises(CommandError, match="No backup"):
        call_command("restore", str(folders["tmp"] / "missing.tar"))


def test_backup_carries_the_prepared_screening_indexes(folders: dict[str, Path]) -> None:
    """ADR 0030: the prepared indexes live in the layers folder, are archived with it, and
    are still current after a restore (mtimes may change; the SHA-256 decides)."""
    from rodloeber.domain.screening.prepared import read_prepared, stamp_of, write_prepared
    from tests.domain.screening.conftest import small_world

    gpkg = folders["layers"] / "kommuner.gpkg"
    index_dir = folders["layers"] / "screening-index" / "kommuner"
    write_prepared(index_dir, small_world()["kommuner"], stamp_of(gpkg))
    archive = folders["tmp"] / "backups" / "layers.tar"
    names = {e["name"] for e in backup(archive)["files"]}
    assert "layers/screening-index/kommuner/manifest.json" in names
    assert "layers/screening-index/kommuner/parts_wkb.npy" in names
    shutil.rmtree(folders["layers"])
    restore(archive)
    assert len(read_prepared(index_dir, gpkg)) == 2
