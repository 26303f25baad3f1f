"""The period a report covers: "stand per" (as-of date) and, for some reports, where the period
starts."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput
from dashboard.reports.base import DEFAULT_PERIOD_MONTHS, months_before
from governance.diagram.structure import DEFAULT_VIEW, VIEWS, parse_view

EARLIEST = date(2000, 1, 1)
INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]


class ReportPeriodForm(forms.Form):
    stand = forms.DateField(
        label=_("Stand per"),
        required=False,
        widget=DateInput(),
        input_formats=INPUT_FORMATS,
        help_text=_("Leeg: vandaag."),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 23-11-2026.")},
    )
    sinds = forms.DateField(
        label=_("Periode vanaf"),
        required=False,
        widget=DateInput(),
        input_formats=INPUT_FORMATS,
        help_text=_("Leeg: drie maanden vóór de stand-per-datum."),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 23-08-2026.")},
    )

    def __init__(self, data=None, *, today: date, uses_period: bool = True, **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.today = today
        self.uses_period = uses_period
        if not uses_period:
            del self.fields["sinds"]

    def clean_stand(self) -> date:
        stand = self.cleaned_data.get("stand") or self.today
        if stand > self.today:
            raise forms.ValidationError(_("De stand per kan niet in de toekomst liggen."))
        if stand < EARLIEST:
            raise forms.ValidationError(_("Kies een stand per vanaf 1 januari 2000."))
        return stand

    def clean(self):
        cleaned = super().clean()
        stand = cleaned.get("stand")
        if self.uses_period and stand and "sinds" not in self.errors:
            sinds = cleaned.get("sinds") or months_before(stand, DEFAULT_PERIOD_MONTHS)
            if sinds >= stand:
                self.add_error("sinds", _("De periode moet vóór de stand-per-datum beginnen."))
            else:
                cleaned["sinds"] = sinds
        return cleaned

    def period(self) -> tuple[date, date | None]:
        return self.cleaned_data["stand"], self.cleaned_data.get("sinds")


class PreparationReportForm(ReportPeriodForm):
    """The printed meeting preparation: the period form plus "met mijn notities" (off unless
    asked for; only ever the requesting user's own notes)."""

    notities = forms.BooleanField(
        label=_("Met mijn notities"),
        required=False,
        help_text=_("Uw eigen persoonlijke notities bij de agendapunten en stukken."),
    )


class StructureReportForm(ReportPeriodForm):
    """The printed structure overview: the period form plus the view of the diagram (by level
    or by framework). An unknown view is no error: the report is drawn in the default view,
    as the structure page does."""

    weergave = forms.ChoiceField(
        label=_("Diagram"),
        required=False,
        choices=[(key, label) for key, label in VIEWS.items()],
        initial=DEFAULT_VIEW,
        widget=forms.RadioSelect,
    )

    def __init__(self, data=None, **kwargs) -> None:
        if (
            data is not None
            and "weergave" in data
            and parse_view(data.get("weergave")) != (data.get("weergave"))
        ):
            data = data.copy()
            data["weergave"] = DEFAULT_VIEW
        super().__init__(data, **kwargs)

    def clean_weergave(self) -> str:
        return parse_view(self.cleaned_data.get("weergave"))
