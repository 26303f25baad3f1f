"""Forms for answering a structure finding ("Bewust zo") and withdrawing an answer.

The finding is named by hidden fields (check, subject, facts fingerprint); a value nobody
can correct on the page that is malformed gives one whole-form error in Dutch."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput
from governance.checks.base import CHECKS
from governance.forms.versioned import SeenVersionForm
from governance.services.findings import REASON_MAX

HIDDEN = ("check", "subject", "facts")


class FindingAnswerForm(forms.Form):
    check = forms.ChoiceField(choices=[(c.code, c.code) for c in CHECKS], widget=forms.HiddenInput)
    subject = forms.CharField(
        max_length=200,
        widget=forms.HiddenInput,
        validators=[RegexValidator(r"^(region|[a-z]+:[0-9][0-9,]*)$")],
    )
    facts = forms.CharField(
        max_length=64, widget=forms.HiddenInput, validators=[RegexValidator(r"^[0-9a-f]+$")]
    )
    reason = forms.CharField(
        label=_("Waarom is dit bewust zo?"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Bijvoorbeeld ‘de stuurgroep staat bewust los van de GR: de partners financieren "
            "haar samen’. Iedereen die de controles kan zien, leest dit."
        ),
        error_messages={"required": _("Schrijf op waarom het bewust zo is ingericht.")},
    )
    review_on = forms.DateField(
        label=_("Opnieuw bekijken op (niet verplicht)"),
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        help_text=_("Op deze datum komt de bevinding vanzelf terug."),
        error_messages={"invalid": _("Vul een geldige datum in (dd-mm-jjjj).")},
    )

    def clean(self):
        data = super().clean()
        if any(name in self.errors for name in HIDDEN):
            for name in HIDDEN:
                self.errors.pop(name, None)
            self.add_error(
                None,
                _(
                    "De pagina was onvolledig of verouderd. Open de structuurcontroles opnieuw "
                    "en probeer het nog eens."
                ),
            )
        return data


class AnswerWithdrawForm(SeenVersionForm):
    """Only the version of the answer the user saw."""

    page = _("de structuurcontroles")
