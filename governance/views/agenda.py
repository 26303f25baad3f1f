"""The agenda's way out, from the meeting page: the secretary offers the agenda to the chair
or publishes it directly with a reason; the chair approves it or returns it with a remark.
And the removal of an agenda item. Each step is a service with its rule (see rules.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.forms.agenda import AgendaPublishForm, AgendaReturnForm, AgendaStepForm
from governance.models import AgendaItem, Meeting
from governance.services import agenda as services
from governance.views.base import RegionView, run_service
from governance.views.meetings import meeting_url


class AgendaStepView(RegionView):
    """GET: what the step does, with its form. POST: the step; a refusal stays on the page."""

    template_name = "governance/meetings/agenda_step.html"
    section = "vergaderingen"
    form_class = AgendaStepForm
    title = ""
    explanation = ""
    button = ""
    done = ""
    danger = False

    def resolve(self, **kwargs) -> None:
        self.meeting = get_object_or_404(
            Meeting.objects.in_region(self.region).select_related("body"), pk=kwargs["pk"]
        )
        self.meeting.body.region = self.region

    def get_permission_object(self):
        return self.meeting

    def get_form(self):
        if self.request.method == "POST":
            return self.form_class(self.request.POST)
        return self.form_class(initial={"seen_version": self.meeting.version})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["meeting"] = self.meeting
        context["item_count"] = self.meeting.items.count()
        context["title"] = self.title
        context["explanation"] = self.explanation
        context["button"] = self.button
        context["danger"] = self.danger
        context["cancel_url"] = meeting_url(self.region, self.meeting)
        return context

    def run(self, form):  # pragma: no cover - each step says what it runs
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid() and run_service(form, lambda: self.run(form)):
            messages.success(request, self.done)
            return HttpResponseRedirect(meeting_url(self.region, self.meeting) + "#agenda")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class AgendaSubmitView(AgendaStepView):
    permission = "governance.submit_agenda"
    title = gettext_lazy("Agenda ter vaststelling aanbieden")
    explanation = gettext_lazy(
        "De voorzitter van het gremium ziet de agenda en stelt haar vast of stuurt haar terug "
        "met een opmerking. Leden zien de agenda pas als ze definitief is."
    )
    button = gettext_lazy("Aanbieden aan de voorzitter")
    done = gettext_lazy("De agenda is ter vaststelling aangeboden aan de voorzitter.")

    def run(self, form):
        services.agenda_submit(
            meeting=self.meeting,
            seen_version=form.cleaned_data.get("seen_version"),
            user=self.request.user,
        )


class AgendaApproveView(AgendaStepView):
    permission = "governance.approve_agenda"
    title = gettext_lazy("Agenda vaststellen")
    explanation = gettext_lazy(
        "Na vaststelling is de agenda definitief: de leden van het gremium zien haar en de "
        "stukken. Latere wijzigingen worden gemarkeerd als ‘gewijzigd na verzending’."
    )
    button = gettext_lazy("Agenda vaststellen")
    done = gettext_lazy("De agenda is vastgesteld en verzonden.")

    def run(self, form):
        services.agenda_approve(
            meeting=self.meeting,
            seen_version=form.cleaned_data.get("seen_version"),
            user=self.request.user,
        )


class AgendaReturnView(AgendaStepView):
    permission = "governance.approve_agenda"
    form_class = AgendaReturnForm
    title = gettext_lazy("Agenda terugsturen")
    explanation = gettext_lazy(
        "De agenda gaat terug naar de secretaris, met uw opmerking. Daarna kan de secretaris "
        "haar opnieuw aanbieden."
    )
    button = gettext_lazy("Terugsturen naar de secretaris")
    done = gettext_lazy("De agenda is met uw opmerking teruggestuurd naar de secretaris.")

    def run(self, form):
        services.agenda_return(
            meeting=self.meeting,
            remark=form.cleaned_data["remark"],
            seen_version=form.cleaned_data.get("seen_version"),
            user=self.request.user,
        )


class AgendaPublishView(AgendaStepView):
    permission = "governance.submit_agenda"
    form_class = AgendaPublishForm
    title = gettext_lazy("Agenda direct verzenden")
    explanation = gettext_lazy(
        "Verzend de agenda zonder vaststelling door de voorzitter in het portaal, bijvoorbeeld "
        "als de voorzitter per mail akkoord gaf. De reden wordt vastgelegd; de leden zien de "
        "agenda en de stukken daarna meteen."
    )
    button = gettext_lazy("Agenda verzenden")
    done = gettext_lazy("De agenda is verzonden.")

    def run(self, form):
        services.agenda_publish(
            meeting=self.meeting,
            reason=form.cleaned_data["reason"],
            seen_version=form.cleaned_data.get("seen_version"),
            user=self.request.user,
        )


class AgendaItemRemoveView(RegionView):
    """Remove an agenda item nothing depends on (confirmation page)."""

    permission = "governance.change_meeting"
    template_name = "governance/meetings/agendaitem_remove.html"
    section = "vergaderingen"

    def resolve(self, **kwargs) -> None:
        self.item = get_object_or_404(
            AgendaItem.objects.in_region(self.region).select_related("meeting__body"),
            pk=kwargs["obj"],
        )
        self.meeting = self.item.meeting
        self.meeting.body.region = self.region

    def get_permission_object(self):
        return self.item

    def get_form(self):
        if self.request.method == "POST":
            return AgendaStepForm(self.request.POST)
        return AgendaStepForm(initial={"seen_version": self.item.version})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["item"] = self.item
        context["meeting"] = self.meeting
        context["refusals"] = services.removal_refusals(self.item)
        context["title"] = _("Agendapunt verwijderen")
        context["cancel_url"] = (
            meeting_url(self.region, self.meeting) + f"#agendapunt-{self.item.pk}"
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid() and run_service(
            form,
            lambda: services.agenda_item_remove(
                item=self.item,
                seen_version=form.cleaned_data.get("seen_version"),
                user=request.user,
            ),
        ):
            messages.success(
                request, _("Agendapunt ‘%(title)s’ is verwijderd.") % {"title": self.item.title}
            )
            return HttpResponseRedirect(meeting_url(self.region, self.meeting) + "#agenda")
        return self.render_to_response(self.get_context_data(form=form), status=400)


R = "regio/<slug:region>/"

urlpatterns = [
    path(
        R + "vergaderingen/<int:pk>/agenda/aanbieden/",
        AgendaSubmitView.as_view(),
        name="agenda_submit",
    ),
    path(
        R + "vergaderingen/<int:pk>/agenda/vaststellen/",
        AgendaApproveView.as_view(),
        name="agenda_approve",
    ),
    path(
        R + "vergaderingen/<int:pk>/agenda/terugsturen/",
        AgendaReturnView.as_view(),
        name="agenda_return",
    ),
    path(
        R + "vergaderingen/<int:pk>/agenda/verzenden/",
        AgendaPublishView.as_view(),
        name="agenda_publish",
    ),
    path(
        R + "agendapunten/<int:obj>/verwijderen/",
        AgendaItemRemoveView.as_view(),
        name="agendaitem_remove",
    ),
]
