from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.constants import AVAILABLE_MODES, MailKind
from notifications.selectors import REACHABILITY_PROBLEMS


class PreferencesForm(forms.Form):
    """One radio group per kind of mail: how the user wants to receive it."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(mode.value, mode.label) for mode in AVAILABLE_MODES]
        for kind in MailKind:
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
        return data


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
