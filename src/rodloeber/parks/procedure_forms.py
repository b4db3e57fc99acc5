"""Forms for the designation procedure: round steps, dialogue, sunset extension."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rodloeber.parks.forms import DkfdsForm
from rodloeber.parks.models import DialogueKind, RoundStepKind

DATE = {"type": "date"}


class RoundStepForm(DkfdsForm):
    """One form for every step; the service checks which details the step needs."""

    kind = forms.ChoiceField(label=_("Step"), choices=RoundStepKind.choices)
    happened_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs=DATE))
    outcome = forms.CharField(
        label=_("Outcome of the negotiation"), required=False, max_length=2000
    )
    decided_by = forms.CharField(
        label=_("Decided by"),
        help_text=_("E.g. the government and the parties to the agreement."),
        required=False,
        max_length=500,
    )
    parks_count = forms.IntegerField(
        label=_("Number of parks decided"), required=False, min_value=1
    )
    period_start = forms.DateField(
        label=_("Hearing from"), required=False, widget=forms.DateInput(attrs=DATE)
    )
    period_end = forms.DateField(
        label=_("Hearing until"), required=False, widget=forms.DateInput(attrs=DATE)
    )
    responses_received = forms.IntegerField(
        label=_("Hearing responses received"), required=False, min_value=0
    )
    reference = forms.CharField(
        label=_("Landsplandirektiv reference"), required=False, max_length=300
    )
    forligskreds_consulted = forms.BooleanField(
        label=_("The parties behind the planning act (forligskredsen) were consulted"),
        required=False,
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, next_kind: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if next_kind:
            self.fields["kind"].initial = next_kind
        self.dkfds()
        self.fields["forligskreds_consulted"].widget.attrs["class"] = "form-checkbox"

    def details(self) -> dict[str, Any]:
        data = self.cleaned_data
        keys = (
            "outcome",
            "decided_by",
            "parks_count",
            "period_start",
            "period_end",
            "responses_received",
            "reference",
            "forligskreds_consulted",
        )
        return {k: data[k] for k in keys if data.get(k) not in (None, "")}


class DialogueForm(DkfdsForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=DialogueKind.choices)
    municipality_code = forms.ChoiceField(label=_("Municipality"), required=False)
    happened_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs=DATE))
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10_000
    )

    def __init__(
        self, *args: Any, municipalities: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality_code"].choices = municipalities or []  # type: ignore[attr-defined]
        self.dkfds()


class ExtendSunsetForm(DkfdsForm):
    sunset_on = forms.DateField(label=_("New sunset date"), widget=forms.DateInput(attrs=DATE))
    reason = forms.CharField(
        label=_("Reason for the extension"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=10_000,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dkfds()
