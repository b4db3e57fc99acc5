"""Every text in the rule catalogue is whole (issue #15 item 9).

YAML flow mappings cut unquoted texts at a comma (the appeal body of the
environmental approval once read "Miljø- og Fødevareklagenævnet (ikke
opsættende"). This walks every string in every catalogue file: brackets and
quotes balanced, no trailing fragment, every mapping key a plain string.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from rodloeber.domain.catalogue import default_catalogue_dir

FILES = sorted(default_catalogue_dir().glob("*.yaml"))
TRAILING = re.compile(r"[(,;:–-]\s*$")


def _strings(node: Any, path: str) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.append((f"{path}.<key>", key))
            found += _strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _strings(value, f"{path}[{i}]")
    elif isinstance(node, str):
        found.append((path, node))
    return found


def problems(text: str) -> list[str]:
    """What is wrong with one catalogue text (empty list: nothing)."""
    found = [f"unbalanced {o}{c}" for o, c in ("()", "[]", "{}") if text.count(o) != text.count(c)]
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        found.append("unbalanced quotes")
    if text.count("»") != text.count("«"):
        found.append("unbalanced »«")
    if TRAILING.search(text):
        found.append("ends in a fragment")
    return found


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Miljø- og Fødevareklagenævnet (ikke opsættende, MBL § 96)", True),
        ("Miljø- og Fødevareklagenævnet (ikke opsættende", False),
        ("Ministry of Industry,", False),
        ('a "quoted" word', True),
        ('a "half word', False),
        ("{stage} af kritiske råstoffer", True),
    ],
)
def test_the_check_itself(text: str, ok: bool) -> None:
    assert (problems(text) == []) is ok


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_catalogue_text_is_whole(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    bad = []
    for where, value in _strings(data, path.name):
        if where.endswith("<key>") and not isinstance(value, str | int):
            bad.append(f"{where}: key {value!r}")
        elif isinstance(value, str) and (found := problems(value)):
            bad.append(f"{where}: {found} in {value!r}")
    assert not bad, "\n".join(bad)
