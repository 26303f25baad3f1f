from django import forms
from django.utils.translation import gettext_lazy as _

from dashboard.privacy.erasure import GROUNDS

FORMATS = (("html", _("pagina")), ("pdf", _("PDF")), ("json", _("JSON")))


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Naam of e-mailadres"), max_length=100, required=False)


class FormatForm(forms.Form):
    formaat = forms.ChoiceField(choices=FORMATS, required=False)


class EraseForm(forms.Form):
    ground = forms.ChoiceField(
        label=_("Grond van het verzoek"), choices=[("", "—"), *GROUNDS.items()]
    )
    note = forms.CharField(
        label=_("Toelichting (kenmerk van het verzoek, geen persoonsgegevens)"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat wissen niet ongedaan kan worden gemaakt."),
        error_messages={"required": _("Bevestig dat u deze persoon wilt wissen.")},
    )
