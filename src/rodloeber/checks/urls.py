from django.urls import path

from rodloeber.checks import rules_view, views

app_name = "checks"
urlpatterns = [
    path("", views.start, name="start"),
    path("trin/<int:number>", views.step_view, name="step"),
    path("resultat", views.result, name="result"),
    path("gem", views.save, name="save"),
    path("ny", views.reset, name="reset"),
    path("gemte", views.saved_list, name="saved_list"),
    path("gemte/<int:pk>", views.saved_detail, name="saved_detail"),
    path("kommune", views.kommune_lookup, name="kommune_lookup"),
    path("regler/aabne-spoergsmaal", rules_view.open_legal_questions, name="open_questions"),
]
