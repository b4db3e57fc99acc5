"""Dependency links between permits (afhængigheder) with type and lag.

* FS (finish-to-start, slut-start): the successor starts ``lag`` days after
  the predecessor's decision — the default for every ``depends_on``.
* SS (start-to-start, start-start): the successor starts ``lag`` days after
  the predecessor starts (parallel processing, e.g. a joint hearing).
* FF (finish-to-finish, slut-slut): the successor is decided no earlier than
  ``lag`` days after the predecessor's decision (e.g. a joint decision).

A coordinated procedure (samordnet procedure) from the catalogue replaces the
default FS link of a ``depends_on`` pair with its own links, or adds links
between permits that do not depend on each other. Lags may be negative (lead).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from rodloeber.domain.planning.templates import PermitTypeLike

__all__ = ["Link", "LinkLike", "LinkType", "resolve_links"]


class LinkType(StrEnum):
    """Dependency type (afhængighedstype)."""

    FS = "FS"
    SS = "SS"
    FF = "FF"


class LinkLike(Protocol):
    """A link as the catalogue gives it (coordinated procedure)."""

    @property
    def pred(self) -> str: ...
    @property
    def succ(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def lag_days(self) -> int: ...
    @property
    def procedure(self) -> str: ...


@dataclass(frozen=True)
class Link:
    """One dependency: ``succ`` waits for ``pred`` as ``type`` says, plus ``lag_days``."""

    pred: str
    succ: str
    type: LinkType = LinkType.FS
    lag_days: int = 0
    #: The coordinated procedure this link comes from ("" = plain depends_on).
    procedure: str = ""


def resolve_links(
    permits: Sequence[PermitTypeLike], coordinated: Iterable[LinkLike] = ()
) -> dict[str, tuple[Link, ...]]:
    """Incoming links per permit code.

    Each ``depends_on`` pair becomes FS with lag 0 unless a coordinated
    procedure links the same pair, in which case its links replace it.
    Coordinated links between permits that are both in the plan but do not
    depend on each other are added; links to permits not in the plan are
    dropped (the project does not need them).
    """
    codes = {p.code for p in permits}
    by_pair: dict[tuple[str, str], list[Link]] = {}
    for c in coordinated:
        if c.pred in codes and c.succ in codes and c.pred != c.succ:
            link = Link(c.pred, c.succ, LinkType(c.type), int(c.lag_days), c.procedure)
            by_pair.setdefault((c.pred, c.succ), []).append(link)
    incoming: dict[str, list[Link]] = {p.code: [] for p in permits}
    for p in permits:
        for d in dict.fromkeys(p.depends_on):
            incoming[p.code].extend(by_pair.pop((d, p.code), []) or [Link(d, p.code)])
    for (_pred, succ), links in sorted(by_pair.items()):
        incoming[succ].extend(links)
    return {code: tuple(links) for code, links in incoming.items()}


def outgoing(incoming: Mapping[str, Sequence[Link]]) -> dict[str, tuple[Link, ...]]:
    """Outgoing links per permit code (the reverse of :func:`resolve_links`)."""
    out: dict[str, list[Link]] = {code: [] for code in incoming}
    for links in incoming.values():
        for link in links:
            out[link.pred].append(link)
    return {code: tuple(links) for code, links in out.items()}
