"""Log-in form with throttling and bilingual messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from rodloeber.accounts.throttle import client_ip, is_throttled, login_failure_record


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("The user name or password is wrong. Both are case-sensitive."),
        "inactive": _("This account is deactivated."),
        "throttled": _(
            "Too many failed log-in attempts. Wait 15 minutes and try again, "
            "or contact your administrator."
        ),
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request)
        if username and is_throttled(username, ip):
            login_failure_record(username=username, ip=ip, throttled=True)
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            return super().clean()
        except forms.ValidationError:
            if username:
                login_failure_record(username=username, ip=ip, throttled=False)
            raise
