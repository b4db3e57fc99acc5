"""OIOSAML 3 / NemLog-in attribute profile: from an assertion's attributes to a
professional identity (a person acting for a company).

Pure Python (no Django) so the mapping is tested on plain dictionaries. The
names are the OIOSAML 3.0 attribute URIs (name format ``…:attrname-format:uri``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rodloeber.domain.identifiers import cvr_problem, normalise_cvr

ATTR_SPEC_VERSION = "https://data.gov.dk/model/core/specVersion"
ATTR_LOA = "https://data.gov.dk/concept/core/nsis/loa"
ATTR_CVR = "https://data.gov.dk/model/core/eid/professional/cvr"
ATTR_ORG_NAME = "https://data.gov.dk/model/core/eid/professional/orgName"
ATTR_PROFESSIONAL_UUID = "https://data.gov.dk/model/core/eid/professional/uuid/persistent"
ATTR_RID = "https://data.gov.dk/model/core/eid/professional/rid"
ATTR_FULL_NAME = "https://data.gov.dk/model/core/eid/fullName"
ATTR_FIRST_NAME = "https://data.gov.dk/model/core/eid/firstName"
ATTR_LAST_NAME = "https://data.gov.dk/model/core/eid/lastName"
ATTR_EMAIL = "https://data.gov.dk/model/core/eid/email"

#: NSIS levels of assurance (NSIS 2.0.1), lowest first.
LOA_LEVELS = ("Low", "Substantial", "High")
#: The AuthnContextClassRef for "at least Substantial" in an AuthnRequest.
LOA_CLASS_REF_PREFIX = "https://data.gov.dk/concept/core/nsis/loa/"


class AttributeProblem(Exception):
    """The assertion is valid SAML but does not meet the profile."""

    def __init__(self, code: str, message_da: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code = code
        self.message_da = message_da
        self.message_en = message_en


@dataclass(frozen=True)
class ProfessionalIdentity:
    persistent_id: str  # professional UUID (persistent), else RID, else the NameID
    cvr: str
    org_name: str
    first_name: str
    last_name: str
    email: str
    loa: str


def _one(ava: Mapping[str, Sequence[str]], name: str) -> str:
    values = ava.get(name) or []
    return str(values[0]).strip() if values else ""


def loa_rank(level: str) -> int:
    """0 for unknown, 1 Low, 2 Substantial, 3 High (case-insensitive)."""
    lowered = [lv.lower() for lv in LOA_LEVELS]
    value = level.strip().lower().removeprefix(LOA_CLASS_REF_PREFIX.lower())
    return lowered.index(value) + 1 if value in lowered else 0


def identity_from_attributes(
    ava: Mapping[str, Sequence[str]], *, name_id: str, min_loa: str = "Substantial"
) -> ProfessionalIdentity:
    """Map NemLog-in attributes; refuse a level of assurance below ``min_loa``,
    a missing or invalid CVR, or a missing persistent identifier."""
    loa = _one(ava, ATTR_LOA)
    if loa_rank(loa) < max(loa_rank(min_loa), 2):
        raise AttributeProblem(
            "loa_too_low",
            "Log-ind kræver MitID Erhverv på mindst sikringsniveau Betydelig (NSIS Substantial).",
            "Log-in requires MitID Erhverv at NSIS level of assurance Substantial or higher.",
        )
    raw_cvr = _one(ava, ATTR_CVR)
    if not raw_cvr:
        raise AttributeProblem(
            "cvr_missing",
            "Log-ind gav ikke et CVR-nummer. "
            "Log på som medarbejder i en virksomhed (MitID Erhverv).",
            "The log-in did not include a CVR number. Log in as an employee of a company "
            "(MitID Erhverv).",
        )
    problem = cvr_problem(raw_cvr)
    if problem is not None:
        raise AttributeProblem("cvr_invalid", problem.message_da, problem.message_en)
    persistent = _one(ava, ATTR_PROFESSIONAL_UUID) or _one(ava, ATTR_RID) or name_id.strip()
    if not persistent:
        raise AttributeProblem(
            "identity_missing",
            "Log-ind gav ingen vedvarende identifikation af personen.",
            "The log-in did not include a persistent identifier for the person.",
        )
    first, last = _one(ava, ATTR_FIRST_NAME), _one(ava, ATTR_LAST_NAME)
    if not (first or last):
        full = _one(ava, ATTR_FULL_NAME)
        first, _, last = full.partition(" ")
    return ProfessionalIdentity(
        persistent_id=persistent,
        cvr=normalise_cvr(raw_cvr),
        org_name=_one(ava, ATTR_ORG_NAME),
        first_name=first[:150],
        last_name=last[:150],
        email=_one(ava, ATTR_EMAIL)[:254],
        loa=LOA_LEVELS[loa_rank(loa) - 1],
    )
