"""The local mailbox of development; included by zv_portal/urls.py only when DEBUG is on."""

from django.urls import path, re_path

from notifications import views_dev
from notifications.mailbox import NAME_PATTERN

app_name = "dev_mailbox"

urlpatterns = [
    path("", views_dev.mailbox, name="list"),
    re_path(rf"^(?P<name>{NAME_PATTERN})/$", views_dev.message, name="message"),
]
