"""A stand-in URLconf with the governance URL names the structure checks link to.

The checks only need ``reverse`` to work; the real views live in ``governance.urls``.
"""

from django.http import HttpResponse
from django.urls import include, path


def _dummy(request, **kwargs):
    return HttpResponse("")


patterns = [
    path("<slug:region>/", _dummy, name="region"),
    path("<slug:region>/ketenpartners/", _dummy, name="region_partners"),
    path("<slug:region>/gremia/", _dummy, name="body_list"),
    path("<slug:region>/gremia/<int:pk>/", _dummy, name="body"),
    path("<slug:region>/gremia/<int:pk>/wijzigen/", _dummy, name="body_edit"),
    path("<slug:region>/gremia/<int:pk>/mandaten/nieuw/", _dummy, name="mandate_add"),
    path("<slug:region>/gremia/<int:pk>/leden/nieuw/", _dummy, name="membership_add"),
    path("<slug:region>/gremia/<int:pk>/relaties/nieuw/", _dummy, name="relation_add"),
]

urlpatterns = [path("", include((patterns, "governance")))]
