"""Forms of a meeting's attendance: the secretary's sheet (one row per member), a guest, and
a member's absence announced in advance.

The sheet's fields are named per membership (``status_<pk>``, ``substitute_person_<pk>``,
``substitute_name_<pk>``, ``remark_<pk>``, ``version_<pk>``), the names the service uses for
its errors. A substitute in the register is chosen from the persons who may replace that
member; a posted id of anyone else is an invalid choice.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.constants import AttendanceStatus
from governance.models import Attendance, Membership, Person
from governance.services.attendance import Line

STATUS_CHOICES = [("", _("— kies —")), *AttendanceStatus.choices]
NAME_MAX = Attendance._meta.get_field("substitute_name").max_length
REMARK_MAX = Attendance._meta.get_field("remark").max_length


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name} ({obj.function})" if obj.function else obj.name


class VersionField(forms.IntegerField):
    """A hidden version: garbage is refused with a Dutch message, never a 500."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            min_value=0,
            max_value=2**31 - 1,
            error_messages={
                "invalid": _("Het formulier is beschadigd; laad de pagina opnieuw."),
                "min_value": _("Het formulier is beschadigd; laad de pagina opnieuw."),
                "max_value": _("Het formulier is beschadigd; laad de pagina opnieuw."),
            },
            **kwargs,
        )


class HiddenErrorsForm(forms.Form):
    """A hidden field's error (a garbled version or id) is shown at the top of the form."""

    def add_error(self, field, error):
        if field in self.fields and self.fields[field].widget.is_hidden:
            field = None
        super().add_error(field, error)


class AttendanceForm(HiddenErrorsForm):
    """One row per member of the body on the meeting date."""

    def __init__(self, *args, sheet, candidates: dict[int, list[Person]], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for membership, line in sheet.members:
            pk = membership.pk
            who = membership.member_display
            initial = {
                "status": line.status if line else "",
                "substitute_person": line.substitute_person_id if line else None,
                "substitute_name": line.substitute_name if line else "",
                "remark": line.remark if line else "",
                "version": line.version if line else None,
            }
            person_ids = [p.pk for p in candidates.get(pk, [])]
            fields = {
                "status": forms.ChoiceField(
                    label=_("Aanwezigheid van %(who)s") % {"who": who},
                    choices=STATUS_CHOICES,
                    error_messages={
                        "required": _("Kies de aanwezigheid van %(who)s.") % {"who": who},
                        "invalid_choice": _("Kies een van de mogelijkheden."),
                    },
                ),
                "substitute_person": PersonChoiceField(
                    label=_("Vervanger van %(who)s") % {"who": who},
                    queryset=Person.objects.filter(pk__in=person_ids),
                    required=False,
                    empty_label=_("— geen —"),
                    error_messages={
                        "invalid_choice": _(
                            "Kies een vervanger van dezelfde organisatie of gemeente."
                        ),
                    },
                ),
                "substitute_name": forms.CharField(
                    label=_("Naam van de vervanger van %(who)s, als die niet in de lijst staat")
                    % {"who": who},
                    max_length=NAME_MAX,
                    required=False,
                ),
                "remark": forms.CharField(
                    label=_("Opmerking bij %(who)s") % {"who": who},
                    max_length=REMARK_MAX,
                    required=False,
                ),
                "version": VersionField(),
            }
            # The choices are already known: no query per row when the select is drawn.
            fields["substitute_person"].choices = [("", _("— geen —"))] + [
                (p.pk, fields["substitute_person"].label_from_instance(p))
                for p in candidates.get(pk, [])
            ]
            row = {"membership": membership, "line": line}
            for name, field in fields.items():
                key = f"{name}_{pk}"
                field.initial = initial[name]
                self.fields[key] = field
                row[name] = key
            self.rows.append(row)

    def bound_rows(self):
        for row in self.rows:
            yield {
                "membership": row["membership"],
                "line": row["line"],
                **{name: self[row[name]] for name in self.row_fields},
            }

    row_fields = ("status", "substitute_person", "substitute_name", "remark", "version")

    def lines(self) -> list[Line]:
        data = self.cleaned_data
        return [
            Line(
                membership_id=row["membership"].pk,
                status=data[row["status"]],
                substitute_person=data[row["substitute_person"]],
                substitute_name=data[row["substitute_name"]].strip(),
                remark=data[row["remark"]].strip(),
            )
            for row in self.rows
        ]

    def seen_versions(self) -> dict[int, int | None]:
        return {
            row["membership"].pk: (self.cleaned_data[row["version"]] or None) for row in self.rows
        }


class GuestForm(forms.Form):
    guest_name = forms.CharField(
        label=_("Naam van de gast"),
        max_length=Attendance._meta.get_field("guest_name").max_length,
        error_messages={"required": _("Vul de naam van de gast in.")},
    )
    guest_organisation = forms.CharField(
        label=_("Organisatie"),
        max_length=Attendance._meta.get_field("guest_organisation").max_length,
        required=False,
    )


class GuestRemoveForm(HiddenErrorsForm):
    seen_version = VersionField()


class AbsenceForm(HiddenErrorsForm):
    """‘Ik ben verhinderd’: for one of the user's own seats at the body on the meeting date."""

    membership = forms.ModelChoiceField(
        label=_("Lidmaatschap"),
        queryset=Membership.objects.none(),
        error_messages={
            "required": _("Kies uw lidmaatschap."),
            "invalid_choice": _("U kunt zich alleen afmelden voor uw eigen lidmaatschap."),
        },
    )
    substitute_person = PersonChoiceField(
        label=_("Vervanger (optioneel)"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("— geen vervanger —"),
        error_messages={
            "invalid_choice": _("Kies een vervanger van dezelfde organisatie of gemeente.")
        },
    )
    substitute_name = forms.CharField(
        label=_("Of de naam van de vervanger, als die niet in de lijst staat"),
        max_length=NAME_MAX,
        required=False,
    )
    remark = forms.CharField(
        label=_("Opmerking voor de secretaris (optioneel)"),
        max_length=REMARK_MAX,
        required=False,
    )

    def __init__(self, *args, seats, candidates: dict[int, list[Person]], **kwargs):
        super().__init__(*args, **kwargs)
        seats = list(seats)
        field = self.fields["membership"]
        field.queryset = Membership.objects.filter(pk__in=[s.pk for s in seats])
        field.label_from_instance = lambda m: f"{m.get_role_display()} — {m.member_display}"
        if len(seats) == 1:
            field.widget = forms.HiddenInput()
            field.initial = seats[0].pk
        else:
            field.choices = [(s.pk, field.label_from_instance(s)) for s in seats]
        people = {p.pk: p for s in seats for p in candidates.get(s.pk, [])}
        person_field = self.fields["substitute_person"]
        person_field.queryset = Person.objects.filter(pk__in=list(people))
        person_field.choices = [("", _("— geen vervanger —"))] + [
            (p.pk, person_field.label_from_instance(p))
            for p in sorted(people.values(), key=lambda p: (p.name, p.pk))
        ]
        self._candidates = candidates

    def clean(self):
        cleaned = super().clean()
        membership, person = cleaned.get("membership"), cleaned.get("substitute_person")
        if membership and person:
            allowed = {p.pk for p in self._candidates.get(membership.pk, [])}
            if person.pk not in allowed:
                self.add_error(
                    "substitute_person",
                    _("Kies een vervanger van dezelfde organisatie of gemeente."),
                )
        for name in ("substitute_name", "remark"):
            if name in cleaned:
                cleaned[name] = cleaned[name].strip()
        return cleaned


class AbsenceWithdrawForm(HiddenErrorsForm):
    membership = forms.ModelChoiceField(
        queryset=Membership.objects.none(),
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Kies uw lidmaatschap."),
            "invalid_choice": _("U kunt zich alleen afmelden voor uw eigen lidmaatschap."),
        },
    )

    def __init__(self, *args, seats, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = Membership.objects.filter(pk__in=[s.pk for s in seats])
