"""Municipal pages of the land map: edit an area, import a list, download the template.

Only municipal planners (capability ``edit_land_areas``) of the area's own
municipality get here; others get 403 (the services check again).
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path
from typing import Any

import shapely
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from shapely.geometry import box

from rodloeber.core.page_errors import error_message
from rodloeber.core.web import XLSX, download_response, page_language
from rodloeber.domain.errors import DomainError
from rodloeber.landmap.importing import ACCEPTED_SUFFIXES, ACCEPTED_TYPES, land_import
from rodloeber.landmap.infrastructure import infrastructure_index
from rodloeber.landmap.models import BusinessArea
from rodloeber.landmap.rows import COLUMN_LABELS, TEMPLATE_COLUMNS
from rodloeber.landmap.services import area_update, may_edit

_EXAMPLE = {
    "planid": "EKSEMPEL-1",
    "plannavn": "Erhvervsområde Nord, etape 2 (eksempel)",
    "komnr": "0561",
    "anvgen": "31",
    "anvspec": "3130",
    "zone": "1",
    "maxbygnhjd": "20",
    "minmiljo": "3",
    "maxmiljo": "6",
    "net_planned_ha": "4",
    "available_ha": "3,5",
    "status": "ledig",
    "price_dkk_per_m2": "250",
    "building_deadline_years": "3",
    "buy_back_clause": "ja",
    "contact_name": "Erhvervsservice",
    "contact_email": "erhverv@kommune.example",
    "contact_phone": "+45 12 34 56 78",
    "source": "Kommunens salgsliste",
    "source_updated": "2026-11-01",
}


class AreaForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = BusinessArea
        fields = [
            "status",
            "available_ha",
            "net_planned_ha",
            "price_dkk_per_m2",
            "building_deadline_years",
            "buy_back_clause",
            "connection_fees",
            "contact_name",
            "contact_email",
            "contact_phone",
            "source",
        ]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=format_lazy("{} ({})", _("File"), ACCEPTED_TYPES),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_SUFFIXES)}),
    )


def _own_municipality(request: HttpRequest) -> str:
    org = getattr(request.user, "organisation", None)
    code = getattr(org, "authority_code", "") or ""
    if not may_edit(request.user, code):  # type: ignore[arg-type]
        raise PermissionDenied
    return code


@login_required
def area_edit(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_object_or_404(BusinessArea, pk=pk)
    if not may_edit(request.user, area.komnr):  # type: ignore[arg-type]
        raise PermissionDenied
    form = AreaForm(request.POST or None, instance=area)
    if request.method == "POST" and form.is_valid():
        area_update(actor=request.user, area=area, changes=form.cleaned_data)  # type: ignore[arg-type]
        return redirect("landmap:area", pk=area.pk)
    return render(request, "landmap/edit.html", {"area": area, "form": form})


@login_required
def land_import_view(request: HttpRequest) -> HttpResponse:
    komnr = _own_municipality(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    report: dict[str, Any] | None = None
    error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()[:8]
        with tempfile.TemporaryDirectory(prefix="rl-land-") as tmp:
            path = Path(tmp) / f"upload{suffix}"
            with path.open("wb") as fh:
                for chunk in upload.chunks():
                    fh.write(chunk)
            try:
                result = land_import(
                    actor=request.user,  # type: ignore[arg-type]
                    komnr=komnr,
                    path=path,
                    filename=upload.name,
                )
                report = result.summary()
            except DomainError as exc:
                error = error_message(exc)
    lang = page_language()
    refused = request.method == "POST" and (bool(error) or not form.is_valid())
    return render(
        request,
        "landmap/import.html",
        {
            "form": form,
            "report": report,
            "error": error,
            "komnr": komnr,
            "lang": lang,
            "accepted_types": ACCEPTED_TYPES,
        },
        status=422 if refused else 200,
    )


def _example_row(komnr: str) -> list[str]:
    """One row that imports as it is: a 4 ha square inside municipality ``komnr``.

    The planner's own municipality when logged in as one, otherwise Esbjerg
    (0561). The geometry is WKT in EPSG:25832 at a point inside the
    municipality's outline (kommuner layer).
    """
    values = dict(_EXAMPLE, komnr=komnr)
    outline = next((g for g, code in infrastructure_index().kommuner if code == komnr), None)
    if outline is not None:
        p = outline.point_on_surface()
        square = box(p.x - 100, p.y - 100, p.x + 100, p.y + 100).intersection(outline)
        values["geometry_wkt"] = shapely.to_wkt(square, rounding_precision=1)
    return [values.get(c, "") for c in TEMPLATE_COLUMNS]


def template_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The vacant-land template with one example row that imports as it is (CSV or XLSX)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404("Unknown format")
    org = getattr(request.user, "organisation", None)
    code = getattr(org, "authority_code", "") or ""
    own = may_edit(request.user, code)  # type: ignore[arg-type]
    example = _example_row(code if own else _EXAMPLE["komnr"])
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=";")
        writer.writerow(TEMPLATE_COLUMNS)
        writer.writerow(example)
        data, content_type = ("\ufeff" + buf.getvalue()).encode(), "text/csv"
    else:
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "Erhvervsarealer"
        ws.append(list(TEMPLATE_COLUMNS))
        ws.append(example)
        help_sheet = wb.create_sheet("Kolonner")
        help_sheet.append(["Kolonne / column", "Dansk", "English"])
        for name in TEMPLATE_COLUMNS:
            help_sheet.append([name, *COLUMN_LABELS[name]])
        out = io.BytesIO()
        wb.save(out)
        data, content_type = out.getvalue(), XLSX
    return download_response(data, content_type, f"erhvervsarealer-skabelon.{fmt}")
