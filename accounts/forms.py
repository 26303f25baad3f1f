"""Forms of the account pages: the filters of the account list and the audit log, and giving a
role. Errors are Dutch and appear next to their field."""

from __future__ import annotations

import re

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError

from accounts.audit import KINDS
from accounts.selectors import ACCOUNT_FILTERS
from core.constants import Role
from core.models import RoleAssignment


class AccountFilterForm(forms.Form):
    q = forms.CharField(label="Zoek op naam, gebruikersnaam of e-mailadres", required=False)
    filter = forms.ChoiceField(
        label="Toon",
        choices=list(ACCOUNT_FILTERS.items()),
        required=False,
        error_messages={"invalid_choice": "Kies een van de getoonde lijsten."},
    )

    def clean_q(self) -> str:
        return self.cleaned_data["q"].strip()[:100]

    def clean_filter(self) -> str:
        return self.cleaned_data["filter"] or next(iter(ACCOUNT_FILTERS))


class RoleForm(forms.ModelForm):
    """Give an account a role. Fields exactly ``role`` and ``region``; the model's own check
    (``RoleAssignment.clean``) says when the region must be empty."""

    class Meta:
        model = RoleAssignment
        fields = ["role", "region"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user = user
        region_model = apps.get_model(settings.ZV_REGION_MODEL)
        self.fields["region"].queryset = region_model.objects.order_by("name")
        self.fields["region"].required = False
        self.fields["region"].empty_label = "— geen (alleen voor VNG-adviseur) —"
        self.fields["region"].help_text = "Leeg laten alleen voor de landelijke rol VNG-adviseur."
        self.fields["role"].choices = [("", "— kies een rol —"), *Role.choices]
        self.fields["role"].error_messages["required"] = "Kies een rol."
        self.fields["region"].error_messages["invalid_choice"] = "Kies een regio uit de lijst."

    def _post_clean(self):
        """One error per field: a region that is not in the list needs no second message
        from the model's check that a region is required."""
        super()._post_clean()
        for errors in self._errors.values():
            if len(errors) > 1:
                del errors[1:]

    def validate_unique(self):
        """Duplicates as a Dutch error next to the field (the constraints' own message names
        the constraint)."""
        role = self.cleaned_data.get("role")
        region = self.cleaned_data.get("region")
        if not role or self.errors:
            return
        existing = RoleAssignment.objects.filter(user=self.instance.user, role=role)
        if role == Role.VNG_ADVISOR:
            if existing.exists():
                self.add_error("role", "Deze gebruiker is al VNG-adviseur.")
        elif region is not None and existing.filter(region=region).exists():
            self.add_error("region", "Deze gebruiker heeft deze rol al in deze regio.")


class AuditFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label="Soort",
        required=False,
        choices=[("", "alle soorten"), *KINDS.items()],
        error_messages={"invalid_choice": "Kies een soort uit de lijst."},
    )
    user = forms.CharField(label="Gebruiker (naam bevat)", required=False, max_length=150)
    date_from = forms.DateField(
        label="Vanaf datum",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Vul een geldige datum in, bijvoorbeeld 31-12-2026."},
    )
    date_to = forms.DateField(
        label="Tot en met datum",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Vul een geldige datum in, bijvoorbeeld 31-12-2026."},
    )
    ip = forms.CharField(label="IP-adres (begint met)", required=False, max_length=45)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("date_from", "date_to"):
            self.fields[name].input_formats = ["%Y-%m-%d", "%d-%m-%Y"]
        self.fields["user"].error_messages["max_length"] = "Gebruik ten hoogste 150 tekens."
        self.fields["ip"].error_messages["max_length"] = "Een IP-adres is hoogstens 45 tekens."

    def clean_ip(self) -> str:
        value = self.cleaned_data["ip"].strip()
        if value and not re.fullmatch(r"[0-9A-Fa-f:.]+", value):
            raise ValidationError("Een IP-adres bestaat uit cijfers, punten en dubbele punten.")
        return value

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "De einddatum ligt vóór de begindatum.")
        return cleaned

    def describe(self) -> str:
        """The filters in words, for the audit line of an export (no user input but names)."""
        if not self.is_valid():
            return ""
        parts = []
        labels = {name: field.label for name, field in self.fields.items()}
        for name, value in self.cleaned_data.items():
            if value:
                parts.append(f"{labels[name]}: {value}")
        return "; ".join(parts)
