"""The minutes around a meeting: offering them for adoption at the next meeting, a correction
(a new version of adopted minutes), and the besluitenregister of the region (page and CSV).

The besluitenlijst and the verslag themselves are reports (``dashboard.reports``: page and
tagged PDF).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.pagination import paginate
from core.csv_export import csv_response
from governance.models import Meeting, Minutes
from governance.selectors.decisions import decision_csv_rows, filtered_decisions, with_details
from governance.selectors.minutes import minutes_versions, pending_adoption_item
from governance.services.minutes import minutes_correct, minutes_offer
from governance.views.base import RegionView, run_service

PER_PAGE = 50


class MinutesOfferView(RegionView):
    """‘Verslag aanbieden ter vaststelling’: a confirmation (GET) and the offer (POST)."""

    template_name = "governance/minutes/offer.html"
    permission = "governance.change_meeting"
    section = "vergaderingen"

    def resolve(self, **kwargs) -> None:
        self.meeting = get_object_or_404(
            Meeting.objects.in_region(self.region).select_related("body"), pk=kwargs["pk"]
        )
        self.meeting.body.region = self.region

    def get_permission_object(self):
        return self.meeting

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meeting"] = self.meeting
        context["title"] = _("Verslag aanbieden ter vaststelling")
        context["pending"] = pending_adoption_item(self.meeting)
        context["cancel_url"] = self.meeting.get_absolute_url()
        return context

    def post(self, request, *args, **kwargs):
        try:
            _minutes, item = minutes_offer(meeting=self.meeting, user=request.user)
        except ValidationError as exc:
            return self.render_to_response(self.get_context_data(errors=exc.messages), status=400)
        messages.success(
            request,
            _("Het verslag staat ter vaststelling op de agenda van %(meeting)s.")
            % {"meeting": item.meeting},
        )
        return HttpResponseRedirect(self.meeting.get_absolute_url())


class CorrectionForm(forms.Form):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label=gettext_lazy("Reden van de nieuwe versie"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    corrections = forms.CharField(
        label=gettext_lazy("Correcties"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=20000,
        help_text=gettext_lazy("Wat er anders is dan in de vorige versie."),
    )

    def __init__(self, *args, minutes: Minutes, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = [i for i in (minutes.content or {}).get("items", []) if "id" in i]
        for entry in self.items:
            self.fields[f"outcome_{entry['id']}"] = forms.CharField(
                label=_("Uitkomst bij %(order)s. %(title)s")
                % {"order": entry.get("order"), "title": entry.get("title", "")},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                max_length=10000,
                initial=entry.get("outcome", ""),
            )
            self.fields[f"minutes_text_{entry['id']}"] = forms.CharField(
                label=_("Verslag bij %(order)s. %(title)s")
                % {"order": entry.get("order"), "title": entry.get("title", "")},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                max_length=10000,
                initial=entry.get("minutes_text", ""),
            )

    def item_texts(self) -> dict[int, dict]:
        data = self.cleaned_data
        return {
            entry["id"]: {
                "outcome": data.get(f"outcome_{entry['id']}", ""),
                "minutes_text": data.get(f"minutes_text_{entry['id']}", ""),
            }
            for entry in self.items
        }


class MinutesCorrectView(RegionView):
    """A new version of adopted minutes, with a reason; the old version stays readable."""

    template_name = "governance/minutes/correct.html"
    permission = "governance.correct_minutes"
    section = "vergaderingen"

    def resolve(self, **kwargs) -> None:
        self.minutes = get_object_or_404(
            Minutes.objects.in_region(self.region).select_related("meeting__body"),
            pk=kwargs["pk"],
        )
        self.meeting = self.minutes.meeting

    def get_permission_object(self):
        return self.minutes

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        form = CorrectionForm(data, minutes=self.minutes)
        if data is None:
            form.initial["seen_version"] = self.minutes.version
        return form

    def verslag_url(self, number=None) -> str:
        url = reverse("reports:verslag", kwargs={"region": self.region.slug, "pk": self.meeting.pk})
        return f"{url}?versie={number}" if number else url

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["meeting"] = self.minutes.meeting
        context["minutes"] = self.minutes
        context["versions"] = minutes_versions(self.meeting)
        context["title"] = _("Nieuwe versie van het verslag")
        context["cancel_url"] = self.verslag_url(self.minutes.number)
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        result = {}
        if form.is_valid():

            def call():
                result["new"] = minutes_correct(
                    minutes=self.minutes,
                    reason=form.cleaned_data["reason"],
                    corrections=form.cleaned_data.get("corrections", ""),
                    seen_version=form.cleaned_data.get("seen_version"),
                    user=request.user,
                    item_texts=form.item_texts(),
                )

            if run_service(form, call):
                messages.success(
                    request,
                    _("Versie %(number)s van het verslag is gemaakt; de vorige blijft leesbaar.")
                    % {"number": result["new"].number},
                )
                return HttpResponseRedirect(self.verslag_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class DecisionRegisterView(RegionView):
    """Every decision of every table of the region, filtered and paged."""

    template_name = "governance/minutes/register.html"
    permission = "governance.view_decisions"
    section = "besluiten"

    def get(self, request, *args, **kwargs):
        form, qs, filtered = filtered_decisions(self.region, request.GET)
        page, query = paginate(request, with_details(qs), PER_PAGE)
        context = self.get_context_data(filter_form=form, page=page, query=query, filtered=filtered)
        status = 400 if form.is_bound and form.errors else 200
        return self.render_to_response(context, status=status)


class DecisionRegisterCsvView(RegionView):
    permission = "governance.view_decisions"

    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        rows = decision_csv_rows(self.region, request.GET)
        return csv_response(f"besluitenregister-{self.region.slug}-{today:%Y-%m-%d}.csv", rows)


R = "regio/<slug:region>/"

urlpatterns = [
    path(
        R + "vergaderingen/<int:pk>/verslag-aanbieden/",
        MinutesOfferView.as_view(),
        name="minutes_offer",
    ),
    path(
        R + "verslagen/<int:pk>/corrigeren/", MinutesCorrectView.as_view(), name="minutes_correct"
    ),
    path(R + "besluiten/", DecisionRegisterView.as_view(), name="decision_register"),
    path(
        R + "besluiten/export.csv", DecisionRegisterCsvView.as_view(), name="decision_register_csv"
    ),
]
