"""The questions of the check, step by step (spørgsmål i tjekket).

Each question names its form field, the ProjectFacts path it fills, its kind
(how it is asked and parsed) and a label and hint in English (msgids) with
Danish translations in ``locale/da``. Every question can be answered "don't
know" (Ved ikke), which leaves the fact unknown (null).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXT = "text"
INT = "int"
NUMBER = "number"
YESNO = "yesno"
CHOICE = "choice"
SELECT = "select"
MULTI = "multi"
TONNES = "tonnes"
POINT = "point"

UNKNOWN = "unknown"
NONE = "none"


@dataclass(frozen=True)
class Question:
    """One question: form field ``name`` filling the facts ``path``."""

    name: str
    path: str
    kind: str
    label: str | Promise
    hint: str | Promise
    choices: tuple[tuple[str, str | Promise], ...] = ()
    source: str = ""  # catalogue list for SELECT/MULTI/TONNES choices
    unit: str | Promise = ""
    #: Asked only when relevant: (question name, answers that keep it shown)
    #: pairs, all of which must hold. check.js hides the question otherwise;
    #: without JavaScript it is always shown (the domain ignores an answer
    #: that does not apply).
    shown_if: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def input_id(self) -> str:
        return f"q-{self.name.replace('_', '-')}"


@dataclass(frozen=True)
class Step:
    """One step of the form (trin)."""

    number: int
    slug: str
    title: str | Promise
    intro: str | Promise
    questions: tuple[Question, ...]


KIND_CHOICES = (
    ("new", _("A new plant")),
    ("expansion", _("Expansion of an existing plant")),
    ("conversion", _("Conversion of an existing plant")),
    (UNKNOWN, _("Don't know")),
)
CRMA_STAGE_CHOICES = (
    ("extraction", _("Extraction")),
    ("processing", _("Processing")),
    ("recycling", _("Recycling")),
    (NONE, _("Not a critical raw materials project")),
    (UNKNOWN, _("Don't know")),
)
ZONE_CHOICES = (
    ("byzone", _("Urban zone (byzone)")),
    ("landzone", _("Rural zone (landzone)")),
    ("sommerhusomraade", _("Summer cottage area (sommerhusområde)")),
    (UNKNOWN, _("Don't know")),
)
EIA_CHOICES = (
    ("annex1", _("Annex 1: always an environmental impact assessment")),
    ("annex2", _("Annex 2: screening decides")),
    ("none", _("Neither annex")),
    (UNKNOWN, _("Don't know")),
)
WASTEWATER_CHOICES = (
    ("recipient", _("Directly to a lake, stream or the sea (recipient)")),
    ("sewer", _("To the public sewer")),
    ("none", _("No process wastewater")),
    (UNKNOWN, _("Don't know")),
)
