"""Account pages (no namespace prefix in the names would clash with core's: they use
``accounts:``)."""

from django.urls import path  # noqa: F401

app_name = "accounts"

urlpatterns: list = []
