"""System check: a half-configured NemLog-in integration is an error, not a
silently hidden log-in button."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, register

from rodloeber.saml.conf import is_partly_configured, missing_settings


@register()
def saml_settings_complete(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if not is_partly_configured():
        return []
    return [
        Error(
            "NemLog-in (SAML) is partly configured; missing: " + ", ".join(missing_settings()),
            hint="Set every RODLOEBER_SAML_* variable in docs/nemlogin.md, or none.",
            id="rodloeber.saml.E001",
        )
    ]
