"""iCalendar export of a plan's milestones (RFC 5545, kalendereksport).

Hand-written: CRLF line endings, content lines folded at 75 octets without
splitting UTF-8 characters, TEXT values escaped, one all-day VEVENT per
milestone (``DTSTART;VALUE=DATE`` and the next day as ``DTEND``) plus the cap
deadline, stable UIDs (same plan → same UIDs, so calendar clients update
events instead of duplicating them) and a UTC ``DTSTAMP``.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

from rodloeber.domain.planning.plan import Plan
from rodloeber.domain.planning.templates import MILESTONE_KINDS

__all__ = ["escape_text", "fold_line", "plan_to_ics"]

CRLF = "\r\n"


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 § 3.3.11): backslash, ; , and newlines."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold_line(line: str, limit: int = 75) -> str:
    """Fold a content line at ``limit`` octets (RFC 5545 § 3.1), UTF-8 safe.

    Continuation lines start with one space, which counts toward their limit.
    """
    parts: list[str] = []
    current = ""
    size = 0
    budget = limit
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > budget:
            parts.append(current)
            current, size, budget = "", 0, limit - 1
        current += ch
        size += n
    parts.append(current)
    return (CRLF + " ").join(parts)


def _fmt_date(d: date) -> str:
    return d.strftime("%Y%m%d")


def _plan_key(plan: Plan) -> str:
    raw = "|".join([plan.clock_start.isoformat(), *(p.code for p in plan.permits)])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def _event(
    uid: str, stamp: str, day: date, summary: str, description: str, categories: str
) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_fmt_date(day)}",
        f"DTEND;VALUE=DATE:{_fmt_date(day + timedelta(days=1))}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"CATEGORIES:{escape_text(categories)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def plan_to_ics(
    plan: Plan,
    *,
    dtstamp: datetime | None = None,
    lang: str = "da",
    uid_domain: str = "rodloeber.dk",
    calendar_name: str | None = None,
) -> str:
    """The plan's milestones and cap deadline as an iCalendar document.

    ``dtstamp`` defaults to now (UTC); pass it for reproducible output.
    """
    stamp_dt = (dtstamp or datetime.now(UTC)).astimezone(UTC)
    stamp = stamp_dt.strftime("%Y%m%dT%H%M%SZ")
    key = _plan_key(plan)
    da = lang == "da"
    name = calendar_name or ("Procesplan" if da else "Process plan")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Rød Løber//Én indgang procesplan//DA",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for p in plan.permits:
        permit_name = (p.name_da if da else p.name_en) or p.code
        for m in p.milestones:
            kind = MILESTONE_KINDS.get(m.kind)
            label = m.kind if kind is None else (kind.label_da if da else kind.label_en)
            status = {
                "planned": "planlagt" if da else "planned",
                "forecast": "prognose" if da else "forecast",
                "actual": "faktisk" if da else "actual",
            }.get(m.status, m.status)
            critical = (
                (" – kritisk vej" if da else " – critical path") if p.on_critical_path else ""
            )
            lines += _event(
                uid=f"{key}-{p.code}-{m.kind}@{uid_domain}",
                stamp=stamp,
                day=m.date,
                summary=f"{permit_name}: {label}",
                description=f"{p.code}, {m.kind} ({status}){critical}",
                categories=p.code,
            )
    cap_text = "Sagsbehandlingsfristen udløber" if da else "Cap deadline"
    lines += _event(
        uid=f"{key}-cap-deadline@{uid_domain}",
        stamp=stamp,
        day=plan.cap_deadline,
        summary=cap_text,
        description=f"{plan.cap.regime}; {plan.cap.legal_basis}; {plan.cap.months} mdr.",
        categories="cap",
    )
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + CRLF for line in lines)
