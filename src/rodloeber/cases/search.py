"""Case search (sagssøgning) over case number, title, company, CVR and authority.

On PostgreSQL the title and company name are matched with full-text search
(``danish`` configuration, ``websearch`` syntax, so "batteri fabrik" finds
"Batterifabrikken" stems and word order does not matter); on SQLite a plain
case-insensitive substring match. On both, the case number (reference), CVR
and authority (code or name of the authority owning a permit) match directly.
Always applied to a queryset from ``selectors.visible_cases``.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Q, QuerySet

from rodloeber.cases.models import Case, Permit

#: Longest search text accepted (bounded work per request).
MAX_QUERY = 100


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def _text_match(text: str) -> Q:
    if uses_full_text():
        from django.contrib.postgres.search import SearchQuery, SearchVector

        query = SearchQuery(text, config="danish", search_type="websearch")
        hits = (
            Case.objects.annotate(rl_search=SearchVector("title", "company__name", config="danish"))
            .filter(rl_search=query)
            .values("id")
        )
        return Q(id__in=hits) | Q(title__icontains=text) | Q(company__name__icontains=text)
    return Q(title__icontains=text) | Q(company__name__icontains=text)


def search_cases(qs: QuerySet[Case], q: str) -> QuerySet[Case]:
    """Cases of ``qs`` matching ``q`` on any searchable field (empty ``q``: all)."""
    text = " ".join(q.split())[:MAX_QUERY]
    if not text:
        return qs
    authority = Permit.objects.filter(
        Q(authority_code__iexact=text)
        | Q(authority_name__icontains=text)
        | Q(owner__name__icontains=text)
    ).values("case_id")
    digits = text.replace(" ", "")
    match = _text_match(text) | Q(reference__icontains=text) | Q(id__in=authority)
    if digits.isdigit():
        match |= Q(company__cvr=digits) | Q(reference__icontains=digits)
    return qs.filter(match)
