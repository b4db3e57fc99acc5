from django.urls import path

from rodloeber.saml import views

app_name = "saml"
urlpatterns = [
    path("metadata", views.metadata, name="metadata"),
    path("log-ind", views.login_start, name="login"),
    path("acs", views.acs, name="acs"),
    path("slo", views.slo, name="slo"),
    path("log-ud", views.sp_logout, name="logout"),
]
