"""Forms of the meeting pages: meetings, agenda items, the outcome (decision) of an item and
vergaderstukken. Every related choice is limited to the form's region, so a posted id of
another region's object is refused as an invalid choice."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, VersionedModelForm
from governance.constants import ActionList, BodyStatus, ClosedReason
from governance.models import (
    Action,
    AgendaItem,
    Body,
    Knelpunt,
    Meeting,
    Membership,
    Organisation,
    Region,
    Theme,
)
from governance.selectors.werkagenda import trekker_choices, trekker_label
from governance.uploads import ACCEPT

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
DATETIME_INPUT_FORMATS = [DATETIME_FORMAT, "%Y-%m-%dT%H:%M:%S", "%d-%m-%Y %H:%M"]
DOCUMENT_HELP = _("PDF, DOCX, XLSX of ODT, max 20 MB.")


class DateTimeInput(forms.DateTimeInput):
    """The browser's own date-and-time picker; the value is local time (Europe/Amsterdam)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATETIME_FORMAT)


class MeetingForm(VersionedModelForm):
    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "ends_at", "location", "status", "note"]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = DATETIME_INPUT_FORMATS
        self.fields["starts_at"].help_text = _("Datum en tijd, bijvoorbeeld 14-03-2026 14:00.")


def _action_label(action: Action) -> str:
    return f"{action.title} ({action.get_list_display().lower()})"


class AgendaItemForm(VersionedModelForm):
    class Meta:
        model = AgendaItem
        fields = ["order", "title", "kind", "description", "action", "knelpunt"]

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = Action.objects.in_region(region).order_by("list", "title")
        self.fields["action"].label_from_instance = _action_label
        self.fields["knelpunt"].queryset = Knelpunt.objects.in_region(region).order_by("title")


class DecisionForm(forms.Form):
    """The outcome of an agenda item, and what the decision does to the werkagenda.

    Field names carry the prefixes ``new_`` and ``move_`` that the service uses for its
    errors (``governance.services.meetings.agenda_item_decide``).
    """

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    outcome = forms.CharField(
        label=_("Uitkomst"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Wat is besproken of besloten."),
    )
    minutes_text = forms.CharField(
        label=_("Verslag"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=10000,
        help_text=_("Kort: wat is er besproken. Komt in het verslag, niet in de besluitenlijst."),
    )
    # A new action that follows from the decision.
    new_title = forms.CharField(
        label=_("Titel van de nieuwe actie"),
        max_length=200,
        required=False,
        help_text=_("Leeg laten als het besluit geen nieuwe actie oplevert."),
    )
    new_list = forms.ChoiceField(
        label=_("Lijst"),
        choices=[(ActionList.VOORRAAD, _("Voorraad")), (ActionList.ACTIE, _("Actie"))],
        initial=ActionList.VOORRAAD,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Op de actielijst alleen met een bestuurlijk trekker, een eigenaar en ten minste "
            "één coalitiepartner."
        ),
    )
    new_theme = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Theme.objects.all(),
        required=False,
        empty_label=_("Geen (gaat over alle thema's)"),
    )
    new_trekker = forms.ModelChoiceField(
        label=_("Bestuurlijk trekker"), queryset=Membership.objects.none(), required=False
    )
    new_owning_body = forms.ModelChoiceField(
        label=_("Eigenaar (gremium)"), queryset=Body.objects.none(), required=False
    )
    new_coalition = forms.ModelMultipleChoiceField(
        label=_("Coalitie van partners"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_due_date = forms.DateField(
        label=_("Termijn"),
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
    )
    # Moving the action the agenda item is about.
    move_to_list = forms.ChoiceField(label=_("Verplaatsen naar"), required=False)
    move_note = forms.CharField(
        label=_("Toelichting bij het verplaatsen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Leeg: het besluit wordt als toelichting vastgelegd."),
    )
    move_closed_reason = forms.ChoiceField(
        label=_("Reden van afsluiten"),
        choices=[("", _("— (alleen bij gereed)")), *ClosedReason.choices],
        required=False,
    )
    move_trekker = forms.ModelChoiceField(
        label=_("Bestuurlijk trekker"),
        queryset=Membership.objects.none(),
        required=False,
        help_text=_("Leeg: de huidige trekker blijft."),
    )
    move_seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    move_coalition = forms.ModelMultipleChoiceField(
        label=_("Coalitie van partners"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Niets aangevinkt: de huidige coalitie blijft."),
    )

    NEW_FIELDS = (
        "new_title",
        "new_list",
        "new_theme",
        "new_trekker",
        "new_owning_body",
        "new_coalition",
        "new_due_date",
    )
    MOVE_FIELDS = (
        "move_to_list",
        "move_note",
        "move_closed_reason",
        "move_trekker",
        "move_coalition",
    )

    def __init__(self, *args, item: AgendaItem, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        meeting = item.meeting
        trekkers = trekker_choices(region)
        organisations = Organisation.objects.available_in(region).order_by("name")
        self.fields["new_trekker"].queryset = trekkers
        self.fields["new_trekker"].label_from_instance = trekker_label
        self.fields["new_owning_body"].queryset = Body.objects.filter(
            region=region, status=BodyStatus.ACTIEF
        ).order_by("name")
        self.fields["new_coalition"].queryset = organisations
        if not self.is_bound:
            self.initial.setdefault("seen_version", item.version)
            self.initial.setdefault("outcome", item.outcome)
            self.initial.setdefault("minutes_text", item.minutes_text)
            self.initial.setdefault("new_owning_body", meeting.body_id)
            theme_id = (item.knelpunt.theme_id if item.knelpunt_id else None) or (
                item.action.theme_id if item.action_id else None
            )
            if theme_id:
                self.initial.setdefault("new_theme", theme_id)
        action = item.action if item.action_id else None
        if action is None:
            for name in (*self.MOVE_FIELDS, "move_seen_version"):
                del self.fields[name]
            return
        if not self.is_bound:
            self.initial.setdefault("move_seen_version", action.version)
        self.fields["move_to_list"].choices = [
            ("", _("Niet verplaatsen")),
            *[(key, label) for key, label in ActionList.choices if key != action.list],
        ]
        self.fields["move_trekker"].queryset = trekkers
        self.fields["move_trekker"].label_from_instance = trekker_label
        self.fields["move_coalition"].queryset = organisations

    @property
    def has_move(self) -> bool:
        return "move_to_list" in self.fields

    def new_fields(self):
        return [self[name] for name in self.NEW_FIELDS]

    def move_fields(self):
        return [self[name] for name in self.MOVE_FIELDS if name in self.fields]

    def clean(self):
        data = super().clean()
        # Details of a new action without a title would be silently dropped: say so.
        details = ("new_theme", "new_trekker", "new_coalition", "new_due_date")
        if not data.get("new_title") and any(data.get(name) for name in details):
            self.add_error(
                "new_title",
                _("Geef de nieuwe actie een titel, of laat de velden van de nieuwe actie leeg."),
            )
        if self.has_move and not data.get("move_to_list"):
            details = ("move_note", "move_closed_reason", "move_trekker", "move_coalition")
            if any(data.get(name) for name in details):
                self.add_error(
                    "move_to_list",
                    _("Kies waarheen de actie gaat, of laat de velden van het verplaatsen leeg."),
                )
        return data

    def new_action(self) -> dict | None:
        """The new action for the service, or None when no title was given."""
        data = self.cleaned_data
        if not data.get("new_title"):
            return None
        return {
            "title": data["new_title"],
            "list": data.get("new_list") or ActionList.VOORRAAD,
            "theme": data.get("new_theme"),
            "trekker": data.get("new_trekker"),
            "owning_body": data.get("new_owning_body"),
            "due_date": data.get("new_due_date"),
            "coalition": list(data.get("new_coalition") or []),
        }

    def move(self) -> dict | None:
        """The move of the item's action for the service, or None when none was chosen."""
        data = self.cleaned_data
        if not self.has_move or not data.get("move_to_list"):
            return None
        return {
            "to_list": data["move_to_list"],
            "note": data.get("move_note", ""),
            "closed_reason": data.get("move_closed_reason", ""),
            "trekker": data.get("move_trekker"),
            "coalition": list(data.get("move_coalition") or []),
            "seen_version": data.get("move_seen_version"),
        }


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    file = forms.FileField(
        label=_("Bestand"),
        help_text=DOCUMENT_HELP,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, upload_too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_too_large = upload_too_large

    def clean(self):
        cleaned = super().clean()
        if self.upload_too_large:
            # The upload handler stopped reading the file (core.uploads): say why it is
            # missing instead of "required".
            self.errors.pop("file", None)
            self.add_error(
                "file",
                _("Het bestand is groter dan 20 MB; het maximum is 20 MB."),
            )
        return cleaned


class DocumentReplaceForm(DocumentForm):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    file = forms.FileField(
        label=_("Nieuw bestand"),
        help_text=_("PDF, DOCX, XLSX of ODT, max 20 MB. De vorige versie blijft te downloaden."),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )
