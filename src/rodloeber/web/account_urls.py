"""URLs of /konto/ (namespace ``accounts``): log-in, log-out, accepting an invitation
and one's own API tokens."""

from django.urls import path

from rodloeber.accounts import admin_views, token_views
from rodloeber.web import login_views as views

app_name = "accounts"
urlpatterns = [
    path("log-ind", views.LoginView.as_view(), name="login"),
    path("log-ud", views.LogoutView.as_view(), name="logout"),
    path("invitation/<str:secret>", admin_views.accept, name="invitation"),
    path("api-noegler", token_views.tokens, name="tokens"),
    path("api-noegler/<int:pk>/tilbagekald", token_views.revoke, name="token_revoke"),
]
