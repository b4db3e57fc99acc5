"""Helpers shared by the parks pages: error messages and redirects.

Domain errors are rendered by the one page renderer, ``core.page_errors``;
the names here keep the parks views short.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from rodloeber.core.page_errors import View, error_message, errors_to_messages, page_language

language = page_language
message_of = error_message

#: A domain error becomes a message and a redirect back to the same address (PRG).
handle_errors = errors_to_messages()


def errors_back_to(name: str) -> Callable[[View], View]:
    """Like :data:`handle_errors`, but back to the page ``name`` (with the view's ``pk``),
    for POST-only endpoints such as an upload."""
    return errors_to_messages(name)


def post_redirect(request: HttpRequest, name: str, *args: Any) -> HttpResponse:
    return HttpResponseRedirect(reverse(name, args=args))


def form_invalid(request: HttpRequest, text: str) -> HttpResponse:
    """Show why a form was refused and go back to the page it was sent from."""
    messages.error(request, text)
    return HttpResponseRedirect(request.get_full_path())
