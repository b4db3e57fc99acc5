"""Administration pages under /administration/ (namespace ``administration``)."""

from django.urls import path

from rodloeber.accounts import admin_views, organisation_views

app_name = "administration"
urlpatterns = [
    path("", admin_views.organisations, name="organisations"),
    path("organisationer/ny", organisation_views.organisation_new, name="organisation_new"),
    path("organisationer/<int:pk>", admin_views.organisation, name="organisation"),
    path("organisationer/<int:pk>/navn", organisation_views.rename, name="rename"),
    path(
        "organisationer/<int:pk>/aktiv",
        organisation_views.set_organisation_active,
        name="set_organisation_active",
    ),
    path("organisationer/<int:pk>/inviter", admin_views.invite, name="invite"),
    path("invitationer/<int:pk>/tilbagekald", admin_views.revoke, name="revoke"),
    path("brugere/<int:pk>/aktiv", admin_views.set_active, name="set_active"),
    path("organisationer/<int:pk>/bemyndigelse", admin_views.delegate, name="delegate"),
    path("bemyndigelser/<int:pk>/afslut", admin_views.end_delegation, name="end_delegation"),
]
