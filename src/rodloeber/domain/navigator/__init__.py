"""Permit navigator (tilladelsesnavigator): which permits does a project need?

Usage::

    from rodloeber.domain.navigator import navigate
    permit_set = navigate(facts, kommune_names={"0561": "Esbjerg"})
    permit_set.to_dict()  # PermitSet JSON (docs/api.md)
"""

from rodloeber.domain.navigator.engine import RULES, navigate
from rodloeber.domain.navigator.model import (
    POSSIBLE,
    REQUIRED,
    Assumption,
    Finding,
    PermitResult,
    PermitSet,
)

__all__ = [
    "POSSIBLE",
    "REQUIRED",
    "RULES",
    "Assumption",
    "Finding",
    "PermitResult",
    "PermitSet",
    "navigate",
]
