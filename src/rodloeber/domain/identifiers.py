"""Danish identifiers: CVR numbers (CVR-nummer) and municipality codes (kommunekode).

Framework-free so that forms, the API, the CLI and the SAML log-in all apply
the same rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)
_CVR_SEPARATORS = re.compile(r"[\s\-.]")


@dataclass(frozen=True)
class IdentifierProblem:
    """Why an identifier was refused, in Danish and English."""

    code: str
    message_da: str
    message_en: str


def normalise_cvr(raw: str) -> str:
    """Strip spaces, dashes, dots and a leading ``DK`` from a CVR number."""
    compact = _CVR_SEPARATORS.sub("", raw.strip()).upper()
    return compact[2:] if compact.startswith("DK") else compact


def cvr_problem(raw: str) -> IdentifierProblem | None:
    """Check a CVR number (Det Centrale Virksomhedsregister).

    Rule: exactly 8 digits, the first not 0, and the modulus-11 control with
    weights 2-7-6-5-4-3-2-1 (Erhvervsstyrelsen, "modulus 11-kontrol").
    Returns ``None`` when valid, else the reason.
    """
    number = normalise_cvr(raw)
    if not number.isdigit() or len(number) != 8:
        return IdentifierProblem(
            "cvr_format",
            "Et CVR-nummer består af præcis 8 cifre.",
            "A CVR number has exactly 8 digits.",
        )
    if number[0] == "0":
        return IdentifierProblem(
            "cvr_leading_zero",
            "Et CVR-nummer kan ikke begynde med 0.",
            "A CVR number cannot start with 0.",
        )
    checksum = sum(w * int(d) for w, d in zip(_CVR_WEIGHTS, number, strict=True)) % 11
    if checksum != 0:
        return IdentifierProblem(
            "cvr_checksum",
            "CVR-nummeret består ikke modulus 11-kontrollen; tjek for tastefejl.",
            "The CVR number fails the modulus-11 check; look for a typing error.",
        )
    return None


def is_valid_cvr(raw: str) -> bool:
    """True when ``raw`` is a well-formed CVR number (see :func:`cvr_problem`)."""
    return cvr_problem(raw) is None


_KOMMUNE_KODE = re.compile(r"^0[1-9]\d{2}$|^[1-9]\d{3}$")


def is_kommune_code_format(raw: str) -> bool:
    """True for a 4-digit DAGI municipality code such as ``0561`` (Esbjerg).

    Only the format is checked here; whether the code exists is a lookup
    against the bundled DAGI register.
    """
    return bool(_KOMMUNE_KODE.match(raw))
