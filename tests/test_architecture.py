"""Layout rules that keep the code base easy to carry on."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "rodloeber"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_domain_is_framework_free() -> None:
    offenders = []
    files = list((SRC / "domain").rglob("*.py"))
    assert files, "domain/ has no modules"
    for path in files:
        for name in _imports(path):
            top = name.split(".")[0]
            inside_app = name.startswith("rodloeber.") and not name.startswith("rodloeber.domain")
            if top in {"django", "ninja"} or inside_app:
                offenders.append(f"{path.relative_to(SRC)} imports {name}")
    assert offenders == []


def test_the_check_itself_catches_a_django_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from django.db import models\nimport rodloeber.cases.models\n")
    assert _imports(bad) == {"django.db", "rodloeber.cases.models"}


def test_settings_modules_exist() -> None:
    for name in ("base", "dev", "test", "production"):
        assert (SRC / "config" / "settings" / f"{name}.py").is_file()
