"""Uploaded files against their rows (mediekontrol): orphans, stranded and missing files.

Files are staged and moved into place only when their row commits
(:mod:`rodloeber.core.media_files`). A process killed before the commit (issue
#20: killing the server mid-upload) leaves a staged file with no row;
one killed between the commit and the rename leaves a committed row whose
file is still staged ("stranded"). ``rodloeber media check`` lists orphans
(files no row names, staged or not), stranded files and rows whose file is
missing (a download would answer 500); ``--delete`` removes orphans and moves
stranded files into place, both only when older than ``min_age`` (younger
ones may belong to an upload still in progress), with one audit event.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.db import models, transaction

from rodloeber.audit.services import record_event
from rodloeber.core.media_files import STAGING_DIR, media_root, promote, staged_target

__all__ = ["MediaReport", "media_check", "media_delete_orphans"]

DEFAULT_MIN_AGE_SECONDS = 3600


@dataclass
class MediaReport:
    referenced: int = 0
    orphans: list[str] = field(default_factory=list)
    young_orphans: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # "app.model #pk: name"
    #: staged files whose row committed but whose rename was lost: (staged, name)
    stranded: list[tuple[str, str]] = field(default_factory=list)
    young_stranded: list[tuple[str, str]] = field(default_factory=list)


def _file_fields() -> list[tuple[type[models.Model], str]]:
    return [
        (model, f.name)
        for model in apps.get_models()
        for f in model._meta.get_fields()
        if isinstance(f, models.FileField)
    ]


def media_check(min_age_seconds: int = DEFAULT_MIN_AGE_SECONDS) -> MediaReport:
    """Compare every file under MEDIA_ROOT (staging included) with every ``FileField`` value."""
    root = media_root()
    report = MediaReport()
    referenced: set[str] = set()
    missing: dict[str, str] = {}
    for model, name in _file_fields():
        for pk, value in model._default_manager.exclude(**{name: ""}).values_list("pk", name):
            referenced.add(str(value))
            if not (root / str(value)).is_file():
                missing[str(value)] = f"{model._meta.label_lower} #{pk}: {value}"
    report.referenced = len(referenced)
    now = time.time()
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(root).as_posix()
            if rel in referenced:
                continue
            young = now - path.stat().st_mtime < min_age_seconds
            target = _staged_target(rel)
            if target is not None and target in missing:
                del missing[target]
                (report.young_stranded if young else report.stranded).append((rel, target))
                continue
            (report.young_orphans if young else report.orphans).append(rel)
    report.missing = sorted(missing.values())
    return report


def _staged_target(rel: str) -> str | None:
    """``.staging/<uuid>.<encoded name>`` → ``<name>`` (the place the file was staged for)."""
    parts = rel.split("/")
    if len(parts) != 2 or parts[0] != STAGING_DIR:
        return None
    return staged_target(parts[1])


def media_delete_orphans(min_age_seconds: int = DEFAULT_MIN_AGE_SECONDS) -> MediaReport:
    """Delete the orphans and finish the stranded files :func:`media_check` finds.

    One audit event if there is anything to do; the files change only after it commits.
    """
    report = media_check(min_age_seconds)
    if not report.orphans and not report.stranded:
        return report
    root = media_root()
    with transaction.atomic():
        record_event(
            action="ops.media_orphans_deleted",
            actor=None,
            actor_label="cli",
            subject_type="ops.media",
            after={
                "count": len(report.orphans),
                "files": report.orphans[:200],
                "completed": [name for _, name in report.stranded][:200],
            },
        )
        # files go only after the event commits: a failed event leaves them in place
        transaction.on_commit(lambda: _apply(root, report))
    return report


def _apply(root: Path, report: MediaReport) -> None:
    _unlink(root, report.orphans)
    for staged, name in report.stranded:
        promote(root / staged, name)


def _unlink(root: Path, names: list[str]) -> None:
    for name in names:
        (root / name).unlink(missing_ok=True)
