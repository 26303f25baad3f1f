"""Forms of the checklist. Related choices (bodies, mandates, actions, owner, municipality) are
limited to the form's region, so a posted id of another region's object is refused as an
invalid choice next to its field. The rules themselves live in
``checklist.services.assessments``; its refusals are put next to these fields by name."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from checklist.constants import Status
from checklist.models import Assessment, Item
from core.forms import DateInput
from governance.models import Action, Body, Mandate, Municipality, Person, Region

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]


def _date_field(label, *, required: bool, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        help_text=help_text,
    )


def _mandate_label(mandate: Mandate) -> str:
    return f"{mandate.body.name} — {mandate}"


class AssessmentForm(forms.Form):
    """The secretary's judgement of one item (for the region or one municipality)."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=Status.choices,
        widget=forms.RadioSelect,
        help_text=_("Vijf stappen: van niet gestart tot geborgd in de vaste werkwijze."),
    )
    evidence = forms.CharField(
        label=_("Onderbouwing"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Waarop rust dit oordeel? Noem documenten, afspraken en voorbeelden."),
    )
    bodies = forms.ModelMultipleChoiceField(
        label=_("Gremia als bewijs"),
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    mandates = forms.ModelMultipleChoiceField(
        label=_("Mandaten als bewijs"),
        queryset=Mandate.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    actions = forms.ModelMultipleChoiceField(
        label=_("Acties als bewijs"),
        queryset=Action.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    owner = forms.ModelChoiceField(
        label=_("Eigenaar"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Geen eigenaar"),
        help_text=_("Wie houdt dit onderdeel bij en bereidt de volgende beoordeling voor?"),
    )
    assessed_on = _date_field(_("Beoordeeld op"), required=True)
    next_review_on = _date_field(
        _("Volgende beoordeling"),
        required=False,
        help_text=_("Na deze datum staat het item als ‘beoordeling verlopen’ op de praatplaat."),
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, region: Region, instance: Assessment | None = None, **kwargs):
        if instance is not None and not kwargs.get("data") and not args:
            kwargs.setdefault("initial", {}).update(
                {
                    "status": instance.status,
                    "evidence": instance.evidence,
                    "bodies": [b.pk for b in instance.bodies.all()],
                    "mandates": [m.pk for m in instance.mandates.all()],
                    "actions": [a.pk for a in instance.actions.all()],
                    "owner": instance.owner_id,
                    "assessed_on": instance.assessed_on,
                    "next_review_on": instance.next_review_on,
                    "seen_version": instance.version,
                }
            )
        super().__init__(*args, **kwargs)
        self.fields["bodies"].queryset = Body.objects.filter(region=region).order_by(
            "status", "name"
        )
        self.fields["mandates"].queryset = (
            Mandate.objects.filter(body__region=region)
            .select_related("body")  # the label names the body
            .order_by("body__name", "subject")
        )
        self.fields["mandates"].label_from_instance = _mandate_label
        self.fields["actions"].queryset = Action.objects.filter(region=region).order_by("title")
        self.fields["owner"].queryset = Person.objects.filter(region=region).order_by("name")


class ProposalForm(forms.Form):
    """A participant's suggestion: a status with an argument (and a municipality for the
    items judged per gemeente)."""

    municipality = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("De hele regio"),
        help_text=_("Laat leeg voor het oordeel over de regio als geheel."),
    )
    status = forms.ChoiceField(
        label=_("Voorgestelde status"), choices=Status.choices, widget=forms.RadioSelect
    )
    evidence = forms.CharField(
        label=_("Onderbouwing"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Waarop baseert u dit voorstel? De netwerksecretaris beslist erover."),
    )

    def __init__(self, *args, region: Region, item: Item, **kwargs):
        super().__init__(*args, **kwargs)
        if item.per_municipality:
            self.fields["municipality"].queryset = Municipality.objects.filter(
                region=region
            ).order_by("name")
        else:
            del self.fields["municipality"]


class ProposalDecideForm(forms.Form):
    ACCEPT = "overnemen"
    REJECT = "afwijzen"
    CHOICES = [(ACCEPT, _("Overnemen")), (REJECT, _("Afwijzen"))]

    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=CHOICES,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij afwijzen: de indiener ziet waarom."),
    )
