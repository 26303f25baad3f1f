"""Meetings of the region's bodies: list, meeting page with its agenda, the secretary's forms
(meeting, agenda item, outcome/decision, vergaderstukken) and the document downloads.

Vergaderstukken are never served from a media URL: only the two download views below read
them from ``MEDIA_ROOT``, after checking ``governance.view_documents`` on the document.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from governance.constants import AgendaState
from governance.forms.agenda import AgendaStepForm
from governance.forms.meetings import (
    AgendaItemForm,
    DecisionForm,
    DocumentForm,
    DocumentReplaceForm,
    MeetingForm,
)
from governance.models import AgendaItem, Body, Document, Meeting
from governance.selectors.agenda import documents_deadline
from governance.selectors.meetings import meeting_detail, meeting_list
from governance.selectors.minutes import meeting_minutes_status
from governance.selectors.notes import note_counts
from governance.services.agenda import agenda_item_save
from governance.services.meetings import agenda_item_decide, document_add, document_replace
from governance.uploads import download_name
from governance.views.attendance import attendance_context
from governance.views.base import BodyChildFormView, ObjectFormView, RegionView, run_service

FORM_TEMPLATE = "governance/meetings/form.html"


def meeting_url(region, meeting) -> str:
    return reverse("governance:meeting", kwargs={"region": region.slug, "pk": meeting.pk})


class MeetingListView(RegionView):
    template_name = "governance/meetings/meeting_list.html"
    section = "vergaderingen"

    def get(self, request, *args, **kwargs):
        # "Vergadering plannen": the secretary picks a body, we go to its meeting form.
        plan = request.GET.get("plan")
        if plan and request.user.has_perm("governance.change_meeting", self.region):
            if plan.isdigit():
                body = Body.objects.filter(region=self.region, pk=plan).first()
                if body is not None:
                    return HttpResponseRedirect(
                        reverse(
                            "governance:meeting_add",
                            kwargs={"region": self.region.slug, "pk": body.pk},
                        )
                    )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("plan", None)
        context.update(
            meeting_list(self.region, params, now=timezone.now(), user=self.request.user)
        )
        context["can_change"] = self.request.user.has_perm("governance.change_meeting", self.region)
        if context["can_change"]:
            context["plan_bodies"] = list(
                Body.objects.filter(region=self.region)
                .exclude(status="opgeheven")
                .only("pk", "name", "short_name")
                .order_by("name")
            )
        return context


class MeetingDetailView(RegionView):
    template_name = "governance/meetings/meeting_detail.html"
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
        user = self.request.user
        context["meeting"] = self.meeting
        context["body"] = self.meeting.body
        context["can_change"] = user.has_perm("governance.change_meeting", self.meeting)
        context["can_view_agenda"] = user.has_perm("governance.view_agenda", self.meeting)
        context["can_download"] = user.has_perm("governance.view_documents", self.meeting)
        if context["can_view_agenda"]:
            context.update(meeting_detail(self.meeting))
        context.update(agenda_controls(self.meeting, user))
        context.update(attendance_context(self.meeting, user))
        if context["can_view_agenda"] and user.has_perm("governance.write_notes", self.meeting):
            # The author's own notes: only their number per item, a link to the preparation.
            counts = note_counts(self.meeting, user)
            context["can_write_notes"] = True
            for item in context["items"]:
                item.my_note_count = counts.get(item.pk, 0)
        context["can_view_minutes"] = user.has_perm("governance.view_minutes", self.meeting)
        if context["can_view_minutes"]:
            context.update(meeting_minutes_status(self.meeting))
        return context


def agenda_controls(meeting, user) -> dict:
    """What the meeting page offers about the agenda's way out (secretary, chair)."""
    can_submit = user.has_perm("governance.submit_agenda", meeting)
    waits_for_chair = meeting.agenda_state == AgendaState.TER_VASTSTELLING
    can_approve = waits_for_chair and user.has_perm("governance.approve_agenda", meeting)
    return {
        "can_submit_agenda": can_submit,
        "can_approve_agenda": can_approve,
        "agenda_step_form": AgendaStepForm(initial={"seen_version": meeting.version})
        if can_submit or can_approve
        else None,
        "documents_deadline": documents_deadline(meeting),
    }


class MeetingFormView(BodyChildFormView):
    """Plan a meeting of a body (URL with the body's pk) or change one (the meeting's pk)."""

    model = Meeting
    form_class = MeetingForm
    permission = "governance.change_meeting"
    template_name = FORM_TEMPLATE
    form_needs_region = False
    title_add = gettext_lazy("Vergadering plannen")
    title_edit = gettext_lazy("Vergadering wijzigen")
    section = "vergaderingen"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meeting"] = self.object
        return context

    def success_url(self, obj) -> str:
        return meeting_url(self.region, obj)

    def cancel_url(self) -> str:
        if self.object:
            return meeting_url(self.region, self.object)
        return reverse("governance:meeting_list", kwargs={"region": self.region.slug})


class AgendaItemFormView(ObjectFormView):
    """Add an agenda item to a meeting (URL with the meeting's pk) or change one (``obj``)."""

    model = AgendaItem
    form_class = AgendaItemForm
    permission = "governance.change_meeting"
    template_name = FORM_TEMPLATE
    title_add = gettext_lazy("Agendapunt toevoegen")
    title_edit = gettext_lazy("Agendapunt wijzigen")
    section = "vergaderingen"

    def resolve(self, **kwargs) -> None:
        self.object = None
        if "obj" in kwargs:
            self.object = get_object_or_404(
                AgendaItem.objects.in_region(self.region).select_related("meeting__body"),
                pk=kwargs["obj"],
            )
            self.meeting = self.object.meeting
        else:
            self.meeting = get_object_or_404(
                Meeting.objects.in_region(self.region).select_related("body"), pk=kwargs["pk"]
            )

    def get_permission_object(self):
        return self.object or self.meeting

    def new_instance(self):
        last = self.meeting.items.order_by("-order").values_list("order", flat=True).first()
        return AgendaItem(meeting=self.meeting, order=(last or 0) + 1)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meeting"] = self.meeting
        return context

    def success_url(self, obj) -> str:
        return meeting_url(self.region, self.meeting) + f"#agendapunt-{obj.pk}"

    def cancel_url(self) -> str:
        return meeting_url(self.region, self.meeting)

    def post(self, request, *args, **kwargs):
        # Through the agenda's service: after publication the change is recorded with it.
        form = self.get_form()
        if form.is_valid():
            instance = form.save(commit=False)
            if run_service(
                form,
                lambda: agenda_item_save(
                    instance=instance,
                    seen_version=form.cleaned_data.get("seen_version"),
                    user=request.user,
                    form=form,
                ),
            ):
                messages.success(request, _("‘%(obj)s’ is opgeslagen.") % {"obj": instance})
                return HttpResponseRedirect(self.success_url(instance))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class AgendaItemMixin:
    """For URLs with an agenda item's ``obj``: ``self.item`` and ``self.meeting``."""

    permission = "governance.change_meeting"
    section = "vergaderingen"

    def resolve(self, **kwargs) -> None:
        self.item = get_object_or_404(
            AgendaItem.objects.in_region(self.region).select_related(
                "meeting__body", "action", "knelpunt", "adopts_minutes_of__body"
            ),
            pk=kwargs["obj"],
        )
        self.meeting = self.item.meeting

    def get_permission_object(self):
        return self.item

    def back_url(self) -> str:
        return meeting_url(self.region, self.meeting) + f"#agendapunt-{self.item.pk}"


class AgendaItemDecideView(AgendaItemMixin, RegionView):
    """The outcome of an agenda item; the decision may create a new action and/or move the
    item's action — in one transaction (the service refuses all when one part fails)."""

    template_name = "governance/meetings/decide.html"

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return DecisionForm(data, item=self.item, region=self.region)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["item"] = self.item
        context["meeting"] = self.meeting
        context["title"] = _("Uitkomst vastleggen")
        context["cancel_url"] = self.back_url()
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            new_action = form.new_action()
            saved = run_service(
                form,
                lambda: agenda_item_decide(
                    item=self.item,
                    outcome=form.cleaned_data["outcome"],
                    seen_version=form.cleaned_data.get("seen_version"),
                    user=request.user,
                    new_action=new_action,
                    move=form.move(),
                    minutes_text=form.cleaned_data.get("minutes_text", ""),
                ),
            )
            if saved:
                text = _("De uitkomst van ‘%(item)s’ is vastgelegd.") % {"item": self.item.title}
                if new_action:
                    text += " " + _("De actie ‘%(action)s’ is aangemaakt.") % {
                        "action": new_action["title"]
                    }
                messages.success(request, text)
                return HttpResponseRedirect(self.back_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class DocumentAddView(AgendaItemMixin, RegionView):
    template_name = FORM_TEMPLATE

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", DocumentForm())
        context["meeting"] = self.meeting
        context["item"] = self.item
        context["title"] = _("Stuk toevoegen")
        context["multipart"] = True
        context["cancel_url"] = self.back_url()
        return context

    def post(self, request, *args, **kwargs):
        form = DocumentForm(
            request.POST,
            request.FILES,
            upload_too_large=getattr(request, "upload_too_large", False),
        )
        if form.is_valid() and run_service(
            form,
            lambda: document_add(
                agenda_item=self.item,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                user=request.user,
            ),
        ):
            messages.success(
                request, _("‘%(title)s’ is toegevoegd.") % {"title": form.cleaned_data["title"]}
            )
            return HttpResponseRedirect(self.back_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class DocumentMixin:
    """For URLs with a document's ``obj``: ``self.document``, ``self.item``, ``self.meeting``."""

    def resolve(self, **kwargs) -> None:
        self.document = get_object_or_404(
            Document.objects.in_region(self.region).select_related("agenda_item__meeting__body"),
            pk=kwargs["obj"],
        )
        self.item = self.document.agenda_item
        self.meeting = self.item.meeting

    def get_permission_object(self):
        return self.document


class DocumentReplaceView(DocumentMixin, RegionView):
    permission = "governance.change_meeting"
    template_name = FORM_TEMPLATE
    section = "vergaderingen"

    def back_url(self) -> str:
        return meeting_url(self.region, self.meeting) + f"#agendapunt-{self.item.pk}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault(
            "form",
            DocumentReplaceForm(
                initial={"title": self.document.title, "seen_version": self.document.version}
            ),
        )
        context["meeting"] = self.meeting
        context["item"] = self.item
        context["title"] = _("‘%(title)s’ vervangen") % {"title": self.document.title}
        context["multipart"] = True
        context["cancel_url"] = self.back_url()
        return context

    def post(self, request, *args, **kwargs):
        form = DocumentReplaceForm(
            request.POST,
            request.FILES,
            upload_too_large=getattr(request, "upload_too_large", False),
        )
        if form.is_valid() and run_service(
            form,
            lambda: document_replace(
                document=self.document,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                seen_version=form.cleaned_data.get("seen_version"),
                user=request.user,
            ),
        ):
            messages.success(
                request,
                _("‘%(title)s’ is vervangen; de vorige versie staat bij de eerdere versies.")
                % {"title": self.document.title},
            )
            return HttpResponseRedirect(self.back_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


def serve_document(
    *, name: str, title: str, content_type: str, inline: bool = False
) -> FileResponse:
    """A stored vergaderstuk as a download (or, ``inline``, for the browser's own viewer): our
    own safe name, the type we detected on upload, never sniffed or cached by the browser. A
    file missing on disk is a 404."""
    storage = Document._meta.get_field("file").storage
    try:
        handle = storage.open(name, "rb")
    except (FileNotFoundError, IsADirectoryError):
        raise Http404(_("Dit bestand is niet meer beschikbaar.")) from None
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=download_name(title, PurePosixPath(name).suffix.lower()),
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def record_download(
    request, region, title: str, meeting, detail: str = "", kind: str = "document_downloaded"
) -> None:
    """Audit: who downloaded (or read in the browser) which vergaderstuk (its title and
    meeting, not its contents)."""
    audit.record(
        kind,
        request=request,
        target=f"‘{title}’, {meeting}",
        detail=detail,
        region_pk=region.pk,
    )


class DocumentDownloadView(DocumentMixin, RegionView):
    permission = "governance.view_documents"

    def get(self, request, *args, **kwargs):
        doc = self.document
        if not doc.file:
            raise Http404
        response = serve_document(
            name=doc.file.name, title=doc.title, content_type=doc.content_type
        )
        record_download(request, self.region, doc.title, self.meeting)
        return response


class DocumentVersionDownloadView(DocumentMixin, RegionView):
    """An earlier version of a replaced document, from the document's own history."""

    permission = "governance.view_documents"

    def get(self, request, *args, **kwargs):
        record = get_object_or_404(self.document.history.all(), history_id=kwargs["history_id"])
        if not record.file:
            raise Http404
        response = serve_document(
            name=record.file, title=record.title, content_type=record.content_type
        )
        record_download(request, self.region, record.title, self.meeting, detail="eerdere versie")
        return response


R = "regio/<slug:region>/"

urlpatterns = [
    path(R + "vergaderingen/", MeetingListView.as_view(), name="meeting_list"),
    path(
        R + "gremia/<int:pk>/vergaderingen/nieuw/",
        MeetingFormView.as_view(),
        name="meeting_add",
    ),
    path(R + "vergaderingen/<int:pk>/", MeetingDetailView.as_view(), name="meeting"),
    path(
        R + "vergaderingen/<int:pk>/bewerken/",
        MeetingFormView.as_view(object_kwarg="pk"),
        name="meeting_edit",
    ),
    path(
        R + "vergaderingen/<int:pk>/agendapunten/nieuw/",
        AgendaItemFormView.as_view(),
        name="agendaitem_add",
    ),
    path(
        R + "agendapunten/<int:obj>/bewerken/",
        AgendaItemFormView.as_view(),
        name="agendaitem_edit",
    ),
    path(
        R + "agendapunten/<int:obj>/uitkomst/",
        AgendaItemDecideView.as_view(),
        name="agendaitem_decide",
    ),
    path(
        R + "agendapunten/<int:obj>/stukken/nieuw/",
        DocumentAddView.as_view(),
        name="document_add",
    ),
    path(
        R + "stukken/<int:obj>/vervangen/",
        DocumentReplaceView.as_view(),
        name="document_replace",
    ),
    path(
        R + "stukken/<int:obj>/download/",
        DocumentDownloadView.as_view(),
        name="document_download",
    ),
    path(
        R + "stukken/<int:obj>/versies/<int:history_id>/download/",
        DocumentVersionDownloadView.as_view(),
        name="document_version_download",
    ),
]
