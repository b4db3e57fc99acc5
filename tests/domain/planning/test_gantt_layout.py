from datetime import date

from rodloeber.domain.planning.forecast import MilestoneDate
from rodloeber.domain.planning.gantt_layout import assign_lanes, bar_status, wrap_label
from rodloeber.domain.planning.plan import PlannedPermit

CAP = date(2027, 1, 1)


def _permit(**kw: object) -> PlannedPermit:
    base: dict[str, object] = {
        "code": "p",
        "name_da": "P",
        "name_en": "P",
        "authority_level": "municipal",
        "counts_toward_cap": True,
        "start": date(2026, 3, 1),
        "end": date(2026, 6, 1),
        "latest_end": date(2026, 7, 1),
        "total_float_days": 30,
        "on_critical_path": False,
        "milestones": (MilestoneDate("decision", date(2026, 6, 1), "planned", True),),
    }
    base.update(kw)
    return PlannedPermit(**base)  # type: ignore[arg-type]


def test_status_order_done_late_critical_in_progress_planned() -> None:
    decided = (MilestoneDate("decision", date(2026, 6, 1), "actual", True),)
    assert bar_status(_permit(milestones=decided), today=None, cap_deadline=CAP) == "done"
    assert bar_status(_permit(end=date(2027, 2, 1)), today=None, cap_deadline=CAP) == "late"
    behind = _permit(baseline_end=date(2026, 5, 1))
    assert bar_status(behind, today=None, cap_deadline=CAP) == "late"
    overdue_today = date(2026, 6, 10)
    assert bar_status(_permit(), today=overdue_today, cap_deadline=CAP) == "late"
    assert bar_status(_permit(on_critical_path=True), today=None, cap_deadline=CAP) == "critical"
    assert bar_status(_permit(), today=date(2026, 4, 1), cap_deadline=CAP) == "in_progress"
    assert bar_status(_permit(), today=date(2026, 1, 1), cap_deadline=CAP) == "planned"
    # a permit the cap does not cover is not late just because it ends after the cap
    outside = _permit(end=date(2027, 2, 1), counts_toward_cap=False)
    assert bar_status(outside, today=None, cap_deadline=CAP) == "planned"


def test_wrap_label() -> None:
    assert wrap_label("Lokalplan", 200) == ("Lokalplan",)
    lines = wrap_label("Tilladelse til udledning af spildevand til vandløb og søer", 132)
    assert len(lines) == 2 and all(len(line) <= 20 for line in lines)
    assert lines[1].endswith("…")
    assert wrap_label("Overfladevandsudledningstilladelse", 66) == ("Overfladev", "andsudled…")


def test_assign_lanes_keeps_overlapping_spans_apart() -> None:
    assert assign_lanes([(0, 100), (200, 300)]) == [0, 0]
    assert assign_lanes([(0, 100), (50, 150), (104, 200)]) == [0, 1, 2]
    assert assign_lanes([(0, 100), (50, 150), (120, 200)]) == [0, 1, 0]
