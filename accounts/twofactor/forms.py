"""Forms of the second-factor pages (Dutch errors next to the field)."""

from __future__ import annotations

from django import forms

from accounts.twofactor import codes

REASON_MIN_LENGTH = 10


class CodeField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("strip", True)
        kwargs.setdefault(
            "error_messages", {"required": "Vul de code in.", "max_length": "Deze code is te lang."}
        )
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        )


class TotpConfirmForm(forms.Form):
    code = CodeField(
        label="Code uit de app",
        help_text="De zes cijfers die de app nu toont.",
    )

    def clean_code(self):
        code = self.cleaned_data["code"]
        if not codes.looks_like_totp(code):
            raise forms.ValidationError("Een code bestaat uit zes cijfers.")
        return codes.normalize(code)


class VerifyForm(forms.Form):
    code = CodeField(
        label="Code",
        help_text=(
            "De zes cijfers uit uw authenticator-app, of een van uw herstelcodes "
            "(bijvoorbeeld abcd-efgh)."
        ),
    )


class RemoveForm(forms.Form):
    """Removing the authenticator app needs a current code or the password."""

    code = CodeField(
        label="Code of herstelcode",
        required=False,
        help_text="Een code uit uw authenticator-app of een herstelcode.",
    )
    password = forms.CharField(
        label="Of: uw wachtwoord",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        max_length=4096,
    )

    def clean(self):
        data = super().clean()
        if not data.get("code") and not data.get("password"):
            raise forms.ValidationError(
                "Vul een code uit uw authenticator-app, een herstelcode of uw wachtwoord in."
            )
        return data


class ResetForm(forms.Form):
    reason = forms.CharField(
        label="Reden",
        help_text=(
            f"Waarom wordt de tweede factor hersteld? Minstens {REASON_MIN_LENGTH} tekens; "
            "dit komt in het auditlog."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={
            "required": "Vul een reden in.",
            "max_length": "De reden is te lang (hoogstens 2000 tekens).",
        },
    )

    def clean_reason(self):
        reason = " ".join(self.cleaned_data["reason"].split())
        if len(reason) < REASON_MIN_LENGTH:
            raise forms.ValidationError(f"Geef een reden van minstens {REASON_MIN_LENGTH} tekens.")
        return reason


class PasskeyNameForm(forms.Form):
    name = forms.CharField(
        label="Naam van de passkey",
        help_text="Zodat u hem later herkent, bijvoorbeeld ‘Laptop werk’ of ‘Telefoon’.",
        max_length=100,
        error_messages={
            "required": "Geef de passkey een naam.",
            "max_length": "De naam is te lang (hoogstens 100 tekens).",
        },
    )
