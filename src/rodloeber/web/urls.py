from django.urls import path

from rodloeber.cases.views import lists as case_views
from rodloeber.checks import views as check_views
from rodloeber.landmap import views as landmap_views
from rodloeber.parks import views as parks_views
from rodloeber.reports.views import public as report_views
from rodloeber.web import plan_views, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("tilgaengelighed", views.accessibility, name="accessibility"),
    path("datakilder", views.data_sources, name="data_sources"),
    path("min-side", views.dashboard, name="dashboard"),
    path("min-side/notifikationer", views.notification_settings, name="notification_settings"),
    path("tjek", check_views.start, name="check"),
    path("procesplan", plan_views.plan_preview, name="plan_preview"),
    path("sager", case_views.case_list, name="cases"),
    path("industriparker", parks_views.index, name="parks"),
    path("kort", landmap_views.landmap, name="landmap"),
    path("statistik", report_views.statistics_page, name="statistics"),
]
