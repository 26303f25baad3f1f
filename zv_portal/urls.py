"""Root URLs: the project only wires the apps together."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
    path("account/", include("accounts.urls")),
    path("", include("dashboard.urls")),
    path("beheer/", admin.site.urls),
    path("", include("governance.urls")),
    path("", include("checklist.urls")),
    path("", include("casereflection.urls")),
    path("", include("dashboard.reports.urls")),
    path("", include("notifications.urls")),
]

if settings.DEBUG:
    # The local mailbox of development (docs/mail.md): not routed at all without DEBUG.
    urlpatterns += [path("dev/mail/", include("notifications.urls_dev"))]

handler400 = "core.errors.bad_request"
handler403 = "core.errors.forbidden"
handler404 = "core.errors.not_found"
handler500 = "core.errors.server_error"
