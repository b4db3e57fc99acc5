"""Shared by the benchmarks: replace one marked section of ``docs/performance.md``.

Each benchmark owns the text between ``<!-- bench:<area>:start -->`` and
``<!-- bench:<area>:end -->``; everything else in the file is kept as it is.
A missing section is appended; a missing file is created with a title.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["markers", "write_section"]

TITLE = "# Performance\n"


def markers(area: str) -> tuple[str, str]:
    """The start and end marker comments of ``area`` (e.g. ``"planning"``)."""
    return f"<!-- bench:{area}:start -->", f"<!-- bench:{area}:end -->"


def write_section(path: Path, area: str, body: str) -> None:
    """Replace the section of ``area`` in ``path`` with ``body``, keep the rest."""
    start, end = markers(area)
    section = f"{start}\n{body}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else TITLE
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
