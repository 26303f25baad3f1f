"""Forms of the werkagenda. Every related choice is limited to the form's region, so a posted id
of another region's object is refused as an invalid choice. The list rules themselves live in
``governance.services.werkagenda``; their errors are put next to these forms' fields."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import DateInput, VersionedModelForm
from governance.constants import ActionList, BodyStatus, ClosedReason
from governance.models import Action, Body, Knelpunt, Organisation, Person, Region
from governance.selectors.werkagenda import (
    list_name,
    themes_region_first,
    trekker_choices,
    trekker_label,
)

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]


def _knelpunt_label(knelpunt: Knelpunt) -> str:
    return f"{knelpunt.title} ({knelpunt.theme.name})"


def _body_choices(region: Region, include_pk: int | None = None):
    """Active bodies of the region (and the present one, so that an edit keeps it)."""
    qs = Body.objects.filter(region=region)
    if include_pk:
        return qs.filter(status=BodyStatus.ACTIEF) | qs.filter(pk=include_pk)
    return qs.filter(status=BodyStatus.ACTIEF)


def _coalition_field(region: Region) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=gettext_lazy("Coalitie van partners"),
        queryset=Organisation.objects.available_in(region).order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "De partners die de actie willen oppakken (coalition of the willing). "
            "Op de actielijst ten minste één."
        ),
    )


class ActionForm(VersionedModelForm):
    """Create or change an action. The list is chosen only when creating; moving an existing
    action is its own step (``ActionMoveForm``)."""

    class Meta:
        model = Action
        fields = [
            "title",
            "description",
            "theme",
            "list",
            "importance",
            "feasibility",
            "impact",
            "trekker",
            "owner",
            "owning_body",
            "coalition",
            "knelpunten",
            "due_date",
            "origin",
            "origin_note",
        ]
        widgets = {
            "list": forms.RadioSelect,
            "importance": forms.RadioSelect,
            "feasibility": forms.RadioSelect,
            "impact": forms.RadioSelect,
            "knelpunten": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk:
            del self.fields["list"]
        else:
            # Entering the gereedlijst needs a closing reason: that is a move, not a start.
            self.fields["list"].choices = [
                c for c in ActionList.choices if c[0] != ActionList.GEREED
            ]
            self.fields["list"].label = _("Begint op de")
            self.fields["list"].help_text = _(
                "Voor de actielijst zijn een bestuurlijk trekker, een eigenaar (gremium) en "
                "ten minste één coalitiepartner nodig."
            )
        for name in ("importance", "feasibility", "impact"):
            field = self.fields[name]
            field.choices = [("", _("nog niet gewogen")), *list(field.choices)[1:]]
        self.fields["theme"].queryset = themes_region_first(region)
        self.fields["theme"].empty_label = _("Alle thema's (geen specifiek thema)")
        trekker = self.fields["trekker"]
        trekker.queryset = trekker_choices(region, include_pk=instance.trekker_id)
        trekker.label_from_instance = trekker_label
        trekker.empty_label = _("Nog geen trekker")
        self.fields["owner"].queryset = Person.objects.filter(region=region).order_by("name")
        self.fields["owning_body"].queryset = _body_choices(region, instance.owning_body_id)
        self.fields["coalition"] = _coalition_field(region)
        knelpunten = self.fields["knelpunten"]
        knelpunten.queryset = (
            Knelpunt.objects.in_region(region).select_related("theme").order_by("title")
        )
        knelpunten.label_from_instance = _knelpunt_label
        knelpunten.help_text = _("De knelpunten die deze actie helpt oplossen.")


class ActionMoveForm(forms.Form):
    """Move an action to ``to_list`` with what that list needs.

    The list rules are the service's: fields it checks are optional here, so that its Dutch
    message is the one shown next to the field.
    """

    seen_version = forms.IntegerField(widget=forms.HiddenInput)
    naar = forms.ChoiceField(choices=ActionList.choices, widget=forms.HiddenInput)

    def __init__(self, *args, action: Action, to_list: str, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.to_list = to_list
        if not self.is_bound:
            self.initial.update({"seen_version": action.version, "naar": to_list})
        if to_list == ActionList.ACTIE:
            needed = _("Verplicht voor de actielijst.")
            self.fields["trekker"] = forms.ModelChoiceField(
                label=_("Bestuurlijk trekker"),
                queryset=trekker_choices(region, include_pk=action.trekker_id),
                required=False,
                empty_label=_("Kies een trekker"),
                help_text=needed
                + " "
                + _("Een bestuurder die nu lid is van een actief gremium van de regio."),
            )
            self.fields["trekker"].label_from_instance = trekker_label
            self.fields["owning_body"] = forms.ModelChoiceField(
                label=_("Eigenaar (gremium)"),
                queryset=_body_choices(region, action.owning_body_id),
                required=False,
                empty_label=_("Kies een gremium"),
                help_text=needed,
            )
            self.fields["coalition"] = _coalition_field(region)
            if not self.is_bound:
                self.initial.update(
                    {
                        "trekker": action.trekker_id,
                        "owning_body": action.owning_body_id,
                        "coalition": [o.pk for o in action.coalition.all()],
                    }
                )
        if to_list == ActionList.GEREED:
            self.fields["closed_reason"] = forms.ChoiceField(
                label=_("Reden van afsluiten"),
                choices=ClosedReason.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _(
                        "Kies waarom de actie gereed is: afgerond, elders belegd of vervallen."
                    )
                },
            )
        back_from_gereed = action.list == ActionList.GEREED
        self.fields["note"] = forms.CharField(
            label=_("Reden") if back_from_gereed else _("Toelichting"),
            required=back_from_gereed,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=(
                _("Waarom de actie terugkomt van de gereedlijst.")
                if back_from_gereed
                else _("Komt in het logboek van de actie.")
            ),
            error_messages={
                "required": _("Geef een reden om de actie terug te halen van de gereedlijst.")
            },
        )

    @property
    def question(self) -> str:
        return _("Verplaats ‘%(title)s’ van de %(from)s naar de %(to)s.") % {
            "title": self.action.title,
            "from": list_name(self.action.list),
            "to": list_name(self.to_list),
        }


class ActionProgressForm(forms.Form):
    """A progress note and/or a new due date (the action's holder, trekker or secretary)."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=gettext_lazy("Voortgang"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Wat is er gedaan, besloten of veranderd?"),
    )
    due_date = forms.DateField(
        label=gettext_lazy("Termijn"),
        required=False,
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        help_text=gettext_lazy("Laat staan als de termijn niet verandert; leeg maken kan ook."),
    )

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.update({"seen_version": action.version, "due_date": action.due_date})


class KnelpuntForm(VersionedModelForm):
    class Meta:
        model = Knelpunt
        fields = [
            "theme",
            "title",
            "description",
            "source",
            "source_note",
            "status",
            "signalled_on",
        ]

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes_region_first(region)
