from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.constants import AVAILABLE_MODES, DeliveryMode, DigestFrequency, event_kinds
from notifications.selectors import REACHABILITY_PROBLEMS

#: The field of the digest's frequency (not a kind: kinds are the other fields).
FREQUENCY_FIELD = "frequentie"


class PreferencesForm(forms.Form):
    """How often the digest comes, and one radio group per kind of mail: how the user wants
    to receive it."""

    def __init__(self, *args, current: dict[str, str], frequency: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_frequency = frequency
        self.fields[FREQUENCY_FIELD] = forms.ChoiceField(
            label=gettext_lazy("Overzicht per e-mail"),
            help_text=gettext_lazy(
                "Het overzicht noemt uw acties die aandacht vragen, uw vergaderingen van de "
                "komende twee weken en de meldingen die u ‘In het overzicht’ wilt krijgen. "
                "Wekelijks komt het op maandag vanaf 7.00 uur, dagelijks elke dag vanaf 7.00 uur."
            ),
            choices=DigestFrequency.choices,
            widget=forms.RadioSelect,
            initial=frequency,
            # The page always posts it (one radio is checked); a post without it (an older
            # page, a script) keeps the stored choice.
            required=False,
            error_messages={
                "invalid_choice": gettext_lazy("Kies een van de mogelijkheden."),
            },
        )
        choices = [(mode.value, mode.label) for mode in AVAILABLE_MODES]
        for kind in event_kinds():
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=choices,
                widget=forms.RadioSelect,
                initial=current.get(kind.value),
                error_messages={
                    "required": gettext_lazy("Kies hoe u deze melding wilt ontvangen."),
                    "invalid_choice": gettext_lazy("Kies een van de mogelijkheden."),
                },
            )

    def clean(self):
        data = super().clean()
        if not self.errors and not data:
            raise forms.ValidationError(_("Er is niets gekozen."))
        if self.frequency() == DigestFrequency.UIT:
            for kind in event_kinds():
                if data.get(kind.value) == DeliveryMode.OVERZICHT:
                    # Nothing would ever send these lines.
                    self.add_error(
                        kind.value,
                        _(
                            "U krijgt geen overzicht. Kies ‘Direct, per e-mail’ of ‘Niet’, "
                            "of kies hierboven hoe vaak u het overzicht wilt ontvangen."
                        ),
                    )
        return data

    def modes(self) -> dict[str, str]:
        return {k: v for k, v in self.cleaned_data.items() if k != FREQUENCY_FIELD}

    def frequency(self) -> str:
        return self.cleaned_data.get(FREQUENCY_FIELD) or self.stored_frequency


class ReachabilityFilterForm(forms.Form):
    """The filter of "Bereikbaarheid per e-mail": which problem (empty: all)."""

    soort = forms.ChoiceField(
        label=gettext_lazy("Soort probleem"),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Kies een van de getoonde soorten.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [("", _("Alle problemen"))] + [
            (key, _(label)) for key, label in REACHABILITY_PROBLEMS.items()
        ]
