"""Forms of the agenda's way out: offer to the chair, approve, return with a remark, publish
directly with a reason, and remove an agenda item. Each carries the version of what the user
saw (the meeting's, or the item's for a removal)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_VERSION = 2**31 - 1


class AgendaStepForm(forms.Form):
    seen_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=MAX_VERSION
    )

    def clean(self):
        data = super().clean()
        if "seen_version" in self.errors:
            # A hidden field nobody can correct: say what to do instead.
            del self.errors["seen_version"]
            self.add_error(
                None,
                _(
                    "De pagina was onvolledig of verouderd. Open de vergadering opnieuw en "
                    "probeer het nog eens."
                ),
            )
        return data


class AgendaReturnForm(AgendaStepForm):
    remark = forms.CharField(
        label=_("Opmerking voor de secretaris"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Wat moet er aan de agenda veranderen? De secretaris ziet dit bij de vergadering."
        ),
        error_messages={"required": _("Schrijf de secretaris waarom de agenda terug gaat.")},
    )


class AgendaPublishForm(AgendaStepForm):
    reason = forms.CharField(
        label=_("Reden voor direct verzenden"),
        max_length=300,
        help_text=_(
            "Bijvoorbeeld ‘voorzitter akkoord per mail’. De reden wordt bij de vergadering "
            "vastgelegd."
        ),
        error_messages={
            "required": _(
                "Geef de reden waarom u verzendt zonder vaststelling in het portaal, "
                "bijv. ‘voorzitter akkoord per mail’."
            )
        },
    )
