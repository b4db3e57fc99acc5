"""Template context every page needs: navigation for the role, demo label."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from rodloeber.web.inbox import inbox_count
from rodloeber.web.navigation import nav_items


def platform(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    role = getattr(user, "role", None) if user is not None and user.is_authenticated else None
    return {
        "nav_items": nav_items(role or None, request.path),
        "demo_mode": settings.RODLOEBER_DEMO_MODE,
        # lazy: evaluated only where the header shows it
        "inbox_count": lambda: inbox_count(request),
    }
