"""Helpers shared by the parks pages: redirects after a form.

Domain errors are rendered by the one page renderer, ``core.page_errors``
(``errors_to_messages``, ``error_message``, ``page_language``); the parks
views import those names from there.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse


def post_redirect(request: HttpRequest, name: str, *args: Any) -> HttpResponse:
    return HttpResponseRedirect(reverse(name, args=args))


def form_invalid(request: HttpRequest, text: str) -> HttpResponse:
    """Show why a form was refused and go back to the page it was sent from."""
    messages.error(request, text)
    return HttpResponseRedirect(request.get_full_path())
