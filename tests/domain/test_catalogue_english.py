"""English catalogue texts carry no Danish citation words (issue #15).

Every ``en`` / ``*_en`` text in the catalogue is shown on English pages and in
the API's English fields. Citations in them follow the English style of
:mod:`rodloeber.domain.legal_citations` ("s. 2, no. 2", "cf. however subs. 2"),
never the Danish one ("§ 2, nr. 2", "jf. dog stk. 2").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from rodloeber.domain.catalogue import default_catalogue_dir
from rodloeber.domain.legal_citations import legal_basis_en

DANISH_CITATION = re.compile(r"§|\bstk\.|\bjf\.|\bnr\.\s*\d|\bKommunen\b|\bkode\b")


def _english_texts(node: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}.{key}"
            if (key == "en" or str(key).endswith("_en")) and isinstance(value, str):
                yield here, value
            yield from _english_texts(value, here)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _english_texts(value, f"{path}[{i}]")


def _all() -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for path in sorted(default_catalogue_dir().glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out.extend(_english_texts(data, path.name))
    return out


def test_the_walk_finds_the_english_texts() -> None:
    paths = [p for p, _ in _all()]
    assert len(paths) > 100
    assert any(p.startswith("eligibility.yaml.open_rules") for p in paths)


_TEXTS = _all()


@pytest.mark.parametrize(("where", "text"), _TEXTS, ids=[where for where, _ in _TEXTS])
def test_english_text_has_no_danish_citation(where: str, text: str) -> None:
    assert not DANISH_CITATION.search(text), f"{where}: {text}"


def test_open_rule_quotes_the_proviso_as_the_citation_helper_renders_it() -> None:
    """L 206 § 2, nr. 2 »jf. dog stk. 2« reads the same in the may-apply text as
    in its rendered legal basis."""
    data = yaml.safe_load((default_catalogue_dir() / "eligibility.yaml").read_text("utf-8"))
    rule = next(r for r in data["open_rules"] if r["code"] == "l206_s2_stk2")
    rendered = legal_basis_en(rule["legal_basis"])
    assert rendered.endswith("s. 2, no. 2, »cf. however subs. 2«")
    assert (
        "s. 2, no. 2 defines a production company »cf. however subs. 2«"
        in (rule["texts"]["may_apply"]["en"])
    )
