"""Forms for applications, evaluations, decisions, rounds and lifecycle steps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rodloeber.accounts.reference import municipalities
from rodloeber.core.web import page_language
from rodloeber.domain.errors import DomainError
from rodloeber.domain.geodata.errors import GeodataError
from rodloeber.parks.area_upload import (
    MAX_AREA_FILE_BYTES,
    AreaUpload,
    read_area_file,
    read_area_text,
)
from rodloeber.parks.conditions import CONDITIONS
from rodloeber.parks.criteria import QUESTIONS, rules
from rodloeber.parks.models import AttachmentKind, ConditionState, EvidenceKind


class DkfdsForm(forms.Form):
    """Adds the DKFDS classes and links hints to inputs (aria-describedby)."""

    def dkfds(self) -> None:
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect):
                widget.attrs["class"] = "form-radio"
                continue
            if isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select"
            elif not isinstance(widget, forms.HiddenInput | forms.ClearableFileInput):
                widget.attrs["class"] = "form-input"
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{name}-hint"


class ApplicationForm(DkfdsForm):
    """Name, area (GeoJSON upload or pasted) and the § 13 stk. 1 answers."""

    name = forms.CharField(label=_("Name of the area"), max_length=200)
    co_municipalities = forms.MultipleChoiceField(
        label=_("Co-applicant municipalities (joint application)"),
        required=False,
        help_text=_("Hold Ctrl (Cmd on Mac) to choose several."),
    )
    geometry_file = forms.FileField(
        label=_("Area as a file"),
        required=False,
        help_text=_(
            "GeoJSON, GeoPackage (.gpkg) or a zipped Shapefile (.zip with .shp, .shx, .dbf "
            "and .prj), in EPSG:25832 or EPSG:4326, at most 10 MB. Several polygons are "
            "merged into one area."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".geojson,.json,.gpkg,.zip"}),
    )
    geometry_text = forms.CharField(
        label=_("…or draw the area on the map, or paste it as GeoJSON"),
        required=False,
        help_text=_("The drawing tool on the map writes the area here as GeoJSON."),
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-input", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, require_geometry: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.require_geometry = require_geometry
        self.fields["co_municipalities"].choices = [  # type: ignore[attr-defined]
            (m.code, m.name) for m in municipalities()
        ]
        for q in QUESTIONS:
            field: forms.Field
            label = q.label("en" if page_language() == "en" else "da")
            help_text = q.legal_basis
            if q.kind == "date":
                field = forms.DateField(
                    label=label,
                    required=False,
                    help_text=help_text,
                    widget=forms.DateInput(attrs={"type": "date", "class": "form-input"}),
                )
            else:
                field = forms.CharField(
                    label=label,
                    required=False,
                    help_text=help_text,
                    widget=forms.Textarea(attrs={"rows": 3, "class": "form-input"}),
                )
            self.fields[f"answer_{q.key}"] = field
        self.dkfds()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("geometry_file")
        text = (data.get("geometry_text") or "").strip()
        data["geometry"] = None
        self.area: AreaUpload | None = None
        try:
            if upload is not None:
                if upload.size > MAX_AREA_FILE_BYTES:
                    raise GeodataError(
                        "file_too_large",
                        "Filen er større end 10 MB.",
                        "The file is larger than 10 MB.",
                    )
                self.area = read_area_file(upload.read(), upload.name or "")
            elif text:
                self.area = read_area_text(text)
        except DomainError as exc:
            field = "geometry_file" if upload is not None else "geometry_text"
            self.add_error(field, exc.message_en if page_language() == "en" else exc.message_da)
            return data
        if self.area is None:
            if self.require_geometry:
                self.add_error(
                    "geometry_file",
                    _("Upload a file, draw the area on the map or paste it as GeoJSON."),
                )
            return data
        data["geometry"] = self.area.geometry
        return data

    def area_notes(self) -> list[str]:
        lang = "en" if page_language() == "en" else "da"
        return [n.text(lang) for n in self.area.notes] if self.area else []

    def answers(self) -> dict[str, str]:
        result = {}
        for q in QUESTIONS:
            value = self.cleaned_data.get(f"answer_{q.key}")
            if value:
                result[q.key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
        return result


class EvaluationForm(DkfdsForm):
    criterion = forms.ChoiceField(label=_("Criterion"))
    score = forms.IntegerField(label=_("Score (0-5)"), min_value=0, max_value=5)
    justification = forms.CharField(
        label=_("Written justification"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        en = page_language() == "en"
        self.fields["criterion"].choices = [  # type: ignore[attr-defined]
            (c.code, f"{c.title('en' if en else 'da')} ({c.legal_basis}, × {c.weight:g})")
            for c in rules().criteria
        ]
        self.dkfds()


class ConditionForm(DkfdsForm):
    """A finding on one condition of § 13 stk. 1 (met / not met / not yet known)."""

    number = forms.TypedChoiceField(label=_("Condition"), coerce=int)
    state = forms.ChoiceField(label=_("Finding"), choices=ConditionState.choices)
    evidence_kind = forms.ChoiceField(
        label=_("Evidence from"),
        choices=[("", "–"), *EvidenceKind.choices],
        required=False,
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        help_text=_("Which screening item, answer or note shows it; required unless unknown."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lang = page_language()
        self.fields["number"].choices = [  # type: ignore[attr-defined]
            (c.number, f"{c.legal_basis}: {c.title(lang)}") for c in CONDITIONS
        ]
        self.dkfds()


class DecisionForm(DkfdsForm):
    designated = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Designated")), ("0", _("Not designated"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(
        label=_("Date of decision"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))
    contact_name = forms.CharField(label=_("Contact person"), required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    sunset_years = forms.IntegerField(
        label=_("Sunset period (years)"),
        help_text=_("The agreement sets five years; the period is set per park."),
        min_value=1,
        max_value=15,
        initial=5,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dkfds()


class RoundForm(DkfdsForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    deadline = forms.DateTimeField(
        label=_("Deadline"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    rules_text = forms.CharField(
        label=_("Rules for the round"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dkfds()


class SelectionForm(DkfdsForm):
    n = forms.IntegerField(label=_("Number of parks"), min_value=1, initial=5)
    max_per_region = forms.IntegerField(label=_("At most per region"), min_value=1, required=False)
    min_distance_km = forms.FloatField(
        label=_("Minimum distance between areas (km)"), min_value=0, initial=0
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dkfds()


class AttachmentForm(DkfdsForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "At most 20 MB: PDF, PNG, JPEG, DOCX, XLSX, PPTX, ODT, ODS, TXT or CSV. The "
            "content must match the file name."
        ),
    )
    kind = forms.ChoiceField(label=_("Kind of attachment"), choices=AttachmentKind.choices)
    description = forms.CharField(label=_("Description"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dkfds()
