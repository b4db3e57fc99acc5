"""Layout rules of the Gantt chart (Gantt-diagram), kept apart from the drawing.

* :func:`bar_status` — one status per permit bar (planlagt, i gang, afgjort,
  forsinket, kritisk) so colour *and* pattern tell the same story as the legend.
* :func:`wrap_label` — long permit names wrap onto two lines; what still does
  not fit ends in "…" (the full name is in the bar's tooltip and the table).
* :func:`assign_lanes` — marker labels (cap, today, clock start) that would
  overlap are moved to the next lane instead of being drawn over each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rodloeber.domain.planning.plan import PlannedPermit

__all__ = [
    "BAR_STATUSES",
    "CHAR_PX",
    "BarStatus",
    "assign_lanes",
    "bar_status",
    "text_width",
    "wrap_label",
]

#: Average glyph width (px) of 12 px IBM Plex Sans; used to estimate text width.
CHAR_PX = 6.6


@dataclass(frozen=True)
class BarStatus:
    """A bar status with its labels, colour and fill pattern (SVG shapes)."""

    code: str
    label_da: str
    label_en: str
    colour: str
    #: SVG drawn on top of the colour inside an 8×8 pattern tile ("" = solid).
    overlay: str

    def label(self, lang: str) -> str:
        return self.label_da if lang == "da" else self.label_en


#: Colours pass 3:1 against white for the bar outline; patterns tell the
#: statuses apart in black-and-white print and for colour-blind readers.
BAR_STATUSES: dict[str, BarStatus] = {
    s.code: s
    for s in (
        BarStatus("planned", "Planlagt", "Planned", "#a9c7e8", ""),
        BarStatus(
            "in_progress",
            "I gang",
            "In progress",
            "#3f7fbf",
            '<line x1="2" y1="0" x2="2" y2="8" stroke="#ffffff" stroke-width="2"/>',
        ),
        BarStatus(
            "done",
            "Afgjort",
            "Decided",
            "#2e6b34",
            '<circle cx="4" cy="4" r="1.4" fill="#ffffff"/>',
        ),
        BarStatus(
            "late",
            "Forsinket",
            "Late",
            "#e07b00",
            '<path d="M0,0 L8,8 M8,0 L0,8" stroke="#1a1a1a" stroke-width="1.2"/>',
        ),
        BarStatus(
            "critical",
            "Kritisk vej",
            "Critical path",
            "#b3261e",
            '<path d="M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6" stroke="#1a1a1a" stroke-width="1.6"/>',
        ),
    )
}


def bar_status(permit: PlannedPermit, *, today: date | None, cap_deadline: date) -> str:
    """The one status a permit's bar shows, most urgent first.

    Decided (afgjort) when its decision is an actual date; late (forsinket)
    when it ends after its baseline, after the cap deadline (for permits the
    cap covers) or has a planned milestone already in the past; critical when
    on the critical path; in progress (i gang) once started; else planned.
    """
    if any(m.kind == "decision" and m.status == "actual" for m in permit.milestones):
        return "done"
    overdue = today is not None and any(
        m.status == "planned" and m.date < today for m in permit.milestones
    )
    behind_baseline = permit.baseline_end is not None and permit.end > permit.baseline_end
    past_cap = permit.counts_toward_cap and permit.end > cap_deadline
    if overdue or behind_baseline or past_cap:
        return "late"
    if permit.on_critical_path:
        return "critical"
    if today is not None and permit.start <= today:
        return "in_progress"
    return "planned"


def text_width(text: str) -> float:
    """Estimated width in px of ``text`` at 12 px."""
    return len(text) * CHAR_PX


def wrap_label(text: str, width_px: float, max_lines: int = 2) -> tuple[str, ...]:
    """Split ``text`` into at most ``max_lines`` lines that fit ``width_px``.

    Breaks at spaces; a word longer than a line is cut. The last line ends in
    "…" when text is left over.
    """
    max_chars = max(4, int(width_px / CHAR_PX))
    lines: list[str] = []
    rest = text.split()
    while rest and len(lines) < max_lines:
        line = rest.pop(0)
        if len(line) > max_chars:
            rest.insert(0, line[max_chars:])
            line = line[:max_chars]
        while rest and len(line) + 1 + len(rest[0]) <= max_chars:
            line += " " + rest.pop(0)
        lines.append(line)
    if rest:
        last = lines[-1]
        lines[-1] = (last[: max_chars - 1].rstrip() if len(last) >= max_chars else last) + "…"
    return tuple(lines) or ("",)


def assign_lanes(spans: Sequence[tuple[float, float]], gap: float = 8.0) -> list[int]:
    """Lane index for each (x0, x1) span so spans in one lane never overlap.

    Greedy in left-to-right order, deterministic; lane 0 is used first.
    """
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], i))
    lane_ends: list[float] = []
    lanes = [0] * len(spans)
    for i in order:
        x0, x1 = spans[i]
        for lane, end in enumerate(lane_ends):
            if x0 >= end + gap:
                lanes[i] = lane
                lane_ends[lane] = x1
                break
        else:
            lanes[i] = len(lane_ends)
            lane_ends.append(x1)
    return lanes
