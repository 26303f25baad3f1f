"""Form helpers shared by all apps: date inputs, the hidden version for optimistic locking."""

from django import forms


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class VersionedModelForm(forms.ModelForm):
    """A ModelForm that carries the version the user saw (see core.locking)."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["seen_version"] = self.instance.version
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
                field.input_formats = ["%Y-%m-%d", "%d-%m-%Y"]
            if name != "seen_version" and isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("rows", 4)
