"""Files follow transactions (issue #20 item 6): staged, moved in on commit, gone on rollback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.cases.models import Case, Document
from rodloeber.cases.services import documents
from rodloeber.cases.services.documents import document_upload
from rodloeber.core import media_files
from rodloeber.core.media_files import STAGING_DIR, atomic_with_files, open_stored
from rodloeber.ops.media import media_check
from tests.cases import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n" + b"staged " * 40


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RODLOEBER_PLAN_SAMPLES = 100
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def owner() -> User:
    return f.user(Role.COMPANY_USER, f.company(), "staging-firma")


@pytest.fixture
def case(owner: User) -> Case:
    return f.submit(owner, f.facts())


def _files(root: Path) -> list[str]:
    if not root.is_dir():
        return []
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _document(case: Case, owner: User) -> Document:
    return Document(
        case=case,
        filename="a.pdf",
        content_type="application/pdf",
        size=len(PDF),
        sha256="ab" * 32,
        uploaded_by=owner,
    )


def test_commit_moves_the_file_into_place_and_leaves_no_staging(
    media: Path, owner: User, case: Case
) -> None:
    doc = document_upload(actor=owner, case=case, filename="a.pdf", content=PDF)
    assert _files(media) == [doc.file.name]
    assert (media / doc.file.name).read_bytes() == PDF
    assert not (media / STAGING_DIR).exists() or not any((media / STAGING_DIR).iterdir())


def test_an_exception_in_the_block_leaves_no_file_and_no_row(
    media: Path, owner: User, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(**kwargs: Any) -> None:
        raise RuntimeError("audit store down")

    monkeypatch.setattr(documents, "record_event", boom)  # fails after the file is staged
    with pytest.raises(RuntimeError):
        document_upload(actor=owner, case=case, filename="a.pdf", content=PDF)
    assert not Document.objects.exists()
    assert _files(media) == []


def test_set_rollback_discards_the_staged_file(media: Path, owner: User, case: Case) -> None:
    with atomic_with_files() as files:
        doc = _document(case, owner)
        files.stage(doc.file, doc.sha256, PDF)
        doc.save()
        transaction.set_rollback(True)
    assert not Document.objects.exists()
    assert _files(media) == []


def test_the_writing_transaction_reads_its_staged_file_others_never_see_it(
    media: Path, owner: User, case: Case
) -> None:
    with atomic_with_files() as files:
        doc = _document(case, owner)
        name = files.stage(doc.file, doc.sha256, PDF)
        doc.save()
        assert not (media / name).exists()  # not in place before the commit
        with open_stored(doc.file) as fh:
            assert fh.read() == PDF
    assert (media / name).read_bytes() == PDF
    with open_stored(Document.objects.get().file) as fh:
        assert fh.read() == PDF


def test_stage_outside_a_transaction_is_refused(media: Path, owner: User, case: Case) -> None:
    with pytest.raises(RuntimeError, match="atomic_with_files"):
        media_files.StagedFiles().stage(_document(case, owner).file, "x", PDF)


def test_a_killed_upload_leaves_only_staging_which_media_check_deletes(
    media: Path, owner: User, case: Case, capsys: Any
) -> None:
    """A process killed before the commit: the staged file is there, the row is not."""
    with pytest.raises(KeyboardInterrupt), transaction.atomic():
        files = media_files.StagedFiles()  # no atomic_with_files: nobody cleans up, as in a kill
        doc = _document(case, owner)
        files.stage(doc.file, doc.sha256, PDF)
        doc.save()
        raise KeyboardInterrupt
    staged = _files(media)
    assert len(staged) == 1 and staged[0].startswith(f"{STAGING_DIR}/")
    assert not Document.objects.exists()

    report = media_check(min_age_seconds=0)
    assert report.orphans == staged and report.missing == [] and report.stranded == []
    call_command("media", "check", "--delete", "--min-age", "0")
    assert "deleted: .staging/" in capsys.readouterr().out
    assert _files(media) == []
    assert not any((media / STAGING_DIR).iterdir())


def test_a_crash_after_commit_leaves_a_stranded_file_media_check_moves_in(
    media: Path, owner: User, case: Case, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    """Killed between commit and rename: the row is committed, its file still staged."""

    def lost_rename(staged: Path, name: str) -> None:
        raise OSError("killed")

    monkeypatch.setattr(media_files, "promote", lost_rename)
    doc = document_upload(actor=owner, case=case, filename="a.pdf", content=PDF)
    monkeypatch.undo()
    assert not (media / doc.file.name).exists()

    report = media_check(min_age_seconds=0)
    assert report.missing == [] and report.orphans == []
    assert [name for _, name in report.stranded] == [doc.file.name]
    with pytest.raises(CommandError, match="stranded"):
        call_command("media", "check", "--min-age", "0")
    call_command("media", "check", "--delete", "--min-age", "0")
    assert "moved into place" in capsys.readouterr().out
    assert _files(media) == [doc.file.name]
    assert (media / doc.file.name).read_bytes() == PDF


def test_a_rolled_back_outer_transaction_leaves_staging_for_media_check(
    media: Path, owner: User, case: Case
) -> None:
    """Nested in a transaction that fails later: nothing reaches its final place."""
    with pytest.raises(ValueError), transaction.atomic():
        doc = document_upload(actor=owner, case=case, filename="a.pdf", content=PDF)
        raise ValueError
    assert not (media / doc.file.name).exists()
    assert not Document.objects.exists()
    orphans = media_check(0).orphans
    assert len(orphans) == 1 and orphans[0].startswith(f"{STAGING_DIR}/")
