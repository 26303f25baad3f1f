"""A form that carries only the version of what the user saw (a hidden field), for steps that
change an object without other input: optimistic locking (docs/architecture.md)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_VERSION = 2**31 - 1


class SeenVersionForm(forms.Form):
    """``seen_version``: the version the page showed. A malformed value is a hidden field nobody
    can correct, so it becomes one whole-form error that says what to do: open ``page`` (e.g.
    "de vergadering") again."""

    page = _("de pagina")

    seen_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=MAX_VERSION
    )

    def clean(self):
        data = super().clean()
        if "seen_version" in self.errors:
            del self.errors["seen_version"]
            self.add_error(
                None,
                _(
                    "De pagina was onvolledig of verouderd. Open %(page)s opnieuw en probeer "
                    "het nog eens."
                )
                % {"page": self.page},
            )
        return data
