"""Legal-basis lines in the page's language: ``{{ line|legal_basis }}``.

Danish pages show the catalogue line as written; English pages show the
rendering of :func:`rodloeber.domain.legal_citations.legal_basis_en` (law
names from ``catalogue/laws.yaml``, English citation style). The one place a
template turns a legal basis into display text.
"""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from rodloeber.domain.legal_citations import legal_basis as render_legal_basis

register = template.Library()


@register.filter
def legal_basis(value: str | None) -> str:
    return render_legal_basis(value or "", get_language() or "da")
