from datetime import UTC, date, datetime

from rodloeber.domain.planning import build_plan
from rodloeber.domain.planning.ics import escape_text, fold_line, plan_to_ics
from rodloeber.domain.planning.testing import Cap, make_permit

START = date(2026, 3, 2)
STAMP = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _ics(name: str = "Miljøgodkendelse") -> str:
    permits = (make_permit("environmental_approval", 30, name_da=name), make_permit("b", 10))
    plan = build_plan(permits, clock_start=START, cap=Cap(12), n_samples=0)
    return plan_to_ics(plan, dtstamp=STAMP)


def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_crlf_and_octet_folding() -> None:
    text = _ics("Æblegrød; ørred, ål og " + "ø" * 80)
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    text.encode("utf-8").decode("utf-8")  # folding never splits a character


def test_structure_and_escaping() -> None:
    lines = _unfold(_ics("Miljø; godkendelse, trin\\1"))
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "VERSION:2.0" in lines
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 7 + 7 + 1
    assert "SUMMARY:Miljø\\; godkendelse\\, trin\\\\1: Afgørelse" in lines
    assert "DTSTAMP:20260302T093000Z" in lines
    assert "DTSTART;VALUE=DATE:20260401" in lines and "DTEND;VALUE=DATE:20260402" in lines
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(uids) == len(set(uids)) == 15
    assert all(u.endswith("@rodloeber.dk") for u in uids)
    assert "SUMMARY:Sagsbehandlingsfristen udløber" in lines
    assert "DTSTART;VALUE=DATE:20270302" in lines


def test_uids_are_stable() -> None:
    assert _ics() == _ics()


def test_helpers() -> None:
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    folded = fold_line("X" * 200)
    parts = folded.split("\r\n")
    assert [len(p) for p in parts] == [75, 75, 52]
    assert all(p.startswith(" ") for p in parts[1:])
    assert fold_line("short") == "short"
