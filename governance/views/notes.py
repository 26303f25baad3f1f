"""Personal notes: add, change and delete one's own note on an agenda item or stuk; the page
"Mijn notities" with "Alle notities verwijderen".

A note is only ever looked up among the signed-in user's own notes
(``PersonalNote.objects.filter(user=request.user)``): another user's note id is a 404 for
everyone, the secretary and the beheerder included. No view writes a note's text to the audit
log or to a message."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from governance.forms.notes import NoteForm
from governance.models import AgendaItem, PersonalNote
from governance.selectors.notes import documents_by_item, my_notes
from governance.services.notes import (
    note_add,
    note_delete,
    note_update,
    notes_delete_all,
    seen_value,
)
from governance.views.base import RegionView, run_service

FORM_TEMPLATE = "governance/notes/form.html"


def notes_anchor_url(region, item) -> str:
    """The item's notes on the author's meeting preparation page."""
    url = reverse("meeting_preparation", kwargs={"region": region.slug, "pk": item.meeting_id})
    return f"{url}#notities-agendapunt-{item.pk}"


class NoteFormMixin:
    """A note form for ``self.item``: the stukken to choose from are the item's, and only when
    the user may read them."""

    section = "vergaderingen"

    def item_documents(self):
        if not self.request.user.has_perm("governance.view_documents", self.item):
            return []
        return documents_by_item(self.item.meeting).get(self.item.pk, [])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["item"] = self.item
        context["meeting"] = self.item.meeting
        context["cancel_url"] = notes_anchor_url(self.region, self.item)
        return context

    def invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class NoteAddView(NoteFormMixin, RegionView):
    template_name = FORM_TEMPLATE
    permission = "governance.write_notes"

    def resolve(self, **kwargs) -> None:
        self.item = get_object_or_404(
            AgendaItem.objects.in_region(self.region).select_related("meeting__body"),
            pk=kwargs["obj"],
        )
        self.item.meeting.body.region = self.region

    def get_permission_object(self):
        return self.item

    def get_context_data(self, **kwargs):
        if "form" not in kwargs:
            initial = {}
            stuk = self.request.GET.get("stuk", "")
            if stuk.isdigit() and len(stuk) < 19:
                initial["document"] = stuk
            kwargs["form"] = NoteForm(initial=initial, documents=self.item_documents())
        context = super().get_context_data(**kwargs)
        context["title"] = _("Notitie toevoegen")
        return context

    def post(self, request, *args, **kwargs):
        form = NoteForm(request.POST, documents=self.item_documents())
        if form.is_valid() and run_service(
            form,
            lambda: note_add(
                user=request.user,
                item=self.item,
                text=form.cleaned_data["text"],
                document=form.chosen_document(),
                page=form.cleaned_data.get("page"),
            ),
        ):
            messages.success(request, _("Uw notitie is opgeslagen."))
            return HttpResponseRedirect(notes_anchor_url(self.region, self.item))
        return self.invalid(form)


class OwnNoteMixin:
    """For URLs with a note's ``obj``: the signed-in user's own note, in this region."""

    def resolve(self, **kwargs) -> None:
        self.note = get_object_or_404(
            PersonalNote.objects.filter(
                user=self.request.user, agenda_item__meeting__body__region=self.region
            ).select_related("agenda_item__meeting__body", "document"),
            pk=kwargs["obj"],
        )
        self.item = self.note.agenda_item
        self.item.meeting.body.region = self.region

    def get_permission_object(self):
        return self.item


class NoteEditView(OwnNoteMixin, NoteFormMixin, RegionView):
    template_name = FORM_TEMPLATE
    permission = "governance.write_notes"

    def get_context_data(self, **kwargs):
        if "form" not in kwargs:
            kwargs["form"] = NoteForm(
                initial={
                    "document": self.note.document_id or "",
                    "page": self.note.page,
                    "text": self.note.text,
                    "seen": seen_value(self.note),
                },
                documents=self.item_documents(),
            )
        context = super().get_context_data(**kwargs)
        context["title"] = _("Notitie wijzigen")
        context["note"] = self.note
        return context

    def post(self, request, *args, **kwargs):
        form = NoteForm(request.POST, documents=self.item_documents())
        if form.is_valid() and run_service(
            form,
            lambda: note_update(
                user=request.user,
                note=self.note,
                text=form.cleaned_data["text"],
                document=form.chosen_document(),
                page=form.cleaned_data.get("page"),
                seen=form.cleaned_data.get("seen") or "",
            ),
        ):
            messages.success(request, _("Uw notitie is opgeslagen."))
            return HttpResponseRedirect(notes_anchor_url(self.region, self.item))
        self.note.refresh_from_db()
        return self.invalid(form)


class NoteDeleteView(OwnNoteMixin, RegionView):
    """Deleting one's own note needs no more than reading the region: it is one's own data."""

    template_name = "governance/notes/confirm_delete.html"
    permission = "governance.view_region"
    section = "vergaderingen"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Notitie verwijderen")
        context["note"] = self.note
        context["item"] = self.item
        context["meeting"] = self.item.meeting
        context["cancel_url"] = notes_anchor_url(self.region, self.item)
        return context

    def post(self, request, *args, **kwargs):
        note_delete(user=request.user, note=self.note)
        messages.success(request, _("Uw notitie is verwijderd."))
        return HttpResponseRedirect(notes_anchor_url(self.region, self.item))


class MyNotesView(TemplateView):
    """All notes of the signed-in user, grouped by meeting."""

    template_name = "governance/notes/my_notes.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(my_notes(self.request.user))
        return context


class MyNotesDeleteAllView(TemplateView):
    template_name = "governance/notes/delete_all.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["count"] = PersonalNote.objects.filter(user=self.request.user).count()
        return context

    def post(self, request, *args, **kwargs):
        count = notes_delete_all(user=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)s notitie is verwijderd.", "%(count)s notities zijn verwijderd.", count
            )
            % {"count": count}
            if count
            else _("U had geen notities."),
        )
        return HttpResponseRedirect(reverse("governance:my_notes"))


R = "regio/<slug:region>/"

urlpatterns = [
    path(R + "agendapunten/<int:obj>/notities/nieuw/", NoteAddView.as_view(), name="note_add"),
    path(R + "notities/<int:obj>/bewerken/", NoteEditView.as_view(), name="note_edit"),
    path(R + "notities/<int:obj>/verwijderen/", NoteDeleteView.as_view(), name="note_delete"),
    path("mijn-notities/", MyNotesView.as_view(), name="my_notes"),
    path(
        "mijn-notities/alles-verwijderen/",
        MyNotesDeleteAllView.as_view(),
        name="my_notes_delete_all",
    ),
]
