"""URLs of /konto/ (namespace ``accounts``): log-in and log-out."""

from django.urls import path

from rodloeber.web import login_views as views

app_name = "accounts"
urlpatterns = [
    path("log-ind", views.LoginView.as_view(), name="login"),
    path("log-ud", views.LogoutView.as_view(), name="logout"),
]
