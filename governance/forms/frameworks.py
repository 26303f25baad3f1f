"""The form of a framework (kader) of a region."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import VersionedModelForm
from governance.models import Framework, Region


class FrameworkForm(VersionedModelForm):
    class Meta:
        model = Framework
        fields = ["name", "kind", "source_document", "description"]

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = Framework.objects.filter(region=self.region, name__iexact=name).exclude(
            pk=self.instance.pk
        )
        if taken.exists():
            raise forms.ValidationError(_("Deze regio heeft al een kader met deze naam."))
        return name
