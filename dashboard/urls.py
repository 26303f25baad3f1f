"""The cross-app pages (no namespace: their names predate the split of the project)."""

from django.urls import path

from dashboard.privacy import views as privacy
from dashboard.views import calendar, home, preparation
from governance.pagecache import ALL_BUT_PROGRESS, cached_page

urlpatterns = [
    path(
        "",
        cached_page(home.home, domains=ALL_BUT_PROGRESS, scope="viewer", progress=True),
        name="home",
    ),
    path("rechten/", home.permissions, name="permissions"),
    path("agenda-koppeling/", calendar.calendar, name="calendar"),
    path(
        "ical/<str:token>/mijn-vergaderingen.ics",
        calendar.calendar_feed_user,
        name="calendar_feed_user",
    ),
    path(
        "ical/<str:token>/gremium/<int:pk>.ics",
        calendar.calendar_feed_body,
        name="calendar_feed_body",
    ),
    path("voorbereiding/", preparation.preparation, name="preparation"),
    path(
        "regio/<slug:region>/vergaderingen/<int:pk>/voorbereiding/",
        cached_page(preparation.meeting_preparation, domains=ALL_BUT_PROGRESS, progress=True),
        name="meeting_preparation",
    ),
    path("privacy/", privacy.search, name="privacy"),
    path("privacy/persoon/<int:pk>/", privacy.inspect, name="privacy_person"),
    path(
        "privacy/account/<int:pk>/",
        privacy.inspect,
        {"kind": "account"},
        name="privacy_account",
    ),
    path("privacy/persoon/<int:pk>/wissen/", privacy.erase, name="privacy_person_erase"),
    path(
        "privacy/account/<int:pk>/wissen/",
        privacy.erase,
        {"kind": "account"},
        name="privacy_account_erase",
    ),
]
