from django.urls import include, path

from rodloeber.api.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("konto/nemlogin/", include("rodloeber.saml.urls")),
    path("konto/", include("rodloeber.web.account_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("tiles/", include("rodloeber.layers.tile_urls")),
    path("tjek/", include("rodloeber.checks.urls")),
    path("kort/", include("rodloeber.landmap.urls")),
    path("industriparker/", include("rodloeber.parks.urls")),
    path("sager/", include("rodloeber.cases.urls")),
    path("statistik/", include("rodloeber.reports.urls")),
    path("administration/", include("rodloeber.accounts.admin_urls")),
    path("", include("rodloeber.web.urls")),
]

handler403 = "rodloeber.web.errors.permission_denied"
handler404 = "rodloeber.web.errors.page_not_found"
handler500 = "rodloeber.web.errors.server_error"
