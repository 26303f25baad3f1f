"""Forms of the case reflections. Related choices are limited to the form's region, so a
posted id of another region's sub-region, person, organisation, body, agenda item or
membership is refused as an invalid choice next to its field. The rules themselves (the
lifecycle, the quarter, the rotation, the personal-data guard) live in
``casereflection.services``; its refusals are put next to these fields by name.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casereflection.constants import CaseKind, ReflectionStatus
from casereflection.models import CaseReflection, Conclusion
from casereflection.selectors.conclusions import agenda_item_label, conclusion_agenda_items
from core.forms import DateInput, VersionedModelForm
from governance.constants import BodyStatus
from governance.models import Body, Organisation, Person, Region, SubRegion
from governance.selectors.werkagenda import themes_region_first, trekker_choices, trekker_label

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]

# The case itself: shown under the privacy hint.
CONTENT_FIELDS = (
    "summary",
    "answer_principles",
    "answer_administration",
    "answer_justice",
    "dilemma",
    "insights",
    "proposal",
)

PRIVACY_HINT = gettext_lazy(
    "Schrijf in algemene termen: geen namen, adressen, geboortedata, leeftijden, "
    "telefoonnummers, e-mailadressen, BSN of IBAN. Bij opslaan wordt dit gecontroleerd."
)


def privacy_explanation_field() -> forms.CharField:
    """For users with ``explain_privacy_finding`` only: save text the guard flags wrongly."""
    return forms.CharField(
        label=gettext_lazy("Toelichting: de gemarkeerde tekst is geen persoonsgegeven"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Alleen invullen als de persoonsgegevenscheck tekst tegenhoudt die geen "
            "persoonsgegeven is (bijvoorbeeld een artikelnummer). De toelichting wordt met uw "
            "naam vastgelegd en geldt alleen voor de gemarkeerde tekst, in het veld waar die "
            "staat; alle andere tekst wordt gewoon gecontroleerd."
        ),
    )


class SectionsMixin:
    """Groups of fields for templates that show a form in sections (``sections``)."""

    SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = ()

    def sections(self) -> list[dict]:
        result = []
        for key, legend, names in self.SECTIONS:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                result.append(
                    {
                        "key": key,
                        "legend": legend,
                        "fields": fields,
                        "hint": PRIVACY_HINT if key == "inhoud" else "",
                    }
                )
        return result


class ReflectionForm(SectionsMixin, VersionedModelForm):
    """The secretary plans, records and changes a reflection (not its status)."""

    SECTIONS = (
        (
            "planning",
            gettext_lazy("Kwartaal en inbreng"),
            ("year", "quarter", "sub_region", "rotation_note", "case_kind", "title", "themes"),
        ),
        (
            "gesprek",
            gettext_lazy("Het gesprek"),
            (
                "method",
                "method_note",
                "facilitator",
                "organisations",
                "delegation",
                "planned_on",
                "held_on",
            ),
        ),
        ("inhoud", gettext_lazy("De casus en de opbrengst"), CONTENT_FIELDS),
        ("toelichting", gettext_lazy("Persoonsgegevenscheck"), ("privacy_explanation",)),
    )

    class Meta:
        model = CaseReflection
        fields = [
            "year",
            "quarter",
            "sub_region",
            "rotation_note",
            "case_kind",
            "title",
            "themes",
            "method",
            "method_note",
            "facilitator",
            "organisations",
            "delegation",
            "planned_on",
            "held_on",
            *CONTENT_FIELDS,
        ]
        widgets = {
            "case_kind": forms.RadioSelect,
            "method": forms.RadioSelect,
            "themes": forms.CheckboxSelectMultiple,
            "organisations": forms.CheckboxSelectMultiple,
            "delegation": forms.CheckboxSelectMultiple,
            "rotation_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, region: Region, can_explain: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        fields = self.fields
        if "sub_region" in fields:
            fields["sub_region"].queryset = SubRegion.objects.filter(region=region).order_by("name")
            fields["sub_region"].help_text = _(
                "Het rooster stelt de subregio voor die het langst heeft gewacht. Kiest u een "
                "andere, geef dan hieronder de reden."
            )
        if "case_kind" in fields:  # radio buttons: no empty "---------" choice
            fields["case_kind"].choices = CaseKind.choices
        if "themes" in fields:
            fields["themes"].queryset = themes_region_first(region)
        if "facilitator" in fields:
            fields["facilitator"].queryset = Person.objects.filter(region=region).order_by("name")
            fields["facilitator"].empty_label = _("Nog geen gespreksleider")
        fields["organisations"].queryset = Organisation.objects.available_in(region).order_by(
            "name"
        )
        fields["delegation"].queryset = Person.objects.filter(region=region).order_by("name")
        fields["delegation"].help_text = _(
            "Een kleine vertegenwoordiging uit de andere subregio's die aansluit bij het gesprek."
        )
        if "planned_on" in fields:
            fields["planned_on"].help_text = _("De datum waarop het gesprek is gepland.")
        fields["held_on"].help_text = _("Pas invullen als het gesprek heeft plaatsgevonden.")
        for name in CONTENT_FIELDS:
            fields[name].widget.attrs["rows"] = 5
        if can_explain:
            fields["privacy_explanation"] = privacy_explanation_field()


class FacilitatorReflectionForm(ReflectionForm):
    """The gespreksleider (a participant) fills in the conversation and its content."""

    class Meta(ReflectionForm.Meta):
        fields = [
            "title",
            "method",
            "method_note",
            "organisations",
            "delegation",
            "held_on",
            *CONTENT_FIELDS,
        ]

    SECTIONS = (
        ("gesprek", gettext_lazy("Het gesprek"), ("title", *ReflectionForm.SECTIONS[1][2])),
        *ReflectionForm.SECTIONS[2:],
    )


class ConclusionForm(SectionsMixin, VersionedModelForm):
    """What the Stamtafel concluded; a new one becomes an action on the actielijst."""

    SECTIONS = (
        ("stamtafel", gettext_lazy("De Stamtafel"), ("agenda_item", "decided_on")),
        (
            "conclusie",
            gettext_lazy("De conclusie"),
            ("title", "common_challenge", "priority", "assignment", "note"),
        ),
        (
            "opdracht",
            gettext_lazy("Opdracht en aanspreekpunt"),
            ("assignee_body", "assignee_organisation", "contact_administrator", "due_date"),
        ),
        ("toelichting", gettext_lazy("Persoonsgegevenscheck"), ("privacy_explanation",)),
    )

    class Meta:
        model = Conclusion
        fields = [
            "agenda_item",
            "decided_on",
            "title",
            "common_challenge",
            "priority",
            "assignment",
            "assignee_body",
            "assignee_organisation",
            "contact_administrator",
            "due_date",
            "note",
        ]
        widgets = {"priority": forms.RadioSelect}

    def __init__(self, *args, region: Region, can_explain: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        fields = self.fields
        agenda_item = fields["agenda_item"]
        agenda_item.queryset = conclusion_agenda_items(region)
        agenda_item.label_from_instance = agenda_item_label
        agenda_item.empty_label = _("Nog geen agendapunt")
        bodies = Body.objects.filter(region=region)
        active = bodies.filter(status=BodyStatus.ACTIEF)
        if instance.assignee_body_id:
            active = active | bodies.filter(pk=instance.assignee_body_id)
        fields["assignee_body"].queryset = active.order_by("name")
        fields["assignee_body"].empty_label = _("Geen gremium")
        fields["assignee_organisation"].queryset = Organisation.objects.available_in(
            region
        ).order_by("name")
        fields["assignee_organisation"].empty_label = _("Geen organisatie")
        fields["assignee_organisation"].help_text = _(
            "Kies een gremium, een organisatie of allebei."
        )
        contact = fields["contact_administrator"]
        contact.queryset = trekker_choices(region, include_pk=instance.contact_administrator_id)
        contact.label_from_instance = trekker_label
        contact.empty_label = _("Kies een bestuurder")
        for name in ("common_challenge", "assignment"):
            fields[name].widget.attrs["rows"] = 4
        fields["note"].widget.attrs["rows"] = 3
        if can_explain:
            fields["privacy_explanation"] = privacy_explanation_field()


class AdvanceForm(forms.Form):
    """One step along the lifecycle, with what that step needs.

    Fields the service checks (the date of the conversation, the reason for closing while
    actions still run) are optional here, so that its Dutch message is the one shown.
    """

    seen_version = forms.IntegerField(widget=forms.HiddenInput)
    naar = forms.ChoiceField(choices=ReflectionStatus.choices, widget=forms.HiddenInput)

    def __init__(
        self,
        *args,
        reflection: CaseReflection,
        to_status: str,
        can_explain: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.reflection = reflection
        self.to_status = to_status
        if not self.is_bound:
            self.initial.update({"seen_version": reflection.version, "naar": to_status})
        if to_status == ReflectionStatus.BESPROKEN:
            self.fields["held_on"] = forms.DateField(
                label=_("Gehouden op"),
                required=False,
                widget=DateInput(),
                input_formats=DATE_FORMATS,
                help_text=_("De datum waarop de casus is besproken; vandaag of eerder."),
            )
            if not self.is_bound:
                self.initial["held_on"] = reflection.held_on or timezone.localdate()
        if to_status == ReflectionStatus.OPGEVOLGD:
            self.fields["note"] = forms.CharField(
                label=_("Waarom is de reflectie opgevolgd terwijl er nog acties lopen?"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Alleen nodig als nog niet alle acties uit de conclusies gereed zijn."),
            )
            if can_explain:
                self.fields["privacy_explanation"] = privacy_explanation_field()
