"""HTTP hardening headers on every kind of response (ASVS V3.4, V14.3)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from rodloeber.accounts.roles import Role
from rodloeber.accounts.services import token_create
from rodloeber.accounts.token_scopes import ALL_SCOPES

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/tjek/", "/kort", "/industriparker", "/statistik", "/api/v1/docs"]
TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "rodloeber"


def _csp(response: Any) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.split(" ", 1)[0]: part.split(" ", 1)[1] if " " in part else ""
        for part in (p.strip() for p in header.split(";"))
        if part
    }


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_pages_carry_a_strict_csp_with_a_fresh_nonce(url: str) -> None:
    client = Client()
    first, second = client.get(url), client.get(url)
    assert first.status_code == 200, url
    csp = _csp(first)
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert "blob:" in csp["worker-src"]
    assert "data:" in csp["img-src"] and "blob:" in csp["img-src"]
    nonce = re.search(r"'nonce-([^']+)'", csp["script-src"])
    other = re.search(r"'nonce-([^']+)'", _csp(second)["script-src"])
    assert nonce and other and nonce.group(1) != other.group(1)
    assert len(nonce.group(1)) >= 22


@pytest.mark.parametrize("url", [*PUBLIC_PAGES, "/api/v1/health", "/konto/log-ind"])
def test_common_headers(url: str) -> None:
    r = Client().get(url)
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Referrer-Policy"] == "same-origin"
    assert r["X-Frame-Options"] == "DENY"
    assert r["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in r["Permissions-Policy"] and "geolocation=()" in r["Permissions-Policy"]
    if url in PUBLIC_PAGES:  # public pages may be cached (log-in is never_cache)
        assert "no-store" not in r.get("Cache-Control", "")


def test_signed_in_pages_and_api_are_not_stored(make_user: Callable[..., Any]) -> None:
    user = make_user(Role.COMPANY_USER)
    client = Client()
    client.force_login(user)
    for url in ("/min-side", "/sager", "/tjek/gemte", "/"):
        r = client.get(url)
        assert r.status_code == 200, url
        assert "no-store" in r["Cache-Control"], url
        assert "Cookie" in r["Vary"]
    _, secret = token_create(actor=None, user=user, name="headers", scopes=ALL_SCOPES)
    r = Client().get("/api/v1/cases", headers={"Authorization": f"Bearer {secret}"})
    assert r.status_code == 200 and "no-store" in r["Cache-Control"]
    assert "Content-Security-Policy" in r


def test_error_pages_have_headers() -> None:
    r = Client().get("/does-not-exist")
    assert r.status_code == 404
    assert "frame-ancestors 'none'" in r["Content-Security-Policy"]


def test_no_inline_scripts_handlers_or_style_attributes_in_templates() -> None:
    """CSP would block them: scripts go in static files or carry the nonce."""
    offenders = []
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>")
    handler = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
    style_attr = re.compile(r"\sstyle\s*=")
    for path in TEMPLATES.rglob("templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        for pattern in (handler, style_attr):
            if pattern.search(text):
                offenders.append(f"{path.relative_to(TEMPLATES)}: {pattern.pattern}")
        for match in inline_script.finditer(text):
            if "csp_nonce" not in match.group(0):
                offenders.append(f"{path.relative_to(TEMPLATES)}: inline <script> without nonce")
    assert not offenders, "\n".join(offenders)


def test_production_csp_upgrades_insecure_requests(settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = False
    r = Client().get("/")
    assert "upgrade-insecure-requests" not in r["Content-Security-Policy"]
    from rodloeber.web.security import csp_header

    settings.SECURE_SSL_REDIRECT = True
    assert "upgrade-insecure-requests" in csp_header("n")
