"""The praatplaat overview, the item page, the assessment forms, proposals and the CSV export.

Every view is a ``RegionView``: the region comes through ``visible_to`` (404), the item by its
code in the current framework (404 for an unknown code), a municipality or proposal within the
region (404 for another region's id), then the django-rules permission (403). Writes go through
``checklist.services.assessments``; refusals appear next to the form fields.

The municipality edit URL answers 404 for an item that is not judged per gemeente: such an
assessment cannot exist, so the address does not exist either.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, register_converter, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from checklist.forms import AssessmentForm, ProposalDecideForm, ProposalForm
from checklist.models import AssessmentProposal, Framework
from checklist.selectors import assessments as selectors
from checklist.selectors import items as item_selectors
from checklist.services import assessments as services
from core.csv_export import csv_response
from governance.models import Municipality
from governance.pagecache import cached_page
from governance.views.base import RegionView, run_service


class ChecklistView(RegionView):
    permission = "checklist.view_checklist"
    section = "checklist"

    def overview_url(self) -> str:
        return reverse("checklist:overview", kwargs={"region": self.region.slug})


class ItemMixin:
    """For URLs with an item code: ``self.item`` is that item of the current framework."""

    def resolve(self, **kwargs) -> None:
        super().resolve(**kwargs)
        framework = Framework.current()
        if framework is None:
            raise Http404
        self.item = get_object_or_404(framework.items.select_related("group"), code=kwargs["code"])

    def item_url(self) -> str:
        return reverse(
            "checklist:item", kwargs={"region": self.region.slug, "code": self.item.code}
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["item"] = self.item
        return context


class OverviewView(ChecklistView):
    template_name = "checklist/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.checklist_overview(self.region))
        user = self.request.user
        context["can_change"] = user.has_perm("checklist.change_assessment", self.region)
        return context


class ItemView(ItemMixin, ChecklistView):
    template_name = "checklist/item.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(item_selectors.item_detail(self.region, self.item))
        user = self.request.user
        context["can_change"] = user.has_perm("checklist.change_assessment", self.region)
        context["can_propose"] = user.has_perm("checklist.propose_assessment", self.region)
        return context


class AssessmentEditView(ItemMixin, ChecklistView):
    """The secretary's judgement of an item for the region, or for one municipality."""

    template_name = "checklist/assessment_form.html"
    permission = "checklist.change_assessment"

    def resolve(self, **kwargs) -> None:
        super().resolve(**kwargs)
        self.municipality = None
        if "municipality" in kwargs:
            self.municipality = get_object_or_404(
                Municipality.objects.filter(region=self.region), pk=kwargs["municipality"]
            )
            if not self.item.per_municipality:
                raise Http404
        self.assessment = item_selectors.assessment_with_links(
            self.region, self.item, self.municipality
        )

    def get_form(self) -> AssessmentForm:
        if self.request.method == "POST":
            return AssessmentForm(self.request.POST, region=self.region)
        initial = {} if self.assessment else {"assessed_on": timezone.localdate()}
        return AssessmentForm(region=self.region, instance=self.assessment, initial=initial)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["municipality"] = self.municipality
        context["assessment"] = self.assessment
        context["cancel_url"] = self.item_url()
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            data = form.cleaned_data
            saved = run_service(
                form,
                lambda: services.assessment_save(
                    region=self.region,
                    item=self.item,
                    municipality=self.municipality,
                    status=data["status"],
                    evidence=data["evidence"],
                    owner=data["owner"],
                    assessed_on=data["assessed_on"],
                    next_review_on=data["next_review_on"],
                    bodies=data["bodies"],
                    mandates=data["mandates"],
                    actions=data["actions"],
                    seen_version=data["seen_version"],
                    user=request.user,
                ),
            )
            if saved:
                where = f" ({self.municipality.name})" if self.municipality else ""
                messages.success(
                    request,
                    _("De beoordeling van %(code)s%(where)s is opgeslagen.")
                    % {"code": self.item.code, "where": where},
                )
                return HttpResponseRedirect(self.item_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ProposeView(ItemMixin, ChecklistView):
    """A participant proposes a status; the secretary decides on it."""

    template_name = "checklist/proposal_form.html"
    permission = "checklist.propose_assessment"

    def get_form(self) -> ProposalForm:
        data = self.request.POST if self.request.method == "POST" else None
        return ProposalForm(data, region=self.region, item=self.item)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["assessment"] = item_selectors.assessment_with_links(self.region, self.item)
        context["cancel_url"] = self.item_url()
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            data = form.cleaned_data
            saved = run_service(
                form,
                lambda: services.proposal_create(
                    region=self.region,
                    item=self.item,
                    municipality=data.get("municipality"),
                    status=data["status"],
                    evidence=data["evidence"],
                    user=request.user,
                ),
            )
            if saved:
                messages.success(
                    request,
                    _(
                        "Uw voorstel voor %(code)s is doorgegeven; de netwerksecretaris neemt "
                        "het over of wijst het af."
                    )
                    % {"code": self.item.code},
                )
                return HttpResponseRedirect(self.item_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ProposalDecideView(ChecklistView):
    """The secretary compares a proposal with the current assessment and decides."""

    template_name = "checklist/proposal_decide.html"
    permission = "checklist.change_assessment"

    def resolve(self, **kwargs) -> None:
        super().resolve(**kwargs)
        self.proposal = get_object_or_404(
            AssessmentProposal.objects.in_region(self.region).select_related(
                "item__group", "municipality", "proposed_by", "decided_by"
            ),
            pk=kwargs["obj"],
        )
        self.proposal.region = self.region

    def get_permission_object(self):
        return self.proposal

    def item_url(self) -> str:
        return reverse(
            "checklist:item", kwargs={"region": self.region.slug, "code": self.proposal.item.code}
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["proposal"] = self.proposal
        context["item"] = self.proposal.item
        context["is_open"] = self.proposal.state == "open"
        if context["is_open"]:
            choice = self.request.GET.get("besluit")
            initial = {"decision": choice} if choice in dict(ProposalDecideForm.CHOICES) else {}
            context.setdefault("form", ProposalDecideForm(initial=initial))
        context.update(item_selectors.proposal_detail(self.proposal))
        context["cancel_url"] = self.item_url()
        return context

    def post(self, request, *args, **kwargs):
        form = ProposalDecideForm(request.POST)
        if form.is_valid():
            accept = form.cleaned_data["decision"] == ProposalDecideForm.ACCEPT
            saved = run_service(
                form,
                lambda: services.proposal_decide(
                    proposal=self.proposal,
                    accept=accept,
                    note=form.cleaned_data["note"],
                    user=request.user,
                ),
            )
            if saved:
                text = (
                    _("Het voorstel is overgenomen; de beoordeling van %(code)s is bijgewerkt.")
                    if accept
                    else _("Het voorstel voor %(code)s is afgewezen.")
                )
                messages.success(request, text % {"code": self.proposal.item.code})
                return HttpResponseRedirect(self.item_url())
        context = self.get_context_data(form=form)
        context["is_open"] = True  # show the refused form with its errors
        return self.render_to_response(context, status=400)


class ExportCsvView(ChecklistView):
    """All assessments of the region for Excel: UTF-8 with BOM, ';' as separator."""

    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        rows = selectors.assessment_csv_rows(self.region)
        return csv_response(f"checklist-{self.region.slug}-{today:%Y-%m-%d}.csv", rows)


class ItemCodeConverter:
    """An item code such as ``I1``, ``A2.3`` or ``U3``: a capital letter, then digits.

    A plain ``<str:code>`` would also match the other checklist pages under
    ``checklist/<word>/`` (``landelijk``, ``peilmomenten``) and answer 404 for them."""

    regex = r"[A-Z][A-Za-z]?[0-9]+(?:\.[0-9]+)*"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ItemCodeConverter, "itemcode")

R = "regio/<slug:region>/"

urlpatterns = [
    path(
        R + "checklist/",
        cached_page(
            # everything the derived evidence reads; progress notes are not among it
            OverviewView.as_view(),
            domains=("werkagenda", "vergaderingen", "checklist", "reflecties"),
        ),
        name="overview",
    ),
    path(R + "checklist.csv", ExportCsvView.as_view(), name="export_csv"),
    path(
        R + "checklist/voorstellen/<int:obj>/",
        ProposalDecideView.as_view(),
        name="proposal_decide",
    ),
    path(R + "checklist/<itemcode:code>/", ItemView.as_view(), name="item"),
    path(
        R + "checklist/<itemcode:code>/beoordelen/",
        AssessmentEditView.as_view(),
        name="assessment_edit",
    ),
    path(
        R + "checklist/<itemcode:code>/gemeenten/<int:municipality>/beoordelen/",
        AssessmentEditView.as_view(),
        name="municipality_assessment_edit",
    ),
    path(R + "checklist/<itemcode:code>/voorstellen/", ProposeView.as_view(), name="propose"),
]
