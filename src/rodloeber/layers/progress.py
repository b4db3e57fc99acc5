"""Progress bars (fremdriftslinjer) for long layer jobs, silent when disabled."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")


def steps(
    items: Iterable[T], *, desc: str, total: int | None = None, enabled: bool = True
) -> Iterator[T]:
    """Iterate with a progress bar on stderr (``enabled=False``: plain iteration)."""
    if not enabled:
        yield from items
        return
    with tqdm(items, desc=desc, total=total, unit="lag", file=sys.stderr, leave=True) as bar:
        for item in bar:
            label = item[0] if isinstance(item, tuple) and item else item
            bar.set_postfix_str(str(label)[:40])
            yield item


def bar(*, desc: str, total: int | None, unit: str, enabled: bool = True) -> tqdm:
    """A manual progress bar (``update(n)``); disabled bars accept updates silently."""
    return tqdm(
        desc=desc,
        total=total,
        unit=unit,
        unit_scale=True,
        file=sys.stderr,
        disable=not enabled,
        leave=True,
    )
