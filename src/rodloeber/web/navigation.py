"""Navigation and start-page tasks per role (hovedmenu og opgaver pr. rolle).

One registry so the menu, the start page and the tests agree on what each
role sees. URLs are URL names, resolved at request time.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rodloeber.accounts.roles import Role


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: str | Promise
    description: str | Promise = ""


CHECK = NavEntry(
    "web:check",
    _("Eligibility and permit check"),
    _("See whether your project can enter the one-stop-shop and which permits it needs."),
)
CASES = NavEntry(
    "web:cases",
    _("Cases"),
    _("Follow the cases, permits and milestones you are responsible for."),
)
PARKS = NavEntry(
    "web:parks",
    _("Industrial parks"),
    _("Applications, screening and designation of national industrial parks."),
)
LAND = NavEntry(
    "web:landmap",
    _("Land map"),
    _("Find vacant business land for production anywhere in Denmark."),
)
STATS = NavEntry(
    "web:statistics",
    _("Statistics"),
    _("Case numbers and processing times against the caps."),
)
API_DOCS = NavEntry(
    "api-1:openapi-view",
    _("API documentation"),
    _("Integrate your case system through the documented API and personal tokens."),
)

ADMINISTRATION = NavEntry(
    "administration:organisations",
    _("Administration"),
    _("Organisations, users and roles: invite, deactivate and reactivate users."),
)

PUBLIC_NAV: tuple[NavEntry, ...] = (CHECK, PARKS, LAND, STATS)

ROLE_NAV: dict[str, tuple[NavEntry, ...]] = {
    Role.COMPANY_USER: (CHECK, CASES, LAND),
    Role.CASE_MANAGER: (CASES, CHECK, STATS),
    Role.AUTHORITY_CASEWORKER: (CASES, CHECK, API_DOCS),
    Role.MUNICIPAL_PLANNER: (PARKS, LAND),
    Role.STATE_SCREENER: (PARKS, LAND),
    Role.MINISTRY_ANALYST: (STATS, PARKS, LAND),
    Role.ADMINISTRATOR: (ADMINISTRATION, API_DOCS, STATS),
}


def nav_for(role: str | None) -> tuple[NavEntry, ...]:
    if role is None:
        return PUBLIC_NAV
    return ROLE_NAV.get(role, PUBLIC_NAV)


def nav_items(role: str | None, current_path: str) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    for entry in nav_for(role):
        url = reverse(entry.url_name)
        items.append(
            {
                "url": url,
                "label": entry.label,
                "active": current_path.startswith(url) and url != "/",
            }
        )
    return items


def role_tasks(role: str) -> list[dict[str, object]]:
    tasks: list[dict[str, object]] = [
        {"title": e.label, "description": e.description, "url": reverse(e.url_name)}
        for e in nav_for(role)
    ]
    return tasks
