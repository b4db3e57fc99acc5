"""Evaluation criteria and application questions for § 13 stk. 1 (rule data).

Weights live in ``rules/evaluation.yaml`` with their legal basis; the
application questions (answers) are listed here with the condition they
document.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

RULES = Path(__file__).resolve().parent / "rules" / "evaluation.yaml"


@dataclass(frozen=True)
class Criterion:
    code: str
    title_da: str
    title_en: str
    legal_basis: str
    weight: float
    verified: bool

    def title(self, language: str) -> str:
        return self.title_en if language == "en" else self.title_da


@dataclass(frozen=True)
class Rules:
    version: str
    min_score: int
    max_score: int
    criteria: tuple[Criterion, ...]

    def get(self, code: str) -> Criterion | None:
        return next((c for c in self.criteria if c.code == code), None)


@cache
def rules() -> Rules:
    data = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    return Rules(
        version=str(data["version"]),
        min_score=int(data["scale"]["min"]),
        max_score=int(data["scale"]["max"]),
        criteria=tuple(
            Criterion(
                code=c["code"],
                title_da=c["title_da"],
                title_en=c["title_en"],
                legal_basis=c["legal_basis"],
                weight=float(c["weight"]),
                verified=bool(c.get("verified", False)),
            )
            for c in data["criteria"]
        ),
    )


@dataclass(frozen=True)
class Question:
    """One answer field of an application; ``required`` ones must be filled to submit."""

    key: str
    label_da: str
    label_en: str
    legal_basis: str
    required: bool = True
    kind: str = "text"  # text | date

    def label(self, language: str) -> str:
        return self.label_en if language == "en" else self.label_da


_NR = "L 206 § 13, stk. 1, nr. "
QUESTIONS: tuple[Question, ...] = (
    Question(
        "municipal_commitment",
        "Kommunalt ønske og tilsagn om at understøtte udviklingen",
        "Municipal wish and commitment to support the development",
        _NR + "1",
    ),
    Question(
        "council_decisions",
        "Byrådsbeslutninger (dato og indhold)",
        "Municipal council decisions (date and content)",
        _NR + "1",
    ),
    Question(
        "business_interest",
        "Erhvervsmæssig interesse: navngivne virksomheder og hensigtserklæringer",
        "Business interest: named companies and letters of intent",
        _NR + "2",
    ),
    Question(
        "electricity",
        "El: nu og planlagt (kapacitet, datoer)",
        "Electricity: now and planned (capacity, dates)",
        _NR + "3",
    ),
    Question("water", "Vand: nu og planlagt", "Water: now and planned", _NR + "3"),
    Question(
        "wastewater",
        "Spildevand: afledning og rensning, nu og planlagt",
        "Wastewater: drainage and treatment, now and planned",
        _NR + "3; aftalen af 21. nov. 2024, pkt. 9-10",
    ),
    Question(
        "waste",
        "Affald: håndtering og kapacitet, nu og planlagt",
        "Waste: handling and capacity, now and planned",
        _NR + "3; aftalen af 21. nov. 2024, pkt. 10",
    ),
    Question(
        "heating", "Varme: nu og planlagt", "Heating: now and planned", _NR + "3", required=False
    ),
    Question("gas", "Gas: nu og planlagt", "Gas: now and planned", _NR + "3", required=False),
    Question(
        "utilities_ready_by",
        "Forsyning klar senest",
        "Utilities ready by",
        _NR + "3",
        required=False,
        kind="date",
    ),
    Question(
        "transport",
        "Transportinfrastruktur (vej, bane, havn)",
        "Transport infrastructure (road, rail, port)",
        _NR + "4",
    ),
    Question(
        "labour_education",
        "Arbejdskraft, uddannelsesinstitutioner, internationale skoler og klynger",
        "Labour, education institutions, international schools and clusters",
        _NR + "5",
    ),
)
QUESTION_KEYS = frozenset(q.key for q in QUESTIONS)
