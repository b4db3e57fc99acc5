"""Activity listings in the check show labels, never internal keys."""

from __future__ import annotations

from rodloeber.checks.form_view import _listing_label


def test_official_listing_point_is_kept() -> None:
    assert _listing_label("bilag1:4.2.a", "Hydrogen") == "4.2.a: Hydrogen"
    assert _listing_label("bilag2:A202", "Tekst") == "A202: Tekst"


def test_placeholder_key_is_never_shown() -> None:
    label = _listing_label("bilag1:battery_manufacturing", "Fremstilling af batterier")
    assert label == "Fremstilling af batterier"
