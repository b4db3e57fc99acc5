"""Complete backup and restore (sikkerhedskopi og genindlæsning) in one archive.

``backup(PATH)`` writes one tar archive with

- ``database.sqlite3`` (SQLite online backup API, integrity-checked) or
  ``database.pgdump`` (``pg_dump -Fc``),
- ``media/…``: every uploaded file (case documents, park attachments),
- ``layers/…``: the built reference layers,
- ``manifest.json``: format, time, database vendor, row counts per table and
  the size and SHA-256 of every other member.

``restore(PATH)`` unpacks into a temporary folder next to the data and checks
every member against the manifest (no member missing, extra, linked, outside
the archive or changed) *before* it changes anything; then it loads the
database and swaps the media and layers folders in. Both write one audit
event; after a restore run ``rodloeber audit verify``. Issue #20:
``backup`` used to save the database only, so downloads answered 500 after a
restore.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from rodloeber.audit.services import record_event
from rodloeber.layers.paths import layers_dir
from rodloeber.layers.screening_service import reset_index
from rodloeber.ops.dbcopy import DB_MEMBER, BackupError, check_dump, dump, load, row_counts_live

__all__ = ["BackupError", "backup", "read_manifest", "restore"]

FORMAT = "rodloeber-backup/1"
MANIFEST = "manifest.json"
#: Archive folder -> where its files live.
FOLDERS = ("media", "layers")


def _folder(name: str) -> Path:
    return Path(settings.MEDIA_ROOT) if name == "media" else layers_dir()


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _files(root: Path) -> Iterator[Path]:
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                yield path


def backup(path: Path) -> dict[str, Any]:
    """Write the archive to ``path``; returns its manifest."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with transaction.atomic():
        record_event(
            action="ops.backup", actor=None, actor_label="cli", subject_type="ops.database"
        )
    vendor = connection.vendor
    if vendor not in DB_MEMBER:
        raise BackupError(f"Unsupported database {vendor}.")
    with tempfile.TemporaryDirectory(prefix="rl-backup-", dir=path.parent) as tmp:
        db_copy = Path(tmp) / DB_MEMBER[vendor]
        counts = dump(db_copy)
        members: list[tuple[str, Path]] = [(DB_MEMBER[vendor], db_copy)]
        for folder in FOLDERS:
            root = _folder(folder)
            members += [(f"{folder}/{p.relative_to(root).as_posix()}", p) for p in _files(root)]
        entries = [
            {"name": name, "size": source.stat().st_size, "sha256": _sha256(source)}
            for name, source in members
        ]
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database": {"vendor": vendor, "member": DB_MEMBER[vendor], "row_counts": counts},
            "files": entries,
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w") as tar:
            data = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(time.time())
            tar.addfile(info, io.BytesIO(data))
            for name, source in members:
                tar.add(source, arcname=name, recursive=False)
        partial.replace(path)  # a half-written archive never carries the final name
    return manifest


def _safe_name(name: str) -> bool:
    pure = PurePosixPath(name)
    return bool(name) and not pure.is_absolute() and ".." not in pure.parts and "\\" not in name


def read_manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = tar.getmember(MANIFEST)
        handle = tar.extractfile(member)
        manifest: dict[str, Any] = json.loads(handle.read() if handle else b"")
    except (KeyError, ValueError) as exc:
        raise BackupError("The archive has no readable manifest.json.") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def unpack_verified(path: Path, target: Path) -> dict[str, Any]:
    """Unpack ``path`` into ``target``, checking every member against the manifest."""
    if not path.is_file():
        raise BackupError(f"No backup at {path}.")
    try:
        tar = tarfile.open(path, "r:*")  # noqa: SIM115 (closed by the with below)
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"{path} is not a backup archive: {exc}") from exc
    with tar:
        manifest = read_manifest(tar)
        expected = {e["name"]: e for e in manifest.get("files", [])}
        seen: set[str] = set()
        for member in tar.getmembers():
            if member.name == MANIFEST:
                continue
            if not member.isfile() or not _safe_name(member.name) or member.name not in expected:
                raise BackupError(f"Unexpected member in the archive: {member.name!r}.")
            entry = expected[member.name]
            out = target / member.name
            out.parent.mkdir(parents=True, exist_ok=True)
            h = hashlib.sha256()
            source = tar.extractfile(member)
            if source is None:
                raise BackupError(f"Cannot read {member.name!r}.")
            with out.open("wb") as fh:
                while block := source.read(1 << 20):
                    h.update(block)
                    fh.write(block)
            if h.hexdigest() != entry["sha256"] or member.size != entry["size"]:
                raise BackupError(f"Checksum mismatch for {member.name!r}: the archive is damaged.")
            seen.add(member.name)
        missing = sorted(set(expected) - seen)
        if missing:
            raise BackupError(f"The archive lacks {len(missing)} file(s), e.g. {missing[0]!r}.")
    return manifest


def _swap_in(new: Path, live: Path) -> None:
    """Replace the folder ``live`` by ``new`` (the old one is removed afterwards)."""
    old = live.with_name(f"{live.name}.before-restore")
    if old.exists():
        shutil.rmtree(old)
    if live.exists():
        live.rename(old)
    live.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(new), str(live))
    if old.exists():
        shutil.rmtree(old)


def restore(path: Path) -> dict[str, Any]:
    """Replace database, uploaded files and layers with the archive at ``path``.

    Returns ``{"manifest": …, "row_counts": {table: (expected, found)}}`` with
    only the tables whose counts differ (the restore's own audit event aside).
    """
    path = Path(path)
    work_root = Path(settings.MEDIA_ROOT).parent
    work_root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rl-restore-", dir=work_root) as tmp:
        staging = Path(tmp)
        manifest = unpack_verified(path, staging)  # nothing changed before this passes
        vendor = manifest["database"]["vendor"]
        if vendor != connection.vendor:
            raise BackupError(f"The backup is of a {vendor} database, not {connection.vendor}.")
        db_copy = staging / manifest["database"]["member"]
        check_dump(db_copy, vendor)
        load(db_copy)
        for folder in FOLDERS:
            new = staging / folder
            new.mkdir(parents=True, exist_ok=True)
            _swap_in(new, _folder(folder))
    _forget_layer_caches()
    counts = row_counts_live()
    differ = {
        table: (expected, counts.get(table, -1))
        for table, expected in manifest["database"]["row_counts"].items()
        if counts.get(table, -1) != expected
    }
    with transaction.atomic():
        record_event(
            action="ops.restore",
            actor=None,
            actor_label="cli",
            subject_type="ops.database",
            after={"file": path.name, "files": len(manifest["files"]) - 1},
        )
    return {"manifest": manifest, "row_counts": differ}


def _forget_layer_caches() -> None:
    reset_index()
