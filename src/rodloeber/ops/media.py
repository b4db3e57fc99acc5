"""Uploaded files against their rows (mediekontrol): orphans and missing files.

Files are written before their row commits (so a committed row always has its
file) and deleted again when the transaction fails
(:func:`rodloeber.core.uploads.files_removed_on_failure`). A process killed
between the two (issue #20: killing the server mid-upload) leaves a file
with no row. ``rodloeber media check`` lists such orphans — and rows whose
file is missing, which would answer 500 on download — and ``--delete``
removes orphans older than ``min_age`` (younger ones may belong to an upload
still in progress), with one audit event.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models, transaction

from rodloeber.audit.services import record_event

__all__ = ["MediaReport", "media_check", "media_delete_orphans"]

DEFAULT_MIN_AGE_SECONDS = 3600


@dataclass
class MediaReport:
    referenced: int = 0
    orphans: list[str] = field(default_factory=list)
    young_orphans: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # "app.model #pk: name"


def _file_fields() -> list[tuple[type[models.Model], str]]:
    return [
        (model, f.name)
        for model in apps.get_models()
        for f in model._meta.get_fields()
        if isinstance(f, models.FileField)
    ]


def media_check(min_age_seconds: int = DEFAULT_MIN_AGE_SECONDS) -> MediaReport:
    """Compare every file under MEDIA_ROOT with every ``FileField`` value."""
    root = Path(settings.MEDIA_ROOT)
    report = MediaReport()
    referenced: set[str] = set()
    for model, name in _file_fields():
        for pk, value in model._default_manager.exclude(**{name: ""}).values_list("pk", name):
            referenced.add(str(value))
            if not (root / str(value)).is_file():
                report.missing.append(f"{model._meta.label_lower} #{pk}: {value}")
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
            (report.young_orphans if young else report.orphans).append(rel)
    return report


def media_delete_orphans(min_age_seconds: int = DEFAULT_MIN_AGE_SECONDS) -> MediaReport:
    """Delete the orphans :func:`media_check` finds (one audit event if any)."""
    report = media_check(min_age_seconds)
    if not report.orphans:
        return report
    root = Path(settings.MEDIA_ROOT)
    with transaction.atomic():
        record_event(
            action="ops.media_orphans_deleted",
            actor=None,
            actor_label="cli",
            subject_type="ops.media",
            after={"count": len(report.orphans), "files": report.orphans[:200]},
        )
        # files go only after the event commits: a failed event leaves them in place
        transaction.on_commit(lambda: _unlink(root, report.orphans))
    return report


def _unlink(root: Path, names: list[str]) -> None:
    for name in names:
        (root / name).unlink(missing_ok=True)
