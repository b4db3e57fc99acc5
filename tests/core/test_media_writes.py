"""One home for media writes: only ``rodloeber.core.media_files`` writes under MEDIA_ROOT.

Everything else stages files through ``atomic_with_files`` so a file follows
its row's transaction (issue #20 item 6). The check reads the code (AST), not
comments or docstrings.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "rodloeber"

#: The one writer.
HOME = "core/media_files.py"
#: Where MEDIA_ROOT may be named besides the home, and why.
MEDIA_ROOT_ALLOWED = {
    "config/settings/base.py": "defines it",
    "ops/backup.py": "backs up and restores the whole directory, swapped in by one rename",
}
#: Names that reach storage directly.
FORBIDDEN_NAMES = {"default_storage", "ContentFile", "storages", "FileSystemStorage"}


def media_write_offences(path: Path, rel: str) -> list[str]:
    if rel == HOME:
        return []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        name = None
        if isinstance(node, ast.Name):
            name = node.id
        elif isinstance(node, ast.Attribute):
            name = node.attr
        elif isinstance(node, ast.alias):
            name = node.asname or node.name.rsplit(".", 1)[-1]
        line = getattr(node, "lineno", 0)
        if name == "MEDIA_ROOT" and rel not in MEDIA_ROOT_ALLOWED:
            found.append(f"{rel}:{line} names MEDIA_ROOT")
        elif name in FORBIDDEN_NAMES and not rel.startswith("config/settings/"):
            found.append(f"{rel}:{line} uses {name}")
        elif name == "storage" and isinstance(node, ast.Attribute):
            found.append(f"{rel}:{line} reaches a FieldFile's storage")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "save"
            and isinstance(node.func.value, ast.Attribute)
            and node.func.value.attr == "file"
        ):
            found.append(f"{rel}:{line} calls FieldFile.save (writes before the commit)")
    return found


def test_only_media_files_writes_media() -> None:
    offences = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if "/migrations/" not in rel:
            offences += media_write_offences(path, rel)
    assert offences == []


def test_the_check_catches_a_direct_write(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from django.conf import settings\n"
        "from django.core.files.base import ContentFile\n"
        "def f(doc, data):\n"
        "    doc.file.save('x', ContentFile(data))\n"
        "    doc.file.storage.delete('x')\n"
        "    open(settings.MEDIA_ROOT / 'x', 'wb')\n"
    )
    found = media_write_offences(bad, "cases/bad.py")
    assert any("FieldFile.save" in x for x in found)
    assert any("ContentFile" in x for x in found)
    assert any("storage" in x for x in found)
    assert any("MEDIA_ROOT" in x for x in found)
