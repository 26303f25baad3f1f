"""Forms of the agenda's way out: offer to the chair, approve, return with a remark, publish
directly with a reason, and remove an agenda item. Each carries the version of what the user
saw (the meeting's, or the item's for a removal)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.forms.versioned import SeenVersionForm


class AgendaStepForm(SeenVersionForm):
    page = _("de vergadering")


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
