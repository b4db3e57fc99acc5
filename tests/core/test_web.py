"""Shared web helpers: page language, downloads, conditional GET."""

from __future__ import annotations

from django.test import RequestFactory
from django.utils import translation

from rodloeber.core.web import (
    CSV,
    download_response,
    etag_matches,
    not_modified,
    page_language,
)


def test_page_language_is_danish_unless_the_page_is_english() -> None:
    with translation.override("en"):
        assert page_language() == "en"
    with translation.override("da"):
        assert page_language() == "da"
    with translation.override(None):
        assert page_language() == "da"


def test_a_download_is_an_attachment_and_private_ones_are_never_cached() -> None:
    public = download_response(b"a;b\n", CSV, "statistik.csv")
    assert public["Content-Disposition"] == 'attachment; filename="statistik.csv"'
    assert public["Content-Type"] == CSV
    assert "Cache-Control" not in public
    private = download_response(b"a;b\n", CSV, "sager.csv", private=True)
    assert private["Cache-Control"] == "no-store"


def test_a_filename_cannot_break_out_of_its_header() -> None:
    response = download_response(b"", CSV, 'a"b\r\nSet-Cookie: x.csv')
    assert response["Content-Disposition"] == 'attachment; filename="abSet-Cookie: x.csv"'


def test_conditional_get() -> None:
    rf = RequestFactory()
    assert etag_matches(rf.get("/", HTTP_IF_NONE_MATCH='"x", "abc"'), '"abc"')
    assert etag_matches(rf.get("/", HTTP_IF_NONE_MATCH="*"), '"abc"')
    assert not etag_matches(rf.get("/", HTTP_IF_NONE_MATCH='"old"'), '"abc"')
    assert not etag_matches(rf.get("/"), '"abc"')
    response = not_modified({"ETag": '"abc"', "Cache-Control": "public, max-age=60"})
    assert response.status_code == 304
    assert response["ETag"] == '"abc"' and response["Cache-Control"] == "public, max-age=60"
    assert "Content-Type" not in response and response.content == b""
