"""Labels for the screening report's criterion keys (never show internal keys).

``{{ e.criterion|criterion_label }}`` → "§ 3-natur" / "§ 3 nature". Unknown
keys fall back to the key itself so a new layer is still shown.
"""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

register = template.Library()

LABELS: dict[str, tuple[str, str]] = {
    "section3": ("Beskyttet natur (§ 3)", "Protected nature (section 3)"),
    "fredning": ("Fredninger", "Conservation orders"),
    "nature_national_park": ("Naturnationalparker", "Nature national parks"),
    "natura2000_habitat": ("Natura 2000, habitatområder", "Natura 2000, habitat sites"),
    "natura2000_birds": ("Natura 2000, fuglebeskyttelsesområder", "Natura 2000, bird sites"),
    "electricity": ("El (elnet)", "Electricity (power grid)"),
    "transport": ("Transport", "Transport"),
    "labour": ("Arbejdskraft", "Labour"),
    "education": ("Uddannelsesinstitutioner", "Education institutions"),
    "international_schools": ("Internationale skoler", "International schools"),
    "business_clusters": ("Erhvervsklynger", "Business clusters"),
    "energy_park": ("Energipark (stk. 3)", "Energy park (subsection 3)"),
}


@register.filter
def criterion_label(key: object) -> str:
    labels = LABELS.get(str(key))
    if labels is None:
        return str(key)
    return labels[1] if (get_language() or "da").startswith("en") else labels[0]
