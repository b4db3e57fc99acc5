"""The one renderer of domain errors for pages (fejl på sider).

A :class:`~rodloeber.domain.errors.DomainError` carries its HTTP status, so a
page needs no mapping table of its own: :func:`raise_for_page` turns 404 and
403 into Django's error pages (never a hint that a hidden object exists), and
:func:`error_message` gives the text in the page's language for an error
summary or a flash message. :func:`errors_to_messages` does both for views
that answer POST-redirect-GET. The API has its twin in ``core.api_errors``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from rodloeber.core.web import page_language
from rodloeber.domain.errors import DomainError

View = Callable[..., HttpResponse]

__all__ = [
    "error_message",
    "errors_to_messages",
    "page_language",
    "page_status",
    "raise_for_page",
]


def error_message(exc: DomainError) -> str:
    """The error's message in the page's language."""
    return exc.message(page_language())


def raise_for_page(exc: DomainError) -> None:
    """404 for hidden or missing objects, 403 (no details) for refused actions."""
    if exc.http_status == 404:
        raise Http404 from exc
    if exc.http_status == 403:
        raise PermissionDenied from exc


def page_status(exc: DomainError) -> int:
    """Status of a page that shows the error next to the form: 409 when the
    object changed under the user (a conflict or an old version), else 422."""
    return 409 if exc.http_status in (409, 412) else 422


def errors_to_messages(back: str | None = None) -> Callable[[View], View]:
    """Decorate a POST view: a domain error becomes a flash message and a
    redirect (PRG) — back to the same address, or to the page ``back`` with the
    view's ``pk``. Hidden objects still answer 404 and refused actions 403."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                return view(request, *args, **kwargs)
            except DomainError as exc:
                raise_for_page(exc)
                messages.error(request, error_message(exc))
                if back is not None:
                    return HttpResponseRedirect(reverse(back, args=[kwargs["pk"]]))
                return HttpResponseRedirect(request.get_full_path())

        return wrapper

    return decorate
