"""Typed reading of YAML catalogue entries with error collection.

Every problem names the file, the entry (its ``code``/``key``) and the field,
so an authority editing the YAML sees exactly what to fix.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from rodloeber.domain.catalogue_models import ParamValue, Text
from rodloeber.domain.errors import DomainError


@dataclass(frozen=True)
class CatalogueProblem:
    """One validation problem in a catalogue file."""

    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}"
        if self.entry:
            where += f", entry '{self.entry}'"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class CatalogueError(DomainError):
    """The rule catalogue is invalid (fejl i regelkataloget)."""

    def __init__(self, problems: Sequence[CatalogueProblem]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"- {p}" for p in self.problems)
        super().__init__(
            f"Regelkataloget er ugyldigt ({len(self.problems)} fejl):\n{lines}",
            f"The rule catalogue is invalid ({len(self.problems)} problems):\n{lines}",
        )


class Reader:
    """Collects problems while reading one file's entries."""

    def __init__(self, file: str, problems: list[CatalogueProblem]) -> None:
        self.file = file
        self.problems = problems

    def problem(self, entry: str, field: str, message: str) -> None:
        """Record a problem."""
        self.problems.append(CatalogueProblem(self.file, entry, field, message))

    def mapping(self, data: object, entry: str, field: str) -> Mapping[str, object]:
        """Return ``data`` as a mapping or record a problem."""
        if isinstance(data, Mapping):
            return {str(k): v for k, v in data.items()}
        self.problem(entry, field, "must be a mapping")
        return {}

    def entries(self, data: Mapping[str, object], field: str) -> list[Mapping[str, object]]:
        """Return a list of mappings at ``field``."""
        value = data.get(field)
        if not isinstance(value, list):
            self.problem("", field, "must be a list")
            return []
        return [self.mapping(item, f"#{i + 1}", field) for i, item in enumerate(value)]

    def string(self, m: Mapping[str, object], field: str, entry: str) -> str:
        """A required non-empty string."""
        value = m.get(field)
        if isinstance(value, str) and value.strip():
            return value
        self.problem(entry, field, "is required and must be a non-empty string")
        return ""

    def opt_string(self, m: Mapping[str, object], field: str, entry: str) -> str | None:
        """An optional string (missing or null means None)."""
        value = m.get(field)
        if value is None:
            return None
        if isinstance(value, str):
            return value
        self.problem(entry, field, "must be a string or null")
        return None

    def integer(self, m: Mapping[str, object], field: str, entry: str) -> int:
        """A required integer."""
        value = m.get(field)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self.problem(entry, field, "is required and must be an integer")
        return 0

    def opt_integer(self, m: Mapping[str, object], field: str, entry: str) -> int | None:
        """An optional integer (null allowed)."""
        if m.get(field) is None:
            return None
        return self.integer(m, field, entry)

    def number(self, m: Mapping[str, object], field: str, entry: str) -> float:
        """A required number."""
        value = m.get(field)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        self.problem(entry, field, "is required and must be a number")
        return 0.0

    def boolean(self, m: Mapping[str, object], field: str, entry: str) -> bool:
        """A required boolean."""
        value = m.get(field)
        if isinstance(value, bool):
            return value
        self.problem(entry, field, "is required and must be true or false")
        return False

    def opt_boolean(self, m: Mapping[str, object], field: str, entry: str) -> bool | None:
        """An optional boolean (null allowed)."""
        if m.get(field) is None:
            return None
        return self.boolean(m, field, entry)

    def strings(self, m: Mapping[str, object], field: str, entry: str) -> tuple[str, ...]:
        """A required list of strings (may be empty)."""
        value = m.get(field)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(str(v) for v in value)
        self.problem(entry, field, "is required and must be a list of strings")
        return ()

    def choice(
        self, m: Mapping[str, object], field: str, entry: str, allowed: Sequence[str]
    ) -> str:
        """A required string from ``allowed``."""
        value = self.string(m, field, entry)
        if value and value not in allowed:
            self.problem(entry, field, f"'{value}' is not one of {', '.join(allowed)}")
        return value

    def texts(self, m: Mapping[str, object], field: str, entry: str) -> dict[str, Text]:
        """A mapping of bilingual texts ``{key: {da: ..., en: ...}}``."""
        raw = self.mapping(m.get(field), entry, field)
        result: dict[str, Text] = {}
        for key, value in raw.items():
            text = self.mapping(value, entry, f"{field}.{key}")
            result[key] = Text(
                da=self.string(text, "da", entry) if text else "",
                en=self.string(text, "en", entry) if text else "",
            )
        return result

    def params(self, m: Mapping[str, object], field: str, entry: str) -> dict[str, ParamValue]:
        """Rule parameters: numbers, strings, booleans or lists of strings."""
        raw = self.mapping(m.get(field, {}), entry, field)
        result: dict[str, ParamValue] = {}
        for key, value in raw.items():
            if isinstance(value, bool | int | float | str):
                result[key] = value
            elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                result[key] = tuple(str(v) for v in value)
            else:
                self.problem(entry, f"{field}.{key}", "must be a number, string or string list")
        return result


def read_yaml(path: Path, problems: list[CatalogueProblem]) -> Mapping[str, object]:
    """Read one YAML file as a mapping, recording problems instead of raising."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(CatalogueProblem(path.name, "", "", "file is missing"))
        return {}
    except yaml.YAMLError as exc:
        problems.append(CatalogueProblem(path.name, "", "", f"is not valid YAML: {exc}"))
        return {}
    if not isinstance(data, Mapping):
        problems.append(CatalogueProblem(path.name, "", "", "top level must be a mapping"))
        return {}
    reader = Reader(path.name, problems)
    version = data.get("version")
    if not isinstance(version, str) or not version.strip():
        reader.problem("", "version", "is required and must be a string like '2026.11.1'")
    return {str(k): v for k, v in data.items()}
