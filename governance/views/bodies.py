"""Bodies and what hangs from them: mandates, members, relations, cost lines."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance import selectors, services
from governance.forms import (
    BodyEndForm,
    BodyForm,
    CostLineForm,
    EndPeriodForm,
    MandateForm,
    MembershipForm,
    RelationForm,
)
from governance.health_chart import attendance_chart_svg
from governance.models import Body, BodyRelation, CostLine, Mandate, Membership
from governance.selectors.health import body_health, region_health
from governance.views.base import (
    BodyChildFormView,
    BodyMixin,
    ObjectFormView,
    RegionView,
    run_service,
)


class BodyListView(RegionView):
    template_name = "governance/body_list.html"
    section = "gremia"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.body_list(self.region, self.request.GET))
        if self.request.user.has_perm("governance.view_health", self.region):
            health = region_health(self.region, context["bodies"])
            for body in context["bodies"]:
                body.health = health[body.pk]
            context["show_health"] = True
        context["can_add_body"] = self.request.user.has_perm("governance.add_body", self.region)
        return context


class BodyDetailView(BodyMixin, RegionView):
    template_name = "governance/body_detail.html"
    section = "gremia"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.body_detail(self.body))
        context["can_change"] = self.request.user.has_perm("governance.change_body", self.body)
        if self.request.user.has_perm("governance.view_health", self.region):
            context["health"] = body_health(self.body)
            context["health_chart"] = attendance_chart_svg(context["health"])
        return context


class BodyFormView(ObjectFormView):
    model = Body
    form_class = BodyForm
    title_add = gettext_lazy("Gremium toevoegen")
    title_edit = gettext_lazy("Gremium wijzigen")
    section = "gremia"

    @property
    def permission(self):
        return "governance.change_body" if self.object else "governance.add_body"

    def success_url(self, obj) -> str:
        return obj.get_absolute_url()

    def cancel_url(self) -> str:
        if self.object:
            return self.object.get_absolute_url()
        from django.urls import reverse

        return reverse("governance:body_list", kwargs={"region": self.region.slug})


class BodyEndView(BodyMixin, RegionView):
    """Dissolve a body; nothing of its past is deleted."""

    template_name = "governance/body_end.html"
    permission = "governance.end_body"
    section = "gremia"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", BodyEndForm(body=self.body))
        context["open_counts"] = selectors.open_periods_of_body(self.body)
        return context

    def post(self, request, *args, **kwargs):
        form = BodyEndForm(request.POST, body=self.body)
        if form.is_valid() and run_service(
            form,
            lambda: services.body_end(
                body=self.body,
                dissolved_on=form.cleaned_data["dissolved_on"],
                merged_into=form.cleaned_data["merged_into"],
                note=form.cleaned_data["note"],
                seen_version=form.cleaned_data["seen_version"],
                user=request.user,
            ),
        ):
            messages.success(request, _("‘%(b)s’ is opgeheven.") % {"b": self.body.name})
            return HttpResponseRedirect(self.body.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class MandateFormView(BodyChildFormView):
    model = Mandate
    form_class = MandateForm
    permission = "governance.change_mandate"
    title_add = gettext_lazy("Mandaat toevoegen")
    title_edit = gettext_lazy("Mandaat wijzigen")
    section = "gremia"


class MembershipFormView(BodyChildFormView):
    model = Membership
    form_class = MembershipForm
    permission = "governance.change_membership"
    title_add = gettext_lazy("Lid toevoegen")
    title_edit = gettext_lazy("Lidmaatschap wijzigen")
    section = "gremia"


class RelationFormView(BodyChildFormView):
    model = BodyRelation
    form_class = RelationForm
    permission = "governance.change_bodyrelation"
    body_field = "source"
    title_add = gettext_lazy("Relatie toevoegen")
    title_edit = gettext_lazy("Relatie wijzigen")
    section = "gremia"


class CostLineFormView(BodyChildFormView):
    model = CostLine
    form_class = CostLineForm
    permission = "governance.change_costline"
    form_needs_region = False
    title_add = gettext_lazy("Kostenpost toevoegen")
    title_edit = gettext_lazy("Kostenpost wijzigen")
    section = "gremia"


class CostLineDeleteView(BodyChildFormView):
    """A cost line that no longer applies is removed (its history stays)."""

    model = CostLine
    permission = "governance.change_costline"
    template_name = "governance/confirm.html"
    section = "gremia"

    def get_context_data(self, **kwargs):
        context = RegionView.get_context_data(self, **kwargs)
        context["body"] = self.body
        context["title"] = _("Kostenpost ‘%(i)s’ verwijderen") % {"i": self.object.item}
        context["question"] = _(
            "De kostenpost verdwijnt uit de begroting van %(b)s. "
            "De historie bewaart dat hij er was."
        ) % {"b": self.body.name}
        context["confirm_label"] = _("Kostenpost verwijderen")
        context["cancel_url"] = self.body.get_absolute_url()
        return context

    def post(self, request, *args, **kwargs):
        services.object_delete(instance=self.object, user=request.user)
        messages.success(request, _("De kostenpost is verwijderd."))
        return HttpResponseRedirect(self.body.get_absolute_url())


class EndPeriodView(BodyChildFormView):
    """End a membership, mandate or relation on a date (it stays in the register)."""

    template_name = "governance/end_period.html"
    section = "gremia"
    title = ""

    def get_context_data(self, **kwargs):
        context = RegionView.get_context_data(self, **kwargs)
        context["body"] = self.body
        context["object"] = self.object
        context["title"] = self.title
        context.setdefault("form", EndPeriodForm(initial={"seen_version": self.object.version}))
        return context

    def post(self, request, *args, **kwargs):
        form = EndPeriodForm(request.POST)
        if form.is_valid() and run_service(
            form,
            lambda: services.period_end(
                obj=self.object,
                end=form.cleaned_data["end"],
                seen_version=form.cleaned_data["seen_version"],
                user=request.user,
            ),
        ):
            messages.success(request, _("‘%(o)s’ is beëindigd.") % {"o": self.object})
            return HttpResponseRedirect(self.body.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class MembershipEndView(EndPeriodView):
    model = Membership
    permission = "governance.change_membership"
    title = gettext_lazy("Lidmaatschap beëindigen")


class MandateEndView(EndPeriodView):
    model = Mandate
    permission = "governance.change_mandate"
    title = gettext_lazy("Mandaat beëindigen")


class RelationEndView(EndPeriodView):
    model = BodyRelation
    permission = "governance.change_bodyrelation"
    body_field = "source"
    title = gettext_lazy("Relatie beëindigen")


class BodyHistoryView(BodyMixin, RegionView):
    template_name = "governance/body_history.html"
    permission = "governance.view_history"
    section = "gremia"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = selectors.body_history(self.body, limit=None)
        return context
