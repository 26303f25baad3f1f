"""The case reflections: the overview and its CSV, the rotation planner, the reflection page,
planning and editing a reflection, a step along its lifecycle, and its history.

Every view is a ``RegionView``: the region comes through ``visible_to`` (404), a reflection is
looked up within that region (404 for another region's id), then the django-rules permission
is checked (403). A reader without ``casereflection.view_case_text`` gets the reflection
without its case text (``access.get_reflection``). Writes go through
``casereflection.services``; its refusals appear next to the form fields.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from casereflection import services
from casereflection.constants import ReflectionStatus, status_index
from casereflection.forms import AdvanceForm, FacilitatorReflectionForm, ReflectionForm
from casereflection.models import CaseReflection
from casereflection.selectors import access, detail, history, overview, planner
from core.csv_export import csv_response
from governance.views.base import RegionView, run_service


class ReflectionView(RegionView):
    permission = "casereflection.view_reflections"
    section = "reflecties"

    def list_url(self) -> str:
        return reverse("casereflection:reflection_list", kwargs={"region": self.region.slug})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_plan"] = user.has_perm("casereflection.plan_reflection", self.region)
        context["list_url"] = self.list_url()
        return context


class ReflectionMixin:
    """For URLs with the reflection's pk: ``self.reflection`` is that reflection of
    ``self.region`` (without the case text for readers who may not see it)."""

    def resolve(self, **kwargs) -> None:
        super().resolve(**kwargs)
        self.reflection = access.get_reflection(self.region, kwargs["pk"], self.request.user)

    def get_permission_object(self):
        return self.reflection

    def reload(self) -> None:
        """Read the reflection again (a refused service may have changed it in memory)."""
        self.reflection = access.get_reflection(self.region, self.reflection.pk, self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reflection"] = self.reflection
        context["case_text"] = access.may_read_case_text(self.request.user, self.region)
        return context


class ReflectionListView(ReflectionView):
    template_name = "casereflection/reflection_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            overview.reflection_overview(self.region, self.request.user, self.request.GET)
        )
        context["csv_query"] = self.request.GET.urlencode()
        return context


class ReflectionCsvView(ReflectionView):
    """The (filtered) overview for Excel: UTF-8 with BOM, ';' as separator, dd-mm-jjjj."""

    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        rows = overview.reflection_csv_rows(self.region, request.user, request.GET, today=today)
        audit.record(
            "reflection_downloaded",
            request=request,
            target=f"Casusreflecties van {self.region.name} (CSV, {len(rows) - 1} regels)",
            region_pk=self.region.pk,
        )
        return csv_response(f"casusreflecties-{self.region.slug}-{today:%Y-%m-%d}.csv", rows)


class PlannerView(ReflectionView):
    template_name = "casereflection/planner.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(planner.reflection_planner(self.region, self.request.user))
        return context


def record_opened(request, reflection, region, detail: str = "") -> None:
    """Audit: who opened a reflection (its number and region only, never its case text)."""
    audit.record(
        "reflection_opened",
        request=request,
        target=f"Casusreflectie {reflection.pk} ({region.name})",
        detail=detail,
        region_pk=region.pk,
    )


class ReflectionDetailView(ReflectionMixin, ReflectionView):
    template_name = "casereflection/reflection_detail.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        record_opened(request, self.reflection, self.region)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(detail.reflection_detail(self.reflection, self.request.user))
        context["content_fields"] = [
            (CaseReflection._meta.get_field(name).verbose_name, getattr(self.reflection, name))
            for name in ("answer_principles", "answer_administration", "answer_justice")
        ]
        return context


class ReflectionHistoryView(ReflectionMixin, ReflectionView):
    """The history holds the case text: people with a role in the region only."""

    template_name = "casereflection/reflection_history.html"
    permission = "casereflection.view_case_text"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        record_opened(request, self.reflection, self.region, detail="geschiedenis")
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = history.reflection_history(self.reflection)
        return context


class ReflectionFormMixin:
    """Plan (secretary) or change (secretary, or the gespreksleider) a reflection."""

    template_name = "casereflection/reflection_form.html"
    reflection = None

    def form_class(self):
        if self.request.user.has_perm("casereflection.plan_reflection", self.region):
            return ReflectionForm
        return FacilitatorReflectionForm

    def initial(self) -> dict:
        """Planning links (the planner, an empty quarter) preset the quarter and sub-region;
        without them, the first open quarter with the rotation's proposal."""
        preset = {
            k: v for k, v in self.request.GET.items() if k in ("year", "quarter", "sub_region")
        }
        return preset or planner.first_open_quarter(self.region)

    def get_form(self):
        user = self.request.user
        kwargs = {
            "instance": self.reflection or CaseReflection(region=self.region),
            "region": self.region,
            "can_explain": user.has_perm("casereflection.explain_privacy_finding", self.region),
        }
        if self.request.method == "POST":
            kwargs["data"] = self.request.POST
        elif self.reflection is None:
            kwargs["initial"] = self.initial()
        return self.form_class()(**kwargs)

    def cancel_url(self) -> str:
        return self.reflection.get_absolute_url() if self.reflection else self.list_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context.setdefault("form", self.get_form())
        context["title"] = (
            _("Casusreflectie %(quarter)s wijzigen") % {"quarter": self.reflection.quarter_label}
            if self.reflection
            else _("Casusreflectie plannen")
        )
        context["cancel_url"] = self.cancel_url()
        context["is_facilitator_form"] = isinstance(form, FacilitatorReflectionForm)
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            instance = form.save(commit=False)
            data = form.cleaned_data
            if "themes" in data:
                themes = list(data["themes"])
            else:  # the gespreksleider's form leaves the themes as they are
                themes = list(instance.themes.all()) if instance.pk else []
            saved = run_service(
                form,
                lambda: services.reflection_save(
                    instance=instance,
                    seen_version=data.get("seen_version"),
                    user=request.user,
                    themes=themes,
                    organisations=data["organisations"],
                    delegation=data["delegation"],
                    privacy_explanation=data.get("privacy_explanation", ""),
                ),
            )
            if saved:
                messages.success(
                    request,
                    _("De casusreflectie %(quarter)s is opgeslagen.")
                    % {"quarter": instance.quarter_label},
                )
                return HttpResponseRedirect(instance.get_absolute_url())
        if self.reflection is not None:
            self.reload()
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ReflectionAddView(ReflectionFormMixin, ReflectionView):
    permission = "casereflection.plan_reflection"


class ReflectionEditView(ReflectionFormMixin, ReflectionMixin, ReflectionView):
    permission = "casereflection.change_reflection"


class ReflectionAdvanceView(ReflectionMixin, ReflectionView):
    """``?naar=<status>``: the step to take, with what it needs; POST takes it.

    Without a valid ``naar`` the next step is meant. A step that is not the next one (or, for
    the secretary, the previous one) is explained, not offered.
    """

    template_name = "casereflection/reflection_advance.html"
    permission = "casereflection.change_reflection"

    def target(self) -> str | None:
        data = self.request.POST if self.request.method == "POST" else self.request.GET
        naar = data.get("naar", "")
        if naar in ReflectionStatus.values:
            return naar
        return detail.next_status(self.reflection)

    def step(self, to_status: str) -> int:
        return status_index(to_status) - status_index(self.reflection.status)

    def check(self, to_status: str | None) -> None:
        """The gespreksleider may not conclude, close or go back: 403 before any form."""
        if to_status is None or self.step(to_status) not in (-1, 1):
            return
        if not detail.may_take_step(self.request.user, self.reflection, to_status):
            raise PermissionDenied

    def make_form(self, to_status: str, data=None) -> AdvanceForm:
        return AdvanceForm(
            data,
            reflection=self.reflection,
            to_status=to_status,
            can_explain=self.request.user.has_perm(
                "casereflection.explain_privacy_finding", self.region
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        to_status = self.target()
        context["to_status"] = to_status
        context["current_label"] = self.reflection.get_status_display()
        if to_status is None:
            context["title"] = _("Geen volgende stap")
            return context
        step = self.step(to_status)
        context["to_label"] = detail.status_label(to_status)
        context["going_back"] = step == -1
        context["title"] = (
            _("Een stap terugzetten naar ‘%(status)s’")
            if step == -1
            else _("Naar de stap ‘%(status)s’")
        ) % {"status": context["to_label"]}
        if step not in (-1, 1):
            context["wrong_step"] = True
            return context
        form = context.setdefault("form", self.make_form(to_status))
        if step == 1:
            # The date of the conversation is asked for on this page itself.
            context["requirements"] = detail.open_requirements(
                self.reflection, to_status, skip=("held_on",) if "held_on" in form.fields else ()
            )
        return context

    def get(self, request, *args, **kwargs):
        self.check(self.target())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        to_status = self.target()
        if to_status is None:
            return self.render_to_response(self.get_context_data(), status=400)
        self.check(to_status)
        form = self.make_form(to_status, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            saved = run_service(
                form,
                lambda: services.reflection_advance(
                    reflection=self.reflection,
                    to_status=to_status,
                    seen_version=data["seen_version"],
                    user=request.user,
                    held_on=data.get("held_on"),
                    note=data.get("note", ""),
                    privacy_explanation=data.get("privacy_explanation", ""),
                ),
            )
            if saved:
                messages.success(
                    request,
                    _("De casusreflectie %(quarter)s staat nu op ‘%(status)s’.")
                    % {
                        "quarter": self.reflection.quarter_label,
                        "status": detail.status_label(to_status),
                    },
                )
                return HttpResponseRedirect(self.reflection.get_absolute_url())
        self.reload()
        form.reflection = self.reflection
        return self.render_to_response(self.get_context_data(form=form), status=400)
