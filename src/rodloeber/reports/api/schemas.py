"""Response shapes of the public statistics API (offentlig statistik)."""

from __future__ import annotations

from ninja import Schema


class ColumnOut(Schema):
    key: str
    label_da: str
    label_en: str
    kind: str


class FigureOut(Schema):
    """One figure. Each row holds ``key``, ``label_en`` and one value per column
    key; a suppressed value (fewer cases than ``min_group_size``) is ``null``."""

    key: str
    title_da: str
    title_en: str
    description_da: str
    description_en: str
    synthetic: bool
    suppressed: bool
    columns: list[ColumnOut]
    rows: list[dict[str, str | int | float | None]]


class StatisticsOut(Schema):
    as_of: str
    generated_at: str
    min_group_size: int
    suppression_mark: str
    suppression_note_da: str
    suppression_note_en: str
    synthetic_included: bool
    synthetic_note_da: str
    synthetic_note_en: str
    figures: list[FigureOut]
