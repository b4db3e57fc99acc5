"""Field-by-field validation of ProjectFacts JSON with bilingual messages."""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

ACTIVITY_RE = re.compile(r"^bilag[12]:[A-Za-z0-9._-]+$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class FieldError:
    """One invalid field: dotted path plus Danish and English message."""

    field: str
    message_da: str
    message_en: str

    def to_dict(self) -> dict[str, str]:
        """JSON shape."""
        return {"field": self.field, "message_da": self.message_da, "message_en": self.message_en}


def _key(path: str) -> str:
    return path.rsplit(".", 1)[-1]


class FactsReader:
    """Reads typed values from mappings, collecting :class:`FieldError` s."""

    def __init__(self, *, allow_unknown_keys: bool = False) -> None:
        self.errors: list[FieldError] = []
        self.allow_unknown_keys = allow_unknown_keys

    def error(self, path: str, da: str, en: str) -> None:
        """Record an error for ``path``."""
        self.errors.append(FieldError(path, da, en))

    def unknown_keys(self, raw: Mapping[str, object], cls: type, prefix: str) -> None:
        """Report keys that are not fields of dataclass ``cls``."""
        if self.allow_unknown_keys:
            return
        known = {f.name for f in dataclasses.fields(cls)}
        for key in raw:
            if key not in known:
                path = f"{prefix}.{key}" if prefix else str(key)
                self.error(path, "Ukendt felt.", "Unknown field.")

    def _get(self, m: Mapping[str, object], path: str, required: bool) -> object:
        value = m.get(_key(path))
        if value is None and required:
            self.error(path, "Feltet skal udfyldes.", "This field is required.")
        return value

    def mapping(self, m: Mapping[str, object], path: str) -> Mapping[str, object] | None:
        """An optional JSON object."""
        value = self._get(m, path, False)
        if value is None:
            return None
        if isinstance(value, Mapping):
            return {str(k): v for k, v in value.items()}
        self.error(path, "Skal være et objekt.", "Must be an object.")
        return None

    def string(self, m: Mapping[str, object], path: str, *, required: bool = False) -> str | None:
        """An optional (or required) non-empty string."""
        value = self._get(m, path, required)
        if value is None:
            return None
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.error(path, "Skal være en tekst.", "Must be a non-empty string.")
        return None

    def boolean(self, m: Mapping[str, object], path: str) -> bool | None:
        """An optional boolean."""
        value = self._get(m, path, False)
        if value is None or isinstance(value, bool):
            return value
        self.error(path, "Skal være true eller false.", "Must be true or false.")
        return None

    def number(self, m: Mapping[str, object], path: str, *, required: bool = False) -> float | None:
        """An optional non-negative finite number."""
        value = self._get(m, path, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(path, "Skal være et tal.", "Must be a number.")
            return None
        if not math.isfinite(value) or value < 0:
            self.error(path, "Skal være et tal på 0 eller derover.", "Must be a number >= 0.")
            return None
        return float(value)

    def integer(
        self, m: Mapping[str, object], path: str, *, allow_float: bool = False
    ) -> int | None:
        """An optional non-negative integer (whole floats accepted if allowed)."""
        value = self._get(m, path, False)
        if value is None:
            return None
        if isinstance(value, float) and allow_float and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(path, "Skal være et heltal.", "Must be a whole number.")
            return None
        if value < 0:
            self.error(path, "Må ikke være negativ.", "Must not be negative.")
            return None
        return value

    def choice(self, m: Mapping[str, object], path: str, allowed: Sequence[str]) -> str | None:
        """An optional string from ``allowed``."""
        value = self._get(m, path, False)
        if value is None:
            return None
        if isinstance(value, str) and value in allowed:
            return value
        options = ", ".join(allowed)
        self.error(path, f"Skal være en af: {options}.", f"Must be one of: {options}.")
        return None

    def country(self, m: Mapping[str, object], path: str) -> str | None:
        """An ISO 3166-1 alpha-2 country code (upper-cased)."""
        value = self._get(m, path, False)
        if value is None:
            return None
        if isinstance(value, str) and COUNTRY_RE.match(value.strip().upper()):
            return value.strip().upper()
        self.error(
            path,
            "Skal være en landekode på to bogstaver (ISO 3166-1), fx DE.",
            "Must be a two-letter country code (ISO 3166-1), e.g. DE.",
        )
        return None

    def kommune_kode(self, m: Mapping[str, object], path: str) -> str | None:
        """A four-digit kommune code (0101-0860); three digits are zero-padded."""
        value = self._get(m, path, False)
        if value is None:
            return None
        text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        if isinstance(text, str) and text.isdigit() and len(text) in (3, 4):
            code = text.zfill(4)
            if 101 <= int(code) <= 860:
                return code
        self.error(
            path,
            "Skal være en firecifret kommunekode fra DAGI, fx 0561.",
            "Must be a four-digit DAGI municipality code, e.g. 0561.",
        )
        return None

    def point(
        self, m: Mapping[str, object], path: str, bbox: tuple[float, float, float, float]
    ) -> tuple[float, float] | None:
        """A [lon, lat] point in EPSG:4326 inside Denmark's bounding box."""
        value = self._get(m, path, False)
        if value is None:
            return None
        ok = (
            isinstance(value, list | tuple)
            and len(value) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        )
        if not ok:
            self.error(path, "Skal være [længde, bredde].", "Must be [lon, lat].")
            return None
        assert isinstance(value, list | tuple)
        lon, lat = float(value[0]), float(value[1])
        if not (bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]):
            self.error(
                path,
                "Punktet ligger uden for Danmark (forventer [længde, bredde] i EPSG:4326).",
                "The point is outside Denmark (expected [lon, lat] in EPSG:4326).",
            )
            return None
        return (lon, lat)

    def _string_list(self, m: Mapping[str, object], path: str) -> list[str] | None:
        value = self._get(m, path, False)
        if value is None:
            return None
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return [str(v) for v in value]
        self.error(path, "Skal være en liste af tekster.", "Must be a list of strings.")
        return None

    def activities(self, m: Mapping[str, object], path: str) -> tuple[str, ...] | None:
        """Listings like ``bilag1:4.2.a`` or ``bilag2:A202``."""
        items = self._string_list(m, path)
        if items is None:
            return None
        for i, item in enumerate(items):
            if not ACTIVITY_RE.match(item):
                self.error(
                    f"{path}.{i}",
                    "Skal have formen bilag1:<punkt> eller bilag2:<kode>, fx bilag1:4.2.a.",
                    "Must look like bilag1:<point> or bilag2:<code>, e.g. bilag1:4.2.a.",
                )
        return tuple(dict.fromkeys(items))

    def keys(
        self,
        m: Mapping[str, object],
        path: str,
        allowed: Sequence[str],
        aliases: Mapping[str, str] | None = None,
    ) -> tuple[str, ...] | None:
        """A list of catalogue keys from ``allowed``; ``aliases`` (old keys) are
        replaced by their current key."""
        items = self._string_list(m, path)
        if items is None:
            return None
        items = [(aliases or {}).get(item, item) for item in items]
        for i, item in enumerate(items):
            if item not in allowed:
                options = ", ".join(allowed)
                self.error(
                    f"{path}.{i}", f"Skal være en af: {options}.", f"Must be one of: {options}."
                )
        return tuple(dict.fromkeys(items))

    def list_of_mappings(
        self, m: Mapping[str, object], path: str
    ) -> list[Mapping[str, object]] | None:
        """An optional list of JSON objects."""
        value = self._get(m, path, False)
        if value is None:
            return None
        if isinstance(value, list) and all(isinstance(v, Mapping) for v in value):
            return [{str(k): v for k, v in item.items()} for item in value]
        self.error(path, "Skal være en liste af objekter.", "Must be a list of objects.")
        return None
