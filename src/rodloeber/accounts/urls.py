from django.urls import path

from rodloeber.accounts import views

app_name = "accounts"
urlpatterns = [
    path("log-ind", views.LoginView.as_view(), name="login"),
    path("log-ud", views.LogoutView.as_view(), name="logout"),
]
