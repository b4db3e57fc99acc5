"""URLs under ``/kort/`` (the page ``/kort`` itself is ``web:landmap``)."""

from __future__ import annotations

from django.urls import path

from rodloeber.landmap import edit_views, views

app_name = "landmap"
urlpatterns = [
    path("omraade/<int:pk>", views.area_detail, name="area"),
    path("omraade/<int:pk>/rediger", edit_views.area_edit, name="area_edit"),
    path("eksport.<slug:fmt>", views.export, name="export"),
    path("resultat.json", views.result_ids, name="result"),
    path("oversigt.svg", views.preview, name="preview"),
    path("fliser/<int:z>/<int:x>/<int:y>.mvt", views.tile, name="tile"),
    path("import", edit_views.land_import_view, name="import"),
    path("skabelon.<slug:fmt>", edit_views.template_download, name="template"),
]
