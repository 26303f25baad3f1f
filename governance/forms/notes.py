"""The form of a personal note: on the agenda item itself or on one of its stukken (with an
optional page). The stukken are choices of this item, so a posted id of anything else is an
invalid choice and never reaches the database."""

from __future__ import annotations

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from governance.services.notes import MAX_NOTE_CHARS, MAX_PAGE

NUL_MESSAGE = _("De notitie bevat een ongeldig teken (NUL).")


class NoteForm(forms.Form):
    document = forms.TypedChoiceField(
        label=_("Bij"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Kies het agendapunt of een van zijn stukken.")},
    )
    page = forms.IntegerField(
        label=_("Pagina (bij een stuk, niet verplicht)"),
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        error_messages={
            "invalid": _("Vul een paginanummer in, bijvoorbeeld 3."),
            "min_value": _("Kies een pagina van 1 tot en met 100.000."),
            "max_value": _("Kies een pagina van 1 tot en met 100.000."),
        },
    )
    text = forms.CharField(
        label=_("Notitie"),
        max_length=MAX_NOTE_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Alleen u ziet deze notitie. Ten hoogste 10.000 tekens."),
        error_messages={
            "required": _("Schrijf een notitie."),
            "max_length": _("Een notitie is ten hoogste 10.000 tekens (nu %(show_value)d)."),
        },
    )
    seen = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.documents = {d.pk: d for d in documents}
        self.fields["document"].choices = [
            ("", _("Het agendapunt zelf")),
            *[(d.pk, _("Stuk: %(title)s") % {"title": d.title}) for d in documents],
        ]
        if not documents:
            self.fields["document"].widget = forms.HiddenInput()
            del self.fields["page"]
        for name in ("text", "seen"):
            field = self.fields[name]
            field.validators = [
                v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
            ] + [ProhibitNullCharactersValidator(message=NUL_MESSAGE)]

    def chosen_document(self):
        pk = self.cleaned_data.get("document")
        return self.documents.get(pk) if pk is not None else None
