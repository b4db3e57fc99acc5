"""Helpers shared by the parks pages: error messages and redirects."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import get_language

from rodloeber.domain.errors import DomainError
from rodloeber.parks.errors import NotFound


def language() -> str:
    return "en" if (get_language() or "da").startswith("en") else "da"


def message_of(exc: DomainError) -> str:
    return exc.message_en if language() == "en" else exc.message_da


def post_redirect(request: HttpRequest, name: str, *args: Any) -> HttpResponse:
    return HttpResponseRedirect(reverse(name, args=args))


def handle_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Turn bilingual domain errors into a message and a redirect back (PRG)."""
    return _handle(view, None)


def errors_back_to(
    name: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Like :func:`handle_errors`, but back to the page ``name`` (with the view's ``pk``),
    for POST-only endpoints such as an upload."""
    return lambda view: _handle(view, name)


def _handle(view: Callable[..., HttpResponse], back: str | None) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            raise Http404 from None
        except (DomainError, ValueError) as exc:
            text = message_of(exc) if isinstance(exc, DomainError) else str(exc)
            messages.error(request, text)
            if back is not None:
                return HttpResponseRedirect(reverse(back, args=[kwargs["pk"]]))
            return HttpResponseRedirect(request.get_full_path())

    return wrapper
