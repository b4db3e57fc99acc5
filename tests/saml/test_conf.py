"""SAML is on only when fully configured; half a configuration is an error."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from rodloeber.saml.checks import saml_settings_complete
from rodloeber.saml.conf import is_partly_configured, missing_settings, saml_enabled


def test_default_settings_leave_saml_off_without_errors() -> None:
    assert not saml_enabled() and not is_partly_configured()
    assert saml_settings_complete() == []


def test_partial_configuration_fails_the_system_check(settings: Any) -> None:
    settings.RODLOEBER_SAML = {"SP_ENTITY_ID": "https://roedloeber.example/saml"}
    assert "BASE_URL" in missing_settings()
    [error] = saml_settings_complete()
    assert error.id == "rodloeber.saml.E001" and "KEY_FILE" in error.msg
    with pytest.raises(SystemCheckError):
        call_command("check")


def test_full_configuration_enables_saml(saml_on: Any) -> None:
    assert saml_enabled() and saml_settings_complete() == []


def test_csp_lets_the_forms_redirect_to_nemlogin_only_when_configured(
    client: Any, settings: Any, federation: Any
) -> None:
    off = client.get("/konto/log-ind")["Content-Security-Policy"]
    assert "form-action 'self';" in off
    settings.RODLOEBER_SAML = dict(federation.sp_settings)
    on = client.get("/konto/log-ind")["Content-Security-Policy"]
    assert "form-action 'self' http://idp.test;" in on
