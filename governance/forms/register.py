"""Forms of the register. Choices for related objects are limited to the form's region, so a
posted id of another region's object is refused as an invalid choice."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, VersionedModelForm
from governance.constants import BodyRole, BodyStatus, RelationKind
from governance.models import (
    Body,
    BodyRelation,
    CostLine,
    Framework,
    Mandate,
    Membership,
    Municipality,
    Organisation,
    Person,
    Region,
    RegionPartner,
    RegionTheme,
    SubRegion,
    Theme,
)


class RegionForm(VersionedModelForm):
    class Meta:
        model = Region
        fields = [
            "name",
            "code",
            "collaboration_model",
            "collaboration_note",
            "initiator",
            "characteristics",
            "description",
            "registration_since",
        ]
        widgets = {"collaboration_model": forms.RadioSelect, "registration_since": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration_since"].input_formats = ["%Y-%m-%d", "%d-%m-%Y"]
        self.fields["registration_since"].help_text = _(
            "Vanaf deze datum legt de regio haar vergaderingen in het portaal vast. Regels die "
            "terugkijken (hoe vaak een tafel vergadert, tafels erbij en eraf, opkomst, verslagen "
            "en agenda's) oordelen alleen over de tijd daarna. Leeg: vanaf de eerste vergadering "
            "die in het portaal is vastgelegd."
        )

    def clean_registration_since(self):
        value = self.cleaned_data.get("registration_since")
        if value and value > timezone.localdate():
            raise forms.ValidationError(
                _("Ligt in de toekomst. Vul de datum in waarop de registratie is begonnen.")
            )
        return value


class SubRegionForm(VersionedModelForm):
    class Meta:
        model = SubRegion
        fields = ["name"]


class MunicipalityForm(VersionedModelForm):
    class Meta:
        model = Municipality
        fields = ["name", "sub_region", "cbs_code"]

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sub_region"].queryset = SubRegion.objects.filter(region=region)


class RegionThemeForm(VersionedModelForm):
    class Meta:
        model = RegionTheme
        fields = ["theme", "weighing"]

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        taken = RegionTheme.objects.filter(region=region).exclude(pk=self.instance.pk)
        self.fields["theme"].queryset = Theme.objects.exclude(pk__in=taken.values("theme_id"))


class RegionPartnerForm(forms.ModelForm):
    class Meta:
        model = RegionPartner
        fields = ["organisation"]

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = RegionPartner.objects.filter(region=region).values("organisation_id")
        self.fields["organisation"].queryset = Organisation.objects.available_in(region).exclude(
            pk__in=chosen
        )


class OrganisationForm(VersionedModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "domain", "kind"]


def _account_label(user) -> str:
    full = user.get_full_name()
    return f"{full} ({user.get_username()})" if full else user.get_username()


class PersonForm(VersionedModelForm):
    class Meta:
        model = Person
        fields = ["name", "function", "office", "organisation", "email", "user"]

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.available_in(region)
        # Only accounts with a role in this region can be linked: the secretary never sees
        # the users of other regions.
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(role_assignments__region=region, is_active=True)
            .distinct()
            .order_by("username")
        )
        self.fields["user"].label_from_instance = _account_label


class BodyForm(VersionedModelForm):
    roles = forms.MultipleChoiceField(
        label=_("Rollen"),
        choices=BodyRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Body
        fields = [
            "name",
            "short_name",
            "kind",
            "level",
            "decision_power",
            "roles",
            "meeting_frequency_per_year",
            "meeting_duration_hours",
            "documents_term_days",
            "quorum",
            "quorum_unit",
            "framework",
            "legal_basis_kind",
            "legal_basis_reference",
            "status",
            "established_on",
            "evaluate_before",
            "themes",
            "description",
        ]
        widgets = {"themes": forms.CheckboxSelectMultiple}

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.status != BodyStatus.OPGEHEVEN:
            # Dissolving is its own step (body_end): it also ends members and relations.
            self.fields["status"].choices = [
                c for c in BodyStatus.choices if c[0] != BodyStatus.OPGEHEVEN
            ]
        self.fields["status"].help_text = _(
            "Opheffen gaat via ‘Gremium beëindigen’, zodat leden en relaties meegaan."
        )
        self.fields["themes"].queryset = Theme.objects.all()
        # Only the frameworks of the body's region: a posted id of another region's framework
        # (or no number at all) is refused next to the field as an invalid choice.
        self.fields["framework"].queryset = Framework.objects.filter(region=region)
        self.fields["framework"].empty_label = _("Geen kader")
        # The meeting cycle's settings have defaults: a form without them keeps those.
        self.fields["documents_term_days"].required = False
        self.fields["quorum_unit"].required = False
        self.fields["quorum_unit"].help_text = _("Waarin het quorum geteld wordt.")

    def clean_documents_term_days(self):
        value = self.cleaned_data.get("documents_term_days")
        return self.instance.documents_term_days if value is None else value

    def clean_quorum_unit(self):
        return self.cleaned_data.get("quorum_unit") or self.instance.quorum_unit

    def clean_roles(self):
        return sorted(self.cleaned_data["roles"])


class BodyEndForm(forms.Form):
    seen_version = forms.IntegerField(widget=forms.HiddenInput)
    dissolved_on = forms.DateField(
        label=_("Opgeheven per"),
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        help_text=_(
            "De eerste dag waarop het gremium niet meer bestaat. Lopende "
            "lidmaatschappen, mandaten en relaties eindigen op dezelfde dag."
        ),
    )
    merged_into = forms.ModelChoiceField(
        label=_("Gaat op in"),
        queryset=Body.objects.none(),
        required=False,
        help_text=_("Het gremium dat de taken overneemt (optioneel)."),
    )
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["merged_into"].queryset = (
            Body.objects.filter(region_id=body.region_id)
            .exclude(pk=body.pk)
            .exclude(status=BodyStatus.OPGEHEVEN)
        )
        if not self.is_bound:
            self.initial["seen_version"] = body.version


class MandateForm(VersionedModelForm):
    class Meta:
        model = Mandate
        fields = [
            "power",
            "subject",
            "theme",
            "organisation",
            "source_document",
            "valid_from",
            "valid_to",
            "evaluate_before",
        ]

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.available_in(region)


class MembershipForm(VersionedModelForm):
    class Meta:
        model = Membership
        fields = [
            "person",
            "organisation",
            "municipality",
            "role",
            "portfolio",
            "on_behalf_of",
            "on_behalf_of_body",
            "substitute_allowed",
            "start",
            "end",
        ]

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(region=region)
        self.fields["organisation"].queryset = Organisation.objects.available_in(region)
        self.fields["municipality"].queryset = Municipality.objects.filter(region=region)
        self.fields["on_behalf_of_body"].queryset = Body.objects.filter(region=region)


class RelationForm(VersionedModelForm):
    class Meta:
        model = BodyRelation
        fields = ["kind", "target", "note", "valid_from", "valid_to"]

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Body.objects.filter(region=region)
        self.fields["kind"].choices = [("", "---------"), *RelationKind.choices]


class CostLineForm(VersionedModelForm):
    class Meta:
        model = CostLine
        fields = ["item", "estimate_eur", "funded_by", "note"]


class EndPeriodForm(forms.Form):
    """End a membership, mandate or relation on a date."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput)
    end = forms.DateField(
        label=_("Einde per"),
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        help_text=_("De eerste dag waarop dit niet meer geldt."),
    )


class RegionImportForm(forms.Form):
    file = forms.FileField(
        label=_("Regiobestand (JSON)"),
        help_text=_("Een bestand uit ‘Regio exporteren’, hoogstens 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/json,.json"}),
    )
    slug = forms.SlugField(
        label=_("Nieuwe korte naam (optioneel)"),
        required=False,
        help_text=_("Gebruik dit als de regio al bestaat."),
    )
    name = forms.CharField(label=_("Nieuwe naam (optioneel)"), required=False, max_length=120)


class RegionExportForm(forms.Form):
    """Which parts of the region to download (the choices the user may read)."""

    onderdelen = forms.ChoiceField(
        label=_("Wat wilt u exporteren?"),
        widget=forms.RadioSelect,
        help_text=_("Vergaderstukken (bestanden) zitten nooit in het regiobestand."),
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["onderdelen"].choices = choices
        if choices:
            self.fields["onderdelen"].initial = choices[0][0]
