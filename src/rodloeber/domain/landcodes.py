"""Plandata codes for business land (erhvervsarealer) with Danish and English labels.

Codes as published by Plandata.dk (kommuneplanrammer): general use ``anvgen``,
specific use ``anvspec`` (31xx for Erhvervsområde), ``zone`` and
``bebygpctaf`` (what the bebyggelsesprocent is computed on).
See ``docs/glossary/landmap.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

GENERAL_USES: dict[int, tuple[str, str]] = {
    21: ("Blandet bolig og erhverv", "Mixed housing and business"),
    31: ("Erhvervsområde", "Business area"),
    81: ("Tekniske anlæg", "Technical facilities"),
}

SPECIFIC_USES: dict[int, tuple[str, str]] = {
    3110: ("Kontor og serviceerhverv", "Offices and services"),
    3120: ("Lettere industri", "Light industry"),
    3130: ("Tungere industri", "Heavy industry"),
    3140: ("Industri med særlige beliggenhedskrav", "Industry with special location needs"),
    3150: ("Havneerhverv", "Port business"),
    3160: ("Erhvervsområde", "Business area (general)"),
}

ZONES: dict[int, tuple[str, str]] = {
    1: ("Byzone", "Urban zone"),
    2: ("Landzone", "Rural zone"),
    3: ("Sommerhusområde", "Summer-house area"),
}

# bebygpctaf: what the plot ratio (bebyggelsesprocent) refers to.
PLOT_RATIO_BASIS: dict[int, tuple[str, str]] = {
    1: ("Området under ét", "The area as a whole"),
    2: ("Den enkelte ejendom", "Each property"),
    3: ("Den enkelte grund (parcel)", "Each plot (parcel)"),
    4: ("Den enkelte grund eller ejendom", "Each plot or property"),
}

STATUSES: dict[str, tuple[str, str]] = {
    "ledig": ("Ledig", "Available"),
    "reserveret": ("Reserveret", "Reserved"),
    "solgt": ("Solgt", "Sold"),
}

ENV_CLASSES = tuple(range(1, 8))  # miljøklasse 1-7

REGIONS: dict[str, str] = {
    "1081": "Region Nordjylland",
    "1082": "Region Midtjylland",
    "1083": "Region Syddanmark",
    "1084": "Region Hovedstaden",
    "1085": "Region Sjælland",
}


def label(table: Mapping[Any, tuple[str, str]], code: object, lang: str) -> str:
    """The Danish or English label of ``code`` in ``table``; the code itself when unknown."""
    if code is None or code == "":
        return ""
    pair = table.get(code)
    if pair is None:
        return str(code)
    return str(pair[1] if lang == "en" else pair[0])
