"""The upload of a workbook (the spreadsheet round trip)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Werkmap (XLSX)"),
        help_text=_(
            "Een werkmap of sjabloon die u hier downloadde, aangevuld of gewijzigd; hoogstens "
            "5 MB. U ziet eerst wat er verandert; pas na uw bevestiging wordt het opgeslagen."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
