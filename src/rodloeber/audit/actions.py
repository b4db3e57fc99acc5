"""Registry of audit action codes (handlingskoder) with Danish and English labels.

Every write service names one of these codes; recording an unknown code is a
programming error and raises. Add new codes here, never inline.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AuditAction:
    code: str
    label_da: str
    label_en: str


_ACTIONS: dict[str, AuditAction] = {}


def register(code: str, label_da: str, label_en: str) -> AuditAction:
    if code in _ACTIONS:
        raise ValueError(f"Audit action {code!r} is registered twice.")
    action = AuditAction(code, label_da, label_en)
    _ACTIONS[code] = action
    return action


def get_action(code: str) -> AuditAction:
    try:
        return _ACTIONS[code]
    except KeyError:
        raise KeyError(f"Unknown audit action {code!r}; register it in audit/actions.py") from None


def all_actions() -> list[AuditAction]:
    return sorted(_ACTIONS.values(), key=lambda a: a.code)


# Accounts and authentication
register("auth.login", "Logget ind", "Logged in")
register("auth.login_failed", "Mislykket log-ind", "Failed log-in")
register(
    "auth.login_throttled",
    "Log-ind blokeret (for mange forsøg)",
    "Log-in blocked (too many attempts)",
)
register("auth.logout", "Logget ud", "Logged out")
register("org.create", "Organisation oprettet", "Organisation created")
register("org.update", "Organisation ændret", "Organisation updated")
register("user.create", "Bruger oprettet", "User created")
register("user.update", "Bruger ændret", "User updated")
register("token.create", "API-nøgle oprettet", "API token created")
register("token.revoke", "API-nøgle tilbagekaldt", "API token revoked")
register("reference.load", "Referencedata indlæst", "Reference data loaded")
register("demo.load", "Demodata indlæst", "Demo data loaded")
# Reference layers (referencelag)
register("layer.import", "Referencelag importeret", "Reference layer imported")
register(
    "layer.fetch",
    "Referencelag hentet fra officiel kilde",
    "Reference layer fetched from official source",
)
register(
    "layer.bootstrap",
    "Referencelag opbygget (medfølgende og syntetiske)",
    "Reference layers built (bundled and synthetic)",
)
register(
    "layer.generate",
    "Syntetiske referencelag genereret",
    "Synthetic reference layers generated",
)
register("check.save", "Tjek gemt som kladde", "Check saved as draft")
