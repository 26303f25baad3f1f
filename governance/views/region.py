"""Region pages: overview, region data, municipalities, themes, partners, organisations,
persons."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from governance import selectors, services
from governance.checks.window import check_region
from governance.forms import (
    MunicipalityForm,
    OrganisationForm,
    PersonForm,
    RegionForm,
    RegionPartnerForm,
    RegionThemeForm,
    SubRegionForm,
)
from governance.models import (
    Municipality,
    Organisation,
    Person,
    Region,
    RegionPartner,
    RegionTheme,
    SubRegion,
)
from governance.selectors.findings import split_findings
from governance.selectors.frameworks import formal_decision_lines
from governance.views.base import ObjectFormView, RegionView, run_service


class RegionListView(TemplateView):
    template_name = "governance/region_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["regions"] = selectors.region_list(self.request.user)
        return context


def region_switch(request):
    """The region switcher posts a slug; go to that region if the user may see it."""
    slug = request.GET.get("regio", "")
    region = get_object_or_404(Region.objects.visible_to(request.user), slug=slug)
    return redirect(region)


class RegionDetailView(RegionView):
    template_name = "governance/region_detail.html"
    section = "regio"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.region_overview(self.region))
        checks = check_region(self.region)
        state = split_findings(self.region, checks.findings)
        context["findings"] = state.open
        context["answered_count"] = len(state.answered)
        context["decision_lines"] = formal_decision_lines(self.region)
        context["notices"] = checks.notices
        return context


class RegionEditView(ObjectFormView):
    model = Region
    form_class = RegionForm
    permission = "governance.change_region"
    title_edit = gettext_lazy("Regiogegevens wijzigen")
    form_needs_region = False
    section = "regio"

    def resolve(self, **kwargs) -> None:
        self.object = self.region

    def success_url(self, obj) -> str:
        return obj.get_absolute_url()


class SubRegionFormView(ObjectFormView):
    model = SubRegion
    form_class = SubRegionForm
    permission = "governance.change_region"
    title_add = gettext_lazy("Subregio toevoegen")
    title_edit = gettext_lazy("Subregio wijzigen")
    form_needs_region = False
    section = "regio"

    def success_url(self, obj) -> str:
        return self.region.get_absolute_url() + "#gemeenten"


class MunicipalityFormView(ObjectFormView):
    model = Municipality
    form_class = MunicipalityForm
    permission = "governance.change_region"
    title_add = gettext_lazy("Gemeente toevoegen")
    title_edit = gettext_lazy("Gemeente wijzigen")
    section = "regio"

    def success_url(self, obj) -> str:
        return self.region.get_absolute_url() + "#gemeenten"


class RegionThemeFormView(ObjectFormView):
    model = RegionTheme
    form_class = RegionThemeForm
    permission = "governance.change_region"
    title_add = gettext_lazy("Thema toevoegen")
    title_edit = gettext_lazy("Thema en afwegingskader wijzigen")
    section = "regio"

    def success_url(self, obj) -> str:
        return self.region.get_absolute_url() + "#themas"


class RegionThemeRemoveView(RegionView):
    """Remove a theme from the region (history keeps that it was there)."""

    permission = "governance.change_region"
    template_name = "governance/confirm.html"
    section = "regio"

    def resolve(self, **kwargs) -> None:
        self.object = get_object_or_404(
            RegionTheme.objects.in_region(self.region), pk=kwargs["obj"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Thema ‘%(t)s’ verwijderen") % {"t": self.object.theme}
        context["question"] = _(
            "Het thema hoort daarna niet meer bij de agenda van de regio. "
            "Gremia en mandaten met dit thema blijven bestaan."
        )
        context["confirm_label"] = _("Thema verwijderen")
        context["cancel_url"] = self.region.get_absolute_url() + "#themas"
        return context

    def post(self, request, *args, **kwargs):
        services.object_delete(instance=self.object, user=request.user)
        messages.success(request, _("Het thema is van de regio verwijderd."))
        return HttpResponseRedirect(self.region.get_absolute_url() + "#themas")


class PartnerView(RegionView):
    """The partners the region chose; add and remove."""

    template_name = "governance/partners.html"
    section = "organisaties"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partners"] = selectors.region_partners(self.region)
        if context["can_change_region"]:
            context.setdefault("form", RegionPartnerForm(region=self.region))
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("governance.change_region", self.region):
            raise PermissionDenied
        remove = request.POST.get("remove")
        if remove:
            partner = get_object_or_404(RegionPartner, region=self.region, pk=remove)
            services.object_delete(instance=partner, user=request.user)
            messages.success(
                request,
                _("‘%(o)s’ is geen gekozen ketenpartner meer.") % {"o": partner.organisation},
            )
            return HttpResponseRedirect(request.path)
        form = RegionPartnerForm(
            request.POST, region=self.region, instance=RegionPartner(region=self.region)
        )
        if form.is_valid() and run_service(
            form,
            lambda: services.partner_add(
                region=self.region,
                organisation=form.cleaned_data["organisation"],
                user=request.user,
            ),
        ):
            messages.success(
                request,
                _("‘%(o)s’ is toegevoegd als ketenpartner.")
                % {"o": form.cleaned_data["organisation"]},
            )
            return HttpResponseRedirect(request.path)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class OrganisationListView(RegionView):
    template_name = "governance/organisation_list.html"
    section = "organisaties"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.organisation_list(self.region, self.request.GET))
        return context


class OrganisationFormView(ObjectFormView):
    model = Organisation
    form_class = OrganisationForm
    permission = "governance.change_organisation"
    title_add = gettext_lazy("Organisatie toevoegen")
    title_edit = gettext_lazy("Organisatie wijzigen")
    form_needs_region = False
    section = "organisaties"

    def success_url(self, obj) -> str:
        return reverse("governance:organisation_list", kwargs={"region": self.region.slug})


class PersonListView(RegionView):
    template_name = "governance/person_list.html"
    section = "personen"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.person_list(self.region, self.request.GET))
        return context


class PersonFormView(ObjectFormView):
    model = Person
    form_class = PersonForm
    permission = "governance.change_person"
    title_add = gettext_lazy("Persoon toevoegen")
    title_edit = gettext_lazy("Persoon wijzigen")
    section = "personen"

    def success_url(self, obj) -> str:
        return reverse("governance:person_list", kwargs={"region": self.region.slug})
