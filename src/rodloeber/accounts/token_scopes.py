"""What an API token may do (API-nøglens rettigheder): read or write per area.

Issue #20: tokens had no scopes and no expiry. A scope is ``<area>:read`` or
``<area>:write`` (write includes read) for the areas ``cases``, ``parks``,
``land`` and ``statistics``. Each ``/api/v1`` path belongs to one area (or to
none: public computations and ``/me``); ``GET``/``HEAD``/``OPTIONS`` need
read, every other method write. The token's user's role still decides what
the user may do at all — a scope only narrows it.

A token created without scopes gets :data:`READ_SCOPES` (read in every area,
ADR 0026): writing must be asked for. A token is held to its scopes on every
``/api/v1`` path of an area, also where log-in is optional
(``rodloeber.api.token_scope_middleware``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rodloeber.accounts.errors import AccountError

__all__ = [
    "ALL_SCOPES",
    "AREAS",
    "DEFAULT_LIFETIME",
    "READ_SCOPES",
    "SCOPE_LABELS",
    "ScopeError",
    "area_of",
    "check_scopes",
    "required_scope",
]

#: Area -> first path segments after /api/v1/ that belong to it.
AREAS: dict[str, tuple[str, ...]] = {
    "cases": ("cases", "permits", "documents", "extensions", "messages", "milestones", "notices"),
    "parks": ("parks",),
    "land": ("land",),
    "statistics": ("statistics", "schedules"),
}
ALL_SCOPES: tuple[str, ...] = tuple(f"{a}:{m}" for a in AREAS for m in ("read", "write"))
#: What a token gets when no scope is chosen: read in every area, never write.
READ_SCOPES: tuple[str, ...] = tuple(f"{a}:read" for a in AREAS)
#: Labels shown to people (never the internal keys).
SCOPE_LABELS: dict[str, Promise] = {
    "cases:read": _("Cases: read"),
    "cases:write": _("Cases: read and write"),
    "parks:read": _("Industrial parks: read"),
    "parks:write": _("Industrial parks: read and write"),
    "land:read": _("Business land: read"),
    "land:write": _("Business land: read and write"),
    "statistics:read": _("Statistics and schedules: read"),
    "statistics:write": _("Statistics and schedules: read and write"),
}
#: Default lifetime of a new token (issue #20).
DEFAULT_LIFETIME = timedelta(days=90)
_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ScopeError(AccountError):
    """The token lacks the scope this request needs (403)."""

    http_status = 403

    def __init__(self, scope: str) -> None:
        super().__init__(
            "token_scope",
            f"API-nøglen har ikke rettigheden '{scope}'. Opret en nøgle med den rettighed.",
            f"The API token lacks the scope '{scope}'. Create a token with that scope.",
        )


def area_of(path: str) -> str | None:
    """The area of an API path, or ``None`` for paths outside every area."""
    rest = path.split("/api/v1/", 1)[-1] if "/api/v1/" in path else path.lstrip("/")
    first = rest.split("/", 1)[0]
    return next((area for area, heads in AREAS.items() if first in heads), None)


def required_scope(method: str, path: str) -> str | None:
    area = area_of(path)
    if area is None:
        return None
    return f"{area}:{'read' if method.upper() in _READ_METHODS else 'write'}"


def allows(scopes: Iterable[str], method: str, path: str) -> bool:
    needed = required_scope(method, path)
    if needed is None:
        return True
    granted = set(scopes)
    return needed in granted or needed.replace(":read", ":write") in granted


def check_scopes(scopes: Iterable[str]) -> list[str]:
    """Validated, sorted scopes; unknown ones are refused with a da/en message."""
    chosen = sorted(set(scopes))
    unknown = [s for s in chosen if s not in ALL_SCOPES]
    if unknown:
        raise AccountError(
            "token_scope_unknown",
            f"Ukendt rettighed: {', '.join(unknown)}. Mulige: {', '.join(ALL_SCOPES)}.",
            f"Unknown scope: {', '.join(unknown)}. Possible: {', '.join(ALL_SCOPES)}.",
        )
    if not chosen:
        raise AccountError(
            "token_scope_missing",
            "Vælg mindst én rettighed til API-nøglen.",
            "Choose at least one scope for the API token.",
        )
    return chosen
