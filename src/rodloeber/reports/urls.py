"""URLs under /statistik/ (the page /statistik itself is ``web:statistics``)."""

from django.urls import path

from rodloeber.reports.views import internal, public

app_name = "reports"
urlpatterns = [
    path("data/alle.xlsx", public.all_xlsx, name="all_xlsx"),
    path("data/<slug:key>.csv", public.figure_csv, name="figure_csv"),
    path("data/<slug:key>.xlsx", public.figure_xlsx, name="figure_xlsx"),
    path("tidsplaner", public.schedule_list, name="schedules"),
    path("tidsplaner/<uuid:public_id>", public.schedule_detail, name="schedule"),
    path("aarsrapport", internal.yearly, name="yearly"),
    path("evaluering.<str:fmt>", internal.evaluation_export, name="evaluation"),
    path("budget", internal.budget, name="budget"),
    path("budget/forbrug", internal.spending_entry, name="spending"),
]
