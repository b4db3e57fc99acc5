"""Public figures on processing times (behandlingstider): per permit type and
authority against the service target, within the cap, and the trend per quarter."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q
from django.utils import timezone

from rodloeber.cases.models import CaseStatus, RequestStatus
from rodloeber.domain import statistics as st
from rodloeber.domain.catalogue import load_catalogue
from rodloeber.reports.figures import Scope, counted_cases, decided_permits, min_group_size
from rodloeber.reports.tables import DAYS, SHARE, TEXT, Column, Figure


def _duration_columns(with_target: bool) -> list[Column]:
    cols = [
        Column("label", "Gruppe", "Group", TEXT),
        Column("n", "Afgørelser", "Decisions"),
        Column("median_days", "Median (dage)", "Median (days)", DAYS),
        Column("p90_days", "P90 (dage)", "P90 (days)", DAYS),
    ]
    if with_target:
        cols.append(Column("target_days", "Servicemål (dage)", "Service target (days)", DAYS))
    cols.append(Column("share_within_target", "Inden for servicemål", "Within target", SHARE))
    return cols


def processing_times(scope: Scope) -> list[Figure]:
    """Median and P90 processing time per permit type and per authority."""
    mg = min_group_size()
    rows = decided_permits(scope)
    synthetic = any(p.case.synthetic for p, _ in rows)
    catalogue = load_catalogue()
    by_type: dict[str, list[int]] = defaultdict(list)
    by_auth: dict[str, list[tuple[int, int | None]]] = defaultdict(list)
    names: dict[str, tuple[str, str]] = {}
    for p, d in rows:
        target = getattr(catalogue.permit_types.get(p.code), "service_target_days", None)
        by_type[p.code].append(d)
        names[p.code] = (p.name_da, p.name_en)
        auth = p.owner.name if p.owner else p.authority_name
        by_auth[auth].append((d, target))
    type_rows = []
    for code in sorted(by_type):
        target = getattr(catalogue.permit_types.get(code), "service_target_days", None)
        s = st.summarize_durations(by_type[code], min_group=mg, target_days=target)
        type_rows.append(
            {
                "key": code,
                "label": names[code][0],
                "label_en": names[code][1],
                "n": s.n,
                "median_days": s.median_days,
                "p90_days": s.p90_days,
                "target_days": target,
                "share_within_target": s.share_within_target,
            }
        )
    auth_rows = []
    for auth in sorted(by_auth):
        items = by_auth[auth]
        s = st.summarize_durations([d for d, _ in items], min_group=mg)
        targeted = [(d, t) for d, t in items if t is not None]
        sh = st.share(sum(1 for d, t in targeted if d <= t), len(targeted), min_group=mg)
        auth_rows.append(
            {
                "key": auth,
                "label": auth,
                "label_en": auth,
                "n": s.n,
                "median_days": s.median_days,
                "p90_days": s.p90_days,
                "share_within_target": None if s.suppressed else sh.share,
            }
        )
    return [
        Figure(
            "time-by-permit-type",
            "Behandlingstid efter tilladelsestype",
            "Processing time by permit type",
            "Dage fra fristens start til afgørelse: median og P90 mod servicemålet.",
            "Days from the clock start to the decision: median and P90 against the target.",
            _duration_columns(True),
            type_rows,
            "bar",
            "median_days",
            synthetic,
        ),
        Figure(
            "time-by-authority",
            "Behandlingstid efter myndighed",
            "Processing time by authority",
            "Dage fra fristens start til afgørelse pr. kompetent myndighed.",
            "Days from the clock start to the decision per competent authority.",
            _duration_columns(False),
            auth_rows,
            "bar",
            "median_days",
            synthetic,
        ),
    ]


def within_cap(scope: Scope) -> Figure:
    """Share of decided cases decided within their cap, with pauses and extensions."""
    mg = min_group_size()
    decided = counted_cases(scope).filter(
        status=CaseStatus.DECIDED, decided_on__isnull=False, cap_deadline__isnull=False
    )
    decided = decided.annotate(
        n_pauses=Count("permits__pauses", distinct=True),
        n_ext=Count(
            "extension_requests",
            filter=Q(extension_requests__status=RequestStatus.APPROVED),
            distinct=True,
        ),
    )
    rows = []
    synthetic = False
    for flag, da, en in (
        (True, "Uden pause eller forlængelse", "Without pause or extension"),
        (False, "Med pause eller forlængelse", "With pause or extension"),
        (None, "Alle afgjorte sager", "All decided cases"),
    ):
        group = [c for c in decided if flag is None or ((c.n_pauses == 0 and c.n_ext == 0) is flag)]
        synthetic = synthetic or any(c.synthetic for c in group)
        within = sum(
            1 for c in group if c.decided_on and c.cap_deadline and c.decided_on <= c.cap_deadline
        )
        sh = st.share(within, len(group), min_group=mg)
        small = sh.suppressed
        rows.append(
            {
                "key": "all" if flag is None else ("plain" if flag else "changed"),
                "label": da,
                "label_en": en,
                "cases": sh.whole,
                "within_cap": sh.part,
                "share_within_cap": sh.share,
                "pauses": None if small else sum(c.n_pauses for c in group),
                "extensions": None if small else sum(c.n_ext for c in group),
            }
        )
    if [r["cases"] is None for r in rows[:2]].count(True) == 1:  # complementary suppression
        for r in rows[:2]:
            r.update(
                cases=None, within_cap=None, share_within_cap=None, pauses=None, extensions=None
            )
    return Figure(
        "within-cap",
        "Afgjort inden for loftet",
        "Decided within the cap",
        "Andel af afgjorte sager, der blev afgjort inden for lovens loft, med antal pauser "
        "og godkendte fristforlængelser.",
        "Share of decided cases decided within the statutory cap, with the number of pauses "
        "and approved extensions.",
        [
            Column("label", "Gruppe", "Group", TEXT),
            Column("cases", "Afgjorte sager", "Decided"),
            Column("within_cap", "Inden for loftet", "Within cap"),
            Column("share_within_cap", "Andel inden for loftet", "Share within cap", SHARE),
            Column("pauses", "Pauser", "Pauses"),
            Column("extensions", "Forlængelser", "Extensions"),
        ],
        rows,
        "bar",
        "share_within_cap",
        synthetic,
    )


def quarterly_trend(scope: Scope) -> Figure:
    """Cases submitted and decided per quarter, with the median case duration."""
    mg = min_group_size()
    cases = list(counted_cases(scope).filter(submitted_at__isnull=False))
    synthetic = any(c.synthetic for c in cases)
    submitted = st.bucket_by_quarter(
        timezone.localdate(c.submitted_at) for c in cases if c.submitted_at
    )
    decided_days: dict[str, list[int]] = defaultdict(list)
    for c in cases:
        if c.decided_on and c.clock_start and c.status == CaseStatus.DECIDED:
            decided_days[st.quarter_of(c.decided_on)].append((c.decided_on - c.clock_start).days)
    first = min(
        (timezone.localdate(c.submitted_at) for c in cases if c.submitted_at), default=scope.today
    )
    rows = []
    for q in st.quarters_between(first, scope.today):
        sub = submitted.get(q, 0)
        dec = decided_days.get(q, [])
        s = st.summarize_durations(dec, min_group=mg)
        rows.append(
            {
                "key": q,
                "label": q,
                "label_en": q.replace("-K", "-Q"),
                "submitted": None if st.is_small(sub, mg) else sub,
                "decided": None if s.suppressed else len(dec),
                "median_days": s.median_days,
            }
        )
    return Figure(
        "trend-by-quarter",
        "Udvikling pr. kvartal",
        "Trend per quarter",
        "Indsendte og afgjorte sager pr. kvartal og median sagsbehandlingstid for de afgjorte.",
        "Cases submitted and decided per quarter and the median duration of those decided.",
        [
            Column("label", "Kvartal", "Quarter", TEXT),
            Column("submitted", "Indsendt", "Submitted"),
            Column("decided", "Afgjort", "Decided"),
            Column("median_days", "Median (dage)", "Median (days)", DAYS),
        ],
        rows,
        "line",
        "submitted",
        synthetic,
    )
