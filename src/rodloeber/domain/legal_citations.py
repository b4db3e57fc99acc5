"""Legal-basis lines (retsgrundlag) rendered in English.

The catalogue writes every legal basis in Danish ("Miljøvurderingsloven § 25,
jf. bilag 1 og bilag 2; NZIA art. 10"). English pages and English API answers
show the same line through :func:`legal_basis_en`: law names come from
``catalogue/laws.yaml`` ("Environmental Assessment Act (miljøvurderingsloven)"
— the Danish short name is kept so the act can be found on retsinformation.dk),
citation words from its ``terms`` (§ → s., stk. → subs., jf. → cf., bilag →
Annex ...), bracketed explanations from its ``phrases``, and the structure of a
citation is turned into the English style here ("§ 35, stk. 1" → "s. 35(1)",
"art. 9, stk. 1, litra a" → "Art. 9(1)(a)", "21. nov. 2024" → "21 Nov 2024",
"aftalens punkt 4" → "point 4 of the Agreement").

One pass over the text with one regular expression, so a replacement is never
translated twice. Words the table does not know are kept as written and
reported in :attr:`Rendering.unknown`; a test renders every legal-basis line of
the catalogue and fails on any unknown word, so the table stays complete.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

_MONTHS = {
    "jan": ("Jan", "January"),
    "feb": ("Feb", "February"),
    "mar": ("Mar", "March"),
    "apr": ("Apr", "April"),
    "maj": ("May", "May"),
    "jun": ("Jun", "June"),
    "jul": ("Jul", "July"),
    "aug": ("Aug", "August"),
    "sep": ("Sep", "September"),
    "okt": ("Oct", "October"),
    "nov": ("Nov", "November"),
    "dec": ("Dec", "December"),
}
_MONTH_WORDS = (
    r"jan(?:uar)?|feb(?:ruar)?|mar(?:ts)?|apr(?:il)?|maj|juni?|juli?|aug(?:ust)?"
    r"|sep(?:t|tember)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE = rf"(?P<date>(?P<d>\d{{1,2}})\.\s+(?P<mon>{_MONTH_WORDS})(?P<dot>\.?)\s+(?P<y>\d{{4}}))"
_AGREEMENT_POINT = r"(?P<point>aftalens\s+(?:punkt|pkt\.)\s+(?P<pno>\w+))"
#: "§ 35, stk. 1", "art. 11, stk. 1, litra a", "§ 13 stk. 2 nr. 1".
_CITE = (
    r"(?P<cite>(?P<unit>art\.|§)\s*(?P<num>\d+(?:\s?[a-z](?![\w.]))?)"
    r"(?P<parts>(?:,?\s*(?:stk\.|litra|nr\.)\s*[0-9a-z]+(?![\w]))+))"
)
_PART = re.compile(r"(stk\.|litra|nr\.)\s*([0-9a-z]+)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]\w*(?:-[^\W\d_]\w*)*")


@dataclass(frozen=True)
class Law:
    """One act, executive order or agreement: Danish short name → English."""

    da: str
    en: str
    aliases: tuple[str, ...]
    source: str
    keep_danish: bool = True

    @property
    def rendered(self) -> str:
        return f"{self.en} ({self.da})" if self.keep_danish else self.en


@dataclass(frozen=True)
class Rendering:
    """An English legal-basis line and the words the table did not know."""

    text: str
    unknown: tuple[str, ...]


@dataclass(frozen=True)
class CitationTable:
    """The content of ``laws.yaml``, ready to render with."""

    laws: tuple[Law, ...]
    literals: Mapping[str, str]  # lower-case Danish → English
    neutral: frozenset[str]
    pattern: re.Pattern[str]

    @property
    def kept_danish_names(self) -> tuple[str, ...]:
        return tuple(f"({law.da})" for law in self.laws if law.keep_danish)


def _boundary(literal: str) -> str:
    body = re.escape(literal).replace(r"\ ", r"\s+")
    return rf"(?<![\w§]){body}(?!\w)" if literal[-1].isalnum() else rf"(?<![\w§]){body}"


def build_table(data: Mapping[str, object]) -> CitationTable:
    """Build a table from the parsed ``laws.yaml`` (tests pass their own)."""
    laws: list[Law] = []
    literals: dict[str, str] = {}
    for raw in _items(data, "laws"):
        law = Law(
            da=str(raw["da"]),
            en=str(raw["en"]),
            aliases=tuple(str(a) for a in _list(raw.get("aliases"))),
            source=str(raw.get("source", "")),
            keep_danish=bool(raw.get("keep_danish", True)),
        )
        laws.append(law)
        for name in (law.da, *law.aliases):
            literals[name.lower()] = law.rendered
    for key in ("terms", "phrases"):
        for raw in _items(data, key):
            literals[str(raw["da"]).lower()] = str(raw["en"])
    ordered = sorted(literals, key=len, reverse=True)
    alternatives = "|".join(_boundary(lit) for lit in ordered)
    pattern = re.compile(
        f"{_DATE}|{_AGREEMENT_POINT}|{_CITE}|(?P<lit>{alternatives})", re.IGNORECASE
    )
    neutral = frozenset(str(n) for n in _list(data.get("neutral")))
    return CitationTable(tuple(laws), literals, neutral, pattern)


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def _items(data: Mapping[str, object], key: str) -> list[Mapping[str, object]]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise ValueError(f"laws.yaml: '{key}' must be a list")
    return [v for v in value if isinstance(v, Mapping)]


def _date(m: re.Match[str]) -> str:
    short, full = _MONTHS[m["mon"][:3].lower()]
    word = short if (m["dot"] or len(m["mon"]) <= 3) and m["mon"].lower() != "maj" else full
    return f"{int(m['d'])} {word} {m['y']}"


def _cite(m: re.Match[str]) -> str:
    num = m["num"].replace(" ", "")
    if m["unit"].lower() == "art.":
        return "Art. " + num + "".join(f"({p[2]})" for p in _PART.finditer(m["parts"]))
    text = "s. " + num
    for part in _PART.finditer(m["parts"]):
        kind = part[1].lower()
        text += f"({part[2]})" if kind != "nr." else f", no. {part[2]}"
    return text


def render(text: str, table: CitationTable) -> Rendering:
    """Render ``text`` in English with ``table``; unknown words are kept."""
    unknown: list[str] = []
    out: list[str] = []
    pos = 0

    def gap(segment: str) -> None:
        for word in _WORD.findall(segment):
            if (len(word) == 1 and word.isascii()) or word in table.neutral:
                continue
            unknown.append(word)
        out.append(segment)

    handlers: dict[str, Callable[[re.Match[str]], str]] = {
        "date": _date,
        "point": lambda m: f"point {m['pno']} of the Agreement",
        "cite": _cite,
        "lit": lambda m: table.literals[re.sub(r"\s+", " ", m[0].lower())],
    }
    for m in table.pattern.finditer(text):
        gap(text[pos : m.start()])
        group = next(name for name in handlers if m.group(name) is not None)
        out.append(handlers[group](m))
        pos = m.end()
    gap(text[pos:])
    rendered = "".join(out)
    if not rendered.startswith(("s. ", "ss. ")):  # "s. 13" stays lower-case
        rendered = rendered[:1].upper() + rendered[1:]
    return Rendering(rendered, tuple(dict.fromkeys(unknown)))


def laws_file() -> Path:
    """The packaged table (``src/rodloeber/catalogue/laws.yaml``)."""
    return Path(__file__).resolve().parent.parent / "catalogue" / "laws.yaml"


@lru_cache(maxsize=4)
def load_table(path: Path | None = None) -> CitationTable:
    """Read and compile ``laws.yaml`` once per process."""
    data = yaml.safe_load((path or laws_file()).read_text(encoding="utf-8"))
    if not isinstance(data, Mapping):
        raise ValueError("laws.yaml must be a mapping")
    return build_table(data)


@lru_cache(maxsize=1024)
def legal_basis_en(text: str) -> str:
    """The English rendering of a Danish legal-basis line ("" stays "")."""
    if not text:
        return text
    return render(text, load_table()).text


def legal_basis(text: str, language: str) -> str:
    """The legal basis as shown in ``language``: Danish as written, English rendered."""
    return legal_basis_en(text) if language.startswith("en") else text


def with_english_legal_bases(value: object) -> object:
    """A copy of an API answer with ``legal_basis_en`` beside every ``legal_basis``.

    The API is bilingual in pairs (``name_da``/``name_en``, ``reason``/``reason_en``);
    ``legal_basis`` stays the Danish line as written, the authoritative text.
    """
    if isinstance(value, Mapping):
        out: dict[str, object] = {}
        for key, item in value.items():
            out[key] = with_english_legal_bases(item)
            if key == "legal_basis":
                out["legal_basis_en"] = legal_basis_en(item) if isinstance(item, str) else item
        return out
    if isinstance(value, list):
        return [with_english_legal_bases(item) for item in value]
    return value


def english_pairs(answer: Mapping[str, Any]) -> dict[str, Any]:
    """:func:`with_english_legal_bases` for a whole JSON object."""
    out = with_english_legal_bases(answer)
    assert isinstance(out, dict)
    return out
