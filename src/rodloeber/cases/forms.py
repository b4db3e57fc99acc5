"""Forms of the case pages (formularer). They only parse and validate input;
every rule of the case itself is checked by the services."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rodloeber.accounts.models import Organisation, User
from rodloeber.accounts.roles import CASE_MANAGER_AUTHORITY_CODE, OrgKind, Role
from rodloeber.cases.models import DecisionOutcome, StrategicRegime
from rodloeber.core.page_errors import page_language
from rodloeber.domain.planning import PAUSE_REASONS

MAX_FACTS_CHARS = 64 * 1024


class StartForm(forms.Form):
    """Start an application from a saved check: submit now or keep as a draft."""

    saved_check = forms.IntegerField(label=_("Saved check"), min_value=1)
    idempotency_key = forms.CharField(max_length=200, required=False)
    mode = forms.ChoiceField(
        label=_("What to do"), choices=[("submit", _("Submit")), ("draft", _("Draft"))]
    )


class DraftForm(forms.Form):
    """Edit a draft (kladde): title and the project facts (JSON)."""

    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    facts = forms.CharField(label=_("Project facts (JSON)"), max_length=MAX_FACTS_CHARS)
    version = forms.IntegerField(min_value=1)

    def clean_facts(self) -> dict[str, Any]:
        try:
            data = json.loads(self.cleaned_data["facts"])
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(_("The project facts are not valid JSON.")) from exc
        if not isinstance(data, dict):
            raise forms.ValidationError(_("The project facts must be a JSON object."))
        return data


class SubmitForm(forms.Form):
    idempotency_key = forms.CharField(max_length=200, required=False)


class TextForm(forms.Form):
    text = forms.CharField(label=_("Text"), max_length=20_000)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=5_000)


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=5_000, required=False)


class AcknowledgeForm(forms.Form):
    date = forms.DateField(label=_("Completeness date"))
    eligibility_override = forms.CharField(
        label=_("Reason to handle an ineligible project"), max_length=5_000, required=False
    )


class ReassignForm(forms.Form):
    contact_person = forms.ModelChoiceField(
        label=_("New contact person"),
        queryset=User.objects.filter(
            role=Role.CASE_MANAGER,
            is_active=True,
            organisation__authority_code=CASE_MANAGER_AUTHORITY_CODE,
        ).order_by("first_name", "last_name", "username"),
    )
    reason = forms.CharField(label=_("Reason"), max_length=5_000)


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Reject"))]
    )
    reason = forms.CharField(label=_("Reason"), max_length=5_000)

    @property
    def approve(self) -> bool:
        return bool(self.cleaned_data.get("decision") == "approve")


class MilestoneForm(forms.Form):
    """An actual date or a revised forecast, with the version the user saw."""

    version = forms.IntegerField(min_value=1)
    actual = forms.DateField(label=_("Actual date"), required=False)
    forecast = forms.DateField(label=_("New forecast"), required=False)
    reason = forms.CharField(label=_("Reason"), max_length=5_000, required=False)


def pause_reason_choices() -> list[tuple[str, str]]:
    english = page_language() == "en"
    return [(code, r.label_en if english else r.label_da) for code, r in PAUSE_REASONS.items()]


class PauseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason for the pause"), choices=pause_reason_choices)
    note = forms.CharField(label=_("Note"), max_length=5_000, required=False)
    date = forms.DateField(label=_("Date"), required=False)


class SettleForm(forms.Form):
    """Settle a possible permit (afklar): needed, not needed, or possible again."""

    certainty = forms.ChoiceField(
        label=_("Is the permit needed?"),
        choices=[
            ("required", _("Needed")),
            ("not_needed", _("Not needed")),
            ("possible", _("Possible (undo)")),
        ],
    )


IN_PERMITTING_CHOICES = [("yes", _("Yes")), ("no", _("No")), ("unknown", _("Not known"))]


class StrategicRecognitionForm(forms.Form):
    """A strategic-project recognition (NZIA Art. 13, CRMA Art. 6-7) on a case."""

    regime = forms.ChoiceField(label=_("Regulation"), choices=StrategicRegime.choices)
    decided_on = forms.DateField(label=_("Date of the recognition decision"))
    decided_by = forms.CharField(label=_("Decided by"), max_length=200)
    reference = forms.CharField(label=_("Decision reference"), max_length=200)
    in_permitting = forms.ChoiceField(
        label=_("Was the permit-granting process already running when it was recognised?"),
        choices=IN_PERMITTING_CHOICES,
    )

    def clean_in_permitting(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data["in_permitting"])


class ResumeForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=5_000, required=False)
    date = forms.DateField(label=_("Date"), required=False)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=DecisionOutcome.choices)
    date = forms.DateField(label=_("Decision date"))
    appeal_period_end = forms.DateField(label=_("End of the appeal period"), required=False)
    note = forms.CharField(label=_("Note"), max_length=5_000, required=False)


class ExtensionRequestForm(forms.Form):
    months = forms.IntegerField(label=_("Months"), min_value=1, max_value=36)
    reason = forms.CharField(label=_("Reason"), max_length=5_000)


class CallInForm(forms.Form):
    authority_code = forms.ChoiceField(label=_("State authority"), choices=())
    reason = forms.CharField(label=_("Reason"), max_length=5_000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["authority_code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = state_authority_choices()


def state_authority_choices() -> list[tuple[str, str]]:
    """State authorities a permit can be called in to, named in the page
    language (``Organisation.display_name``) and sorted by that name."""
    orgs = (
        Organisation.objects.filter(kind=OrgKind.STATE_AUTHORITY)
        .exclude(authority_code__isnull=True)
        .exclude(authority_code__in=["", CASE_MANAGER_AUTHORITY_CODE])
    )
    return sorted(((o.authority_code or "", o.display_name) for o in orgs), key=lambda c: c[1])


class CallInDecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("accept", _("Accept")), ("decline", _("Decline"))]
    )
    reason = forms.CharField(label=_("Reason"), max_length=5_000, required=False)


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=300, required=False)
    body = forms.CharField(label=_("Message"), max_length=20_000)
    thread = forms.IntegerField(required=False, min_value=1)


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("File"))
    description = forms.CharField(label=_("Description"), max_length=500, required=False)
