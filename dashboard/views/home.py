"""Home and the Rechten page."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from dashboard import permissions as permission_page
from dashboard.selectors import home as home_selectors


def home(request):
    return render(request, "dashboard/home.html", home_selectors.home(request.user))


def permissions(request):
    if not request.user.has_perm("core.view_permission_matrix"):
        raise PermissionDenied
    return render(request, "dashboard/permissions.html", permission_page.matrix())
