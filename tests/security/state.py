"""What "nothing stored" means: row counts of every project model, the audit
event count and the files under MEDIA_ROOT and the layers folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.apps import apps

from rodloeber.audit.models import AuditEvent
from rodloeber.layers.paths import layers_dir

#: Read logs record that someone *saw* a page (an error page shows the case): not a write.
NOT_COUNTED = {"cases.accesslog"}


def snapshot(settings: Any) -> dict[str, object]:
    counts: dict[str, object] = {
        m._meta.label_lower: m._default_manager.count()
        for m in apps.get_models()
        if m.__module__.startswith("rodloeber.") and m._meta.label_lower not in NOT_COUNTED
    }
    counts["audit events"] = AuditEvent.objects.count()
    folders = (("media", settings.MEDIA_ROOT), ("layers", layers_dir()))
    for label, folder in folders:
        root = Path(folder)
        files = root.rglob("*") if root.exists() else iter(())
        counts[label] = sorted(str(p) for p in files if p.is_file())
    return counts


def changes(before: dict[str, object], after: dict[str, object]) -> dict[str, object]:
    return {k: (before[k], after[k]) for k in before if before[k] != after.get(k)}
