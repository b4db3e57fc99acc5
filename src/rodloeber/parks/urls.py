"""URLs under ``/industriparker/`` (the page ``/industriparker`` itself is ``web:parks``)."""

from __future__ import annotations

from django.urls import path

from rodloeber.parks import (
    attachment_views,
    procedure_views,
    screening_page,
    selection_page,
    views,
    workspace,
)

app_name = "parks"
urlpatterns = [
    path("parker.geojson", views.parks_geojson, name="parks_geojson"),
    path("oversigt.svg", views.parks_overview, name="parks_overview"),
    path("park/<int:pk>", views.park_detail, name="park"),
    path("runder/ny", workspace.round_new, name="round_new"),
    path("runder/<int:pk>", procedure_views.round_detail, name="round"),
    path("ansoegninger/", workspace.application_list, name="applications"),
    path("ansoegninger/ny", workspace.application_new, name="application_new"),
    path("ansoegninger/omraader.geojson", workspace.areas_geojson, name="areas_geojson"),
    path("ansoegninger/<int:pk>", workspace.application_detail, name="application"),
    path("ansoegninger/<int:pk>/rediger", workspace.application_edit, name="application_edit"),
    path("ansoegninger/<int:pk>/screening", screening_page.screening_report, name="screening"),
    path("ansoegninger/<int:pk>/bilag", attachment_views.upload, name="attachment_upload"),
    path(
        "ansoegninger/<int:pk>/bilag/<int:att_id>",
        attachment_views.download,
        name="attachment",
    ),
    path(
        "ansoegninger/<int:pk>/bilag/<int:att_id>/slet",
        attachment_views.delete,
        name="attachment_delete",
    ),
    path("sammenligning", workspace.comparison, name="comparison"),
    path("udvaelgelse", selection_page.selection, name="selection"),
]
