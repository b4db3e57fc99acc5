"""Files follow transactions (filer følger transaktionen): the one way to write under MEDIA_ROOT.

A stored file becomes visible only after its row commits, and is gone when the
transaction rolls back (issue #20, item 6):

1. :meth:`StagedFiles.stage` writes the bytes to ``MEDIA_ROOT/.staging/<uuid>.<name>``
   (the final name percent-encoded into one file name, on the same filesystem
   as the final place) and sets the ``FileField`` to its
   final name, so the row is saved with it in the same transaction;
2. ``transaction.on_commit`` moves the file into place with ``os.replace``
   (atomic on one filesystem);
3. if the block raises or is rolled back, :func:`atomic_with_files` removes the
   staged files; nothing reaches the final place.

Another request cannot see the row before it commits, so it never asks for the
file; the writing transaction itself sees its own row and
:func:`open_stored` serves the staged bytes to it (e.g. a test inside one
transaction). A process killed before the commit leaves only a staged
file; one killed between the commit and the rename leaves a committed row
whose file is still staged. ``rodloeber media check`` reports both and
``--delete`` removes the first and finishes the second
(:mod:`rodloeber.ops.media`). A test (``tests/core/test_media_writes.py``) forbids
writing media files anywhere else. See ADR 0025.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import quote, unquote

from django.conf import settings
from django.db import transaction
from django.db.models.fields.files import FieldFile

__all__ = [
    "STAGING_DIR",
    "StagedFiles",
    "atomic_with_files",
    "delete_after_commit",
    "media_root",
    "open_stored",
    "promote",
    "staged_path",
    "staged_target",
    "staging_root",
]

log = logging.getLogger(__name__)

#: Staging directory under MEDIA_ROOT (never referenced by a row).
STAGING_DIR = ".staging"


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def staging_root() -> Path:
    return media_root() / STAGING_DIR


@dataclass
class _Promote:
    """The on-commit step: move one staged file into its final place."""

    staged: Path
    name: str
    #: set when the commit ran this step; a failed rename leaves a stranded file
    #: for ``media check``, never a deleted one
    committed: bool = False

    def __post_init__(self) -> None:
        self.__qualname__ = "promote"  # Django's on_commit(robust=True) logs failures by it

    def __call__(self) -> None:
        self.committed = True
        promote(self.staged, self.name)


def promote(staged: Path, name: str) -> None:
    """Move a staged file to ``MEDIA_ROOT/name`` atomically."""
    final = media_root() / name
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, final)


def staged_path(name: str) -> Path:
    """A fresh staging path that carries the final ``name`` (for ``media check``)."""
    return staging_root() / f"{uuid.uuid4().hex}.{quote(name, safe='')}"


def staged_target(file_name: str) -> str | None:
    """``<uuid>.<encoded name>`` (a file in the staging directory) → the final name."""
    head, dot, encoded = file_name.partition(".")
    if not dot or len(head) != 32 or not encoded:
        return None
    return unquote(encoded)


@dataclass
class StagedFiles:
    """Files staged inside one :func:`atomic_with_files` block."""

    pending: list[_Promote] = field(default_factory=list)

    def stage(self, file: FieldFile, name: str, content: bytes) -> str:
        """Write ``content`` to staging and set ``file`` to its final name (returned).

        ``name`` goes through the field's ``upload_to`` like ``FieldFile.save``;
        the caller then saves the row. The file is moved into place when the
        transaction commits.
        """
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("stage() must be called inside atomic_with_files()")
        target = file.field.generate_filename(file.instance, name)
        target = file.storage.get_available_name(target, max_length=file.field.max_length)
        staged = staged_path(target)
        staged.parent.mkdir(parents=True, exist_ok=True)
        with staged.open("xb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        setattr(file.instance, file.field.attname, target)
        step = _Promote(staged, target)
        self.pending.append(step)
        transaction.on_commit(step, robust=True)
        return target

    def discard(self) -> None:
        """Remove every staged file whose transaction did not commit."""
        for step in self.pending:
            if not step.committed:
                step.staged.unlink(missing_ok=True)
        self.pending.clear()


@contextmanager
def atomic_with_files() -> Iterator[StagedFiles]:
    """``transaction.atomic()`` whose staged files follow the transaction.

    On an exception, or a rollback asked for with ``set_rollback``, the staged
    files are removed. Nested in an outer transaction, the files move when the
    outer one commits; if the outer one rolls back later, the staging
    directory stays behind for ``rodloeber media check --delete``.
    """
    staged = StagedFiles()
    try:
        with transaction.atomic():
            yield staged
    except BaseException:
        staged.discard()
        raise
    if not transaction.get_connection().in_atomic_block:
        staged.discard()  # committed ones are done; what is left was rolled back


def delete_after_commit(file: FieldFile) -> None:
    """Delete a stored file once the transaction that removes its row commits."""
    storage, name = file.storage, str(file.name)
    if name:
        transaction.on_commit(lambda: storage.delete(name), robust=True)


def _pending_in_this_transaction(name: str) -> Path | None:
    for _sids, func, _robust in transaction.get_connection().run_on_commit:
        if isinstance(func, _Promote) and func.name == name and not func.committed:
            return func.staged
    return None


def open_stored(file: FieldFile) -> IO[bytes]:
    """Open a stored file; inside the transaction that staged it, the staged bytes."""
    staged = _pending_in_this_transaction(str(file.name))
    if staged is not None:
        return staged.open("rb")
    file.open("rb")
    return file
