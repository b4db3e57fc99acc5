"""From the form's answers (svar) to ProjectFacts JSON, with per-field errors.

Answers are the raw form values (strings, or lists for checkboxes), kept in
the session and in hidden fields between steps so nothing is lost. They are
validated here at the edge (numbers, choices, the site) and then by the
domain's ``parse_project_facts``; its error paths are mapped back to fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.translation import gettext as _

from rodloeber.accounts.reference import municipalities
from rodloeber.checks.questions import (
    CHOICE,
    INT,
    MULTI,
    NONE,
    NUMBER,
    POINT,
    SELECT,
    TEXT,
    TONNES,
    UNKNOWN,
    YESNO,
    Question,
    Step,
)
from rodloeber.checks.steps import QUESTIONS, STEPS, field_for_path
from rodloeber.domain.catalogue import load_catalogue
from rodloeber.domain.facts import FactsError, parse_project_facts
from rodloeber.layers.kommune_lookup import kommune_at, kommune_in_text

Answers = dict[str, str | list[str]]
UNKNOWN_SUFFIX = "__unknown"
LON, LAT = "site_lon", "site_lat"
SPACES = re.compile(r"[\s\u00a0\u202f]+")


def field_names(step: Step) -> list[str]:
    """Every form field name that belongs to ``step``."""
    names: list[str] = []
    for q in step.questions:
        if q.kind == POINT:
            names += [LON, LAT]
        elif q.kind == TONNES:
            names += [f"haz_{key}" for key in load_catalogue().seveso_substances]
        else:
            names.append(q.name)
        if q.kind in (INT, NUMBER):
            names.append(q.name + UNKNOWN_SUFFIX)
    return names


def _read(data: QueryDict, names: Iterable[str], only_present: bool) -> Answers:
    result: Answers = {}
    for name in names:
        if only_present and name not in data:
            continue
        q = QUESTIONS.get(name)
        if q is not None and q.kind == MULTI:
            result[name] = [v for v in data.getlist(name) if v]
        else:
            result[name] = (data.get(name) or "").strip()
    return result


def answers_from_post(data: QueryDict, current: Step, saved: Answers) -> Answers:
    """Saved answers, then hidden fields of other steps, then this step's fields."""
    answers: Answers = dict(saved)
    for other in STEPS:
        if other is not current:
            answers.update(_read(data, field_names(other), only_present=True))
    answers.update(_read(data, field_names(current), only_present=False))
    return {k: v for k, v in answers.items() if v not in ("", [])}


@dataclass
class Conversion:
    """ProjectFacts JSON, errors by field name, and notes on how the site was read."""

    facts: dict[str, object] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def errors_for(self, step: Step) -> dict[str, str]:
        names = {q.name for q in step.questions}
        return {k: v for k, v in self.errors.items() if k in names}


def _text(answers: Mapping[str, object], name: str) -> str:
    value = answers.get(name, "")
    return value.strip() if isinstance(value, str) else ""


def parse_int(raw: str) -> int:
    """'150.000.000', '150 000 000', '150,000,000' or '150000000' -> 150000000."""
    text = SPACES.sub("", raw)
    if text.startswith("-"):
        raise ValueError(_("The number cannot be negative."))
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):
        text = re.sub(r"[.,]", "", text)
    if not re.fullmatch(r"\d+", text):
        raise ValueError(_("Write a whole number with digits only, e.g. 150000000."))
    return int(text)


def parse_number(raw: str, language: str) -> float:
    """Danish '1,5' and '40.000'; English '1.5' and '40,000'."""
    text = SPACES.sub("", raw)
    group, decimal = (".", ",") if language == "da" else (",", ".")
    grouped = rf"-?\d{{1,3}}(\{group}\d{{3}})+(\{decimal}\d+)?"
    if re.fullmatch(grouped, text):
        text = text.replace(group, "").replace(decimal, ".")
    elif re.fullmatch(r"-?\d+([.,]\d+)?", text):
        text = text.replace(",", ".")
    else:
        raise ValueError(
            _("Write a number, e.g. 1,5.") if language == "da" else _("Write a number, e.g. 1.5.")
        )
    return float(text)


def _put(facts: dict[str, object], path: str, value: object) -> None:
    if value is None or not path:
        return
    head, _sep, rest = path.partition(".")
    if not rest:
        facts[head] = value
        return
    inner = facts.setdefault(head, {})
    assert isinstance(inner, dict)
    inner[rest] = value


def _value(q: Question, answers: Mapping[str, object], language: str) -> object:
    raw = answers.get(q.name)
    if q.kind == MULTI:
        items = [str(v) for v in raw] if isinstance(raw, list) else []
        special = {UNKNOWN, NONE} & set(items)
        if special and len(items) > 1:
            raise ValueError(_("Tick “None of these” or “Don't know” on its own, or tick items."))
        if not items or UNKNOWN in items:
            return None
        return [] if NONE in items else items
    text = _text(answers, q.name)
    if q.kind in (INT, NUMBER):
        if answers.get(q.name + UNKNOWN_SUFFIX) or not text:
            return None
        return parse_int(text) if q.kind == INT else parse_number(text, language)
    if not text or text == UNKNOWN:
        return None
    if q.kind == YESNO:
        if text not in ("yes", "no"):
            raise ValueError(_("Choose one of the answers."))
        return text == "yes"
    if q.kind == CHOICE:
        if text not in {value for value, _label in q.choices}:
            raise ValueError(_("Choose one of the answers."))
        return None if (q.name == "crma_stage" and text == NONE) else text
    if q.kind == SELECT:
        return None if text == NONE else text
    if q.kind == TEXT and q.name == "investor_country":
        return text.upper()
    return text


def _substances(answers: Mapping[str, object], flag: object, conv: Conversion, lang: str) -> None:
    amounts: list[dict[str, object]] = []
    for key in load_catalogue().seveso_substances:
        raw = _text(answers, f"haz_{key}")
        if not raw:
            continue
        try:
            tonnes = parse_number(raw, lang)
        except ValueError as exc:
            conv.errors.setdefault("hazardous_tonnes", str(exc))
            continue
        if tonnes > 0:
            amounts.append({"name": key, "tonnes": tonnes})
    if flag is False:
        conv.facts["hazardous_substances"] = []
    elif amounts:
        conv.facts["hazardous_substances"] = amounts
    elif flag is True and "hazardous_tonnes" not in conv.errors:
        conv.errors["hazardous_tonnes"] = _(
            "Write the amount of at least one substance, or answer “No” or “Don't know”."
        )


def kommune_label(code: str, language: str) -> str:
    """'Esbjerg Kommune' / 'Esbjerg Municipality' from the DAGI code."""
    for m in municipalities():
        if m.code == code:
            return m.name_en if language == "en" else m.name
    return code


def _site(answers: Mapping[str, object], conv: Conversion, language: str) -> None:
    chosen = _text(answers, "kommune")
    if chosen and chosen not in {m.code for m in municipalities()}:
        conv.errors["kommune"] = _("Choose a municipality from the list.")
        chosen = ""
    lon_raw, lat_raw = _text(answers, LON), _text(answers, LAT)
    from_point = None
    if lon_raw or lat_raw:
        try:
            lon, lat = float(lon_raw), float(lat_raw)
        except ValueError:
            conv.errors["site_point"] = _("The point on the map could not be read. Click again.")
        else:
            from_point = kommune_at(lon, lat)
            if from_point is None:
                conv.errors["site_point"] = _(
                    "The point is not inside a Danish municipality. Click on land in Denmark."
                )
            else:
                _put(conv.facts, "site.point", [round(lon, 6), round(lat, 6)])
    if chosen and from_point and chosen != from_point:
        conv.errors["kommune"] = _(
            "The point on the map lies in %(point)s, but you chose %(chosen)s. Choose the "
            "same municipality or remove the point."
        ) % {
            "point": kommune_label(from_point, language),
            "chosen": kommune_label(chosen, language),
        }
    address = _text(answers, "site_address")
    from_text = kommune_in_text(address) if address else None
    code = chosen or from_point or from_text
    if code:
        _put(conv.facts, "site.kommune_kode", code)
    name = kommune_label(code, language) if code else ""
    if not chosen and from_point:
        conv.notes.append(_("The municipality was found from the point on the map: %s.") % name)
    elif not chosen and from_text:
        conv.notes.append(_("The municipality was read from the address: %s.") % name)
    elif address and not code:
        conv.notes.append(
            _("No municipality name was found in the address, so the municipality is unknown.")
        )


def convert(answers: Mapping[str, object], language: str) -> Conversion:
    """Build ProjectFacts JSON from the answers; collect every error by field."""
    conv = Conversion()
    values: dict[str, object] = {}
    for q in QUESTIONS.values():
        if q.kind in (POINT, TONNES) or q.name == "kommune" or not q.path:
            continue
        try:
            values[q.name] = _value(q, answers, language)
        except ValueError as exc:
            conv.errors[q.name] = str(exc)
            continue
        if q.name != "hazardous":
            _put(conv.facts, q.path, values[q.name])
    _substances(answers, values.get("hazardous"), conv, language)
    _site(answers, conv, language)
    try:
        parse_project_facts(conv.facts)
    except FactsError as exc:
        for err in exc.errors:
            name = field_for_path(err.field) or "title"
            if err.field.startswith("hazardous_substances."):
                name = "hazardous_tonnes"
            conv.errors.setdefault(name, err.message_en if language == "en" else err.message_da)
    return conv
