"""The frameworks (kaders) of a region: list, add, change, remove."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.forms.frameworks import FrameworkForm
from governance.models import Framework
from governance.selectors.frameworks import framework_list
from governance.services.frameworks import framework_delete
from governance.views.base import ObjectFormView, RegionView


def _list_url(region) -> str:
    return reverse("governance:framework_list", kwargs={"region": region.slug})


class FrameworkListView(RegionView):
    template_name = "governance/framework_list.html"
    section = "kaders"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["frameworks"] = framework_list(self.region)
        context["can_change"] = self.request.user.has_perm(
            "governance.change_framework", self.region
        )
        return context


class FrameworkFormView(ObjectFormView):
    model = Framework
    form_class = FrameworkForm
    permission = "governance.change_framework"
    title_add = gettext_lazy("Kader toevoegen")
    title_edit = gettext_lazy("Kader wijzigen")
    section = "kaders"

    def success_url(self, obj) -> str:
        return _list_url(self.region)

    def cancel_url(self) -> str:
        return _list_url(self.region)


class FrameworkDeleteView(RegionView):
    """Remove a framework; refused while bodies stand in it (the history keeps it)."""

    permission = "governance.change_framework"
    template_name = "governance/framework_delete.html"
    section = "kaders"

    def resolve(self, **kwargs) -> None:
        self.object = get_object_or_404(Framework.objects.in_region(self.region), pk=kwargs["obj"])

    def get_permission_object(self):
        return self.object

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["bodies"] = list(self.object.bodies.order_by("name"))
        context["title"] = _("Kader ‘%(k)s’ verwijderen") % {"k": self.object.name}
        context["cancel_url"] = _list_url(self.region)
        return context

    def post(self, request, *args, **kwargs):
        try:
            framework_delete(framework=self.object, user=request.user)
        except ValidationError as exc:
            context = self.get_context_data(refusal=" ".join(exc.messages))
            return self.render_to_response(context, status=400)
        messages.success(request, _("Het kader ‘%(k)s’ is verwijderd.") % {"k": self.object.name})
        return HttpResponseRedirect(_list_url(self.region))


R = "regio/<slug:region>/"

urlpatterns = [
    path(R + "kaders/", FrameworkListView.as_view(), name="framework_list"),
    path(R + "kaders/nieuw/", FrameworkFormView.as_view(), name="framework_add"),
    path(R + "kaders/<int:obj>/bewerken/", FrameworkFormView.as_view(), name="framework_edit"),
    path(
        R + "kaders/<int:obj>/verwijderen/",
        FrameworkDeleteView.as_view(),
        name="framework_delete",
    ),
]
