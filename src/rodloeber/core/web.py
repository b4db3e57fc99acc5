"""Shared web helpers (fælles hjælpere til sider og API): the page language,
downloads and conditional GET.

In ``core`` rather than the ``web`` app because every app's views use them and
apps sit below ``web`` in the import contract (ADR 0017). The current user is
``rodloeber.accounts.current.caller`` (it needs the ``User`` model, which
``core`` may not import); errors are rendered by ``core.api_errors`` and
``core.page_errors``.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ICS = "text/calendar"


def page_language() -> str:
    """The page language: "en" on English pages, otherwise "da" (Danish first)."""
    return "en" if (get_language() or "da").startswith("en") else "da"


def download_response(
    body: bytes | str, content_type: str, filename: str, *, private: bool = False
) -> HttpResponse:
    """A file to save (``Content-Disposition: attachment``). ``private`` answers
    (data only the caller may see, such as a case list) are never stored by a
    cache (``Cache-Control: no-store``)."""
    response = HttpResponse(body, content_type=content_type)
    safe_name = filename.replace('"', "").replace("\\", "").replace("\r", "").replace("\n", "")
    response["Content-Disposition"] = f'attachment; filename="{safe_name}"'
    if private:
        response["Cache-Control"] = "no-store"
    return response


def etag_matches(request: HttpRequest, etag: str) -> bool:
    """True when ``If-None-Match`` names ``etag`` (or is ``*``): answer 304."""
    tags = [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]
    return etag in tags or "*" in tags


def not_modified(headers: Mapping[str, str]) -> HttpResponse:
    """``304 Not Modified`` with the validators and caching headers, and no body."""
    response = HttpResponse(status=304, headers=dict(headers))
    del response["Content-Type"]
    return response


def file_responses(*content_types: str, description: str = "The file") -> dict[str, object]:
    """``openapi_extra`` for an API operation answering a file: its 200 response
    typed as binary content in each of ``content_types``."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {
        "responses": {
            200: {"description": description, "content": dict.fromkeys(content_types, binary)}
        }
    }
