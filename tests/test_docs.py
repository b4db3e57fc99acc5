"""Documentation references resolve: links, cited docs paths and ADR numbers.

- every relative Markdown link in README.md, docs/ and the Markdown files
  under src/ points to a file or folder that exists;
- every ``docs/...`` path cited in code, templates, data, scripts and docs
  exists (resolved from the repository root);
- every ``ADR NNNN`` cited exists, and the ADRs are numbered 0001..N without
  holes or duplicates, each titled with its own number.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ADR_DIR = ROOT / "docs" / "adr"
SELF = Path(__file__).resolve()  # its examples of broken references are on purpose

#: Where references are looked for (relative to ROOT); virtualenvs, runtime
#: data and vendored third-party files are never scanned.
SCANNED = ("README.md", "Makefile", ".ci", "docs", "src", "tests", "bench", "scripts")
SUFFIXES = {".py", ".md", ".html", ".txt", ".yaml", ".yml", ".toml", ".sh", ".cfg", ".ini"}
SKIPPED_PARTS = {".venv", "node_modules", "vendor", "__pycache__", "locale", "var"}

MD_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
DOCS_PATH = re.compile(r"(?<![\w/.])docs/[\w./-]*[\w/]")
ADR_CITE = re.compile(r"\bADR[ -](\d{4})\b")
ADR_FILE = re.compile(r"^(\d{4})-[a-z0-9-]+\.md$")


def scanned_files(root: Path = ROOT) -> list[Path]:
    files: list[Path] = []
    for name in SCANNED:
        start = root / name
        candidates = [start] if start.is_file() else sorted(start.rglob("*"))
        for path in candidates:
            rel_parts = set(path.relative_to(root).parts)
            if not path.is_file() or rel_parts & SKIPPED_PARTS or path == SELF:
                continue
            if path.suffix in SUFFIXES or path.name in {"Makefile", "run"}:
                files.append(path)
    return files


def broken_markdown_links(path: Path) -> list[str]:
    """Relative links in one Markdown file whose target does not exist."""
    broken = []
    for target in MD_LINK.findall(path.read_text(encoding="utf-8")):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith(("#", "/")):
            continue  # http:, mailto:, in-page anchors and site URLs (/kort) are not files
        file_part = target.split("#", 1)[0]
        if file_part and not (path.parent / file_part).exists():
            broken.append(f"{path.relative_to(ROOT)}: link to {target}")
    return broken


def broken_docs_paths(path: Path, root: Path = ROOT) -> list[str]:
    """``docs/...`` paths cited in one file that do not exist under ``root``."""
    text = path.read_text(encoding="utf-8", errors="replace")
    return [
        f"{path.relative_to(root)}: cites {cited}"
        for cited in sorted(set(DOCS_PATH.findall(text)))
        if not (root / cited).exists()
    ]


def adr_numbers() -> list[int]:
    return sorted(int(m.group(1)) for p in ADR_DIR.iterdir() if (m := ADR_FILE.match(p.name)))


def test_relative_markdown_links_resolve() -> None:
    markdown = [p for p in scanned_files() if p.suffix == ".md"]
    assert len(markdown) > 20  # README, docs, ADRs, catalogue README …
    broken = [b for p in markdown for b in broken_markdown_links(p)]
    assert broken == []


def test_cited_docs_paths_exist() -> None:
    broken = [b for p in scanned_files() for b in broken_docs_paths(p)]
    assert broken == []


def test_cited_adrs_exist() -> None:
    existing = set(adr_numbers())
    missing = [
        f"{p.relative_to(ROOT)}: ADR {n}"
        for p in scanned_files()
        for n in sorted(set(ADR_CITE.findall(p.read_text(encoding="utf-8", errors="replace"))))
        if int(n) not in existing
    ]
    assert missing == []


def test_adrs_are_numbered_without_holes_and_titled_with_their_number() -> None:
    files = [p for p in ADR_DIR.iterdir() if p.suffix == ".md" and p.name != "README.md"]
    assert all(ADR_FILE.match(p.name) for p in files), [p.name for p in files]
    numbers = adr_numbers()
    assert numbers == list(range(1, len(numbers) + 1))
    for path in files:
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert re.match(rf"# ADR {path.name[:4]}\b", first_line), path.name


def test_the_checks_catch_a_broken_link_and_a_missing_docs_path(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "real.md").write_text("x")
    note = tmp_path / "note.py"
    note.write_text('"""See docs/real.md and docs/gone.md, not mydocs/x.md."""\n')
    assert broken_docs_paths(note, root=tmp_path) == ["note.py: cites docs/gone.md"]
    readme = ROOT / "README.md"
    assert broken_markdown_links(readme) == []
    page = ROOT / "docs" / "api.md"
    assert "api/openapi.json" in page.read_text(encoding="utf-8")
    assert MD_LINK.findall("[a](gone.md) and [b](https://x.dk) ![img](pic.png)") == [
        "gone.md",
        "https://x.dk",
    ]
