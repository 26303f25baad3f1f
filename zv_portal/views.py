from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from zv_portal import permission_matrix, selectors


def home(request):
    return render(request, "zv_portal/home.html", selectors.home(request.user))


def permissions(request):
    if not request.user.has_perm("zv_portal.view_permission_matrix"):
        raise PermissionDenied
    return render(request, "zv_portal/permissions.html", permission_matrix.build_matrix())


@login_not_required
def accessibility(request):
    return render(request, "zv_portal/accessibility.html")
