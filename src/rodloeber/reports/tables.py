"""A figure (figur) = one table of numbers behind one chart. The same object
feeds the SVG chart, the accessible data table, the CSV/XLSX download and the
public JSON (``GET /api/v1/statistics``)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook

from rodloeber.core.spreadsheet import neutralise

#: Column kinds: how a value is shown and whether it can be charted.
COUNT, DAYS, SHARE, TEXT, MDKK, DECIMAL = "count", "days", "share", "text", "mdkk", "decimal"


@dataclass(frozen=True)
class Column:
    key: str
    label_da: str
    label_en: str
    kind: str = COUNT

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_da


@dataclass
class Figure:
    """One figure: columns, rows (``None`` = suppressed "–"), chart hints."""

    key: str
    title_da: str
    title_en: str
    desc_da: str
    desc_en: str
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)
    chart: str = "bar"  # "bar", "line" or "" (table only)
    chart_value: str = ""  # column key drawn in the chart
    synthetic: bool = False

    @property
    def suppressed(self) -> bool:
        keys = [c.key for c in self.columns if c.kind != TEXT]
        return any(r.get(k) is None and k in r for r in self.rows for k in keys)

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_da

    def desc(self, lang: str) -> str:
        return self.desc_en if lang == "en" else self.desc_da

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title_da": self.title_da,
            "title_en": self.title_en,
            "description_da": self.desc_da,
            "description_en": self.desc_en,
            "synthetic": self.synthetic,
            "suppressed": self.suppressed,
            "columns": [
                {"key": c.key, "label_da": c.label_da, "label_en": c.label_en, "kind": c.kind}
                for c in self.columns
            ],
            "rows": [
                {
                    "key": r.get("key"),
                    **{c.key: r.get(c.key) for c in self.columns},
                    "label_en": r.get("label_en", r.get("label")),
                }
                for r in self.rows
            ],
        }


def cell_text(value: Any, kind: str, lang: str = "da") -> str:
    """A value as table text: "–" for suppressed/missing, 1 decimal for shares (%)."""
    if value is None:
        return "–"
    if kind == SHARE:
        text = f"{value * 100:.1f} %"
    elif kind == DAYS:
        text = f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    elif kind in (MDKK, DECIMAL):
        text = f"{value:.1f}"
    else:
        return str(value)
    return text if lang == "en" else text.replace(".", ",")


def _safe(value: Any) -> Any:
    return neutralise(value)  # no formula injection in spreadsheets


SYNTHETIC_LABEL = "syntetiske demodata / synthetic demo data"


def _data_label(lang: str) -> str:
    return "Data label" if lang == "en" else "Datamærke"


def _matrix(fig: Figure, lang: str) -> list[list[Any]]:
    """Header row and data rows only: no title or note rows inside the data.

    Synthetic figures get a last column (Datamærke / Data label) saying so
    on every row, so the label survives sorting, filtering and re-reading.
    """
    out: list[list[Any]] = [[c.label(lang) for c in fig.columns]]
    if fig.synthetic:
        out[0].append(_data_label(lang))
    for r in fig.rows:
        row = []
        for c in fig.columns:
            v = r.get(c.key)
            if c.kind == TEXT and isinstance(r.get(c.key + "_en"), str) and lang == "en":
                v = r[c.key + "_en"]
            row.append("–" if v is None else _safe(v))
        if fig.synthetic:
            row.append(SYNTHETIC_LABEL)
        out.append(row)
    return out


def to_csv(fig: Figure, lang: str = "da") -> bytes:
    """Semicolon CSV with a BOM (Excel), suppressed cells as "–"; no footer rows."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";")
    writer.writerows(_matrix(fig, lang))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(figs: list[Figure], lang: str = "da") -> bytes:
    """One data sheet per figure (header in row 1) and an "Om data" / "About" sheet.

    The figures' titles, descriptions and synthetic labels are on the last
    sheet, not inside the data.
    """
    wb = Workbook()
    about = wb.active
    assert about is not None
    about.title = "About" if lang == "en" else "Om data"
    about.append(
        ["Sheet", "Title", "Description"] if lang == "en" else ["Ark", "Titel", "Beskrivelse"]
    )
    for fig in figs:
        ws = wb.create_sheet(fig.key[:31])
        for row in _matrix(fig, lang):
            ws.append(row)
        ws.freeze_panes = "A2"
        note = f" ({SYNTHETIC_LABEL})" if fig.synthetic else ""
        about.append([ws.title, fig.title(lang) + note, fig.desc(lang)])
    wb.move_sheet(about, offset=len(figs))  # data first: the first sheet is the first figure
    wb.active = 0
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
