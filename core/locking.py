"""Optimistic locking: a form carries the ``version`` it was rendered with.

Saving compares it with the row's version under a row lock. When someone saved in between,
nothing is written and ``StaleEdit`` says which fields changed, to what, and by whom (taken
from the django-simple-history records that were written since the form's version).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models, transaction
from django.utils.translation import gettext as _

from core.history import display_value, user_label


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


class StaleEdit(Exception):
    # The form field that carries the version this refusal is about; a form that edits two
    # objects (a decision that also moves an action) names the second one.
    version_field = "seen_version"

    def __init__(self, *, changes: list[FieldChange], editors: list[str], current_version: int):
        self.changes = changes
        self.editors = editors
        self.current_version = current_version
        super().__init__(self.message)

    @property
    def message(self) -> str:
        who = ", ".join(self.editors) or _("een andere gebruiker")
        if self.changes:
            fields = "; ".join(f"{c.label}: ‘{c.before}’ → ‘{c.after}’" for c in self.changes)
            return _(
                "Niet opgeslagen: %(who)s heeft dit gegeven intussen gewijzigd (%(fields)s). "
                "Controleer de huidige waarden en sla opnieuw op als uw wijziging nog nodig is."
            ) % {"who": who, "fields": fields}
        return _(
            "Niet opgeslagen: %(who)s heeft dit gegeven intussen opgeslagen. Controleer de "
            "huidige waarden en sla opnieuw op als uw wijziging nog nodig is."
        ) % {"who": who}


def describe_changes(current: models.Model, seen_version: int) -> StaleEdit:
    history = current.history.filter(version__gte=seen_version).select_related("history_user")
    records = sorted(history, key=lambda r: (r.version, r.history_date))
    base = next((r for r in records if r.version == seen_version), None)
    changes: list[FieldChange] = []
    if base is not None:
        for field in current._meta.concrete_fields:
            if field.name in {"version", "id"}:
                continue
            before_value = getattr(base, field.attname, None)
            after_value = getattr(current, field.attname, None)
            if before_value != after_value:
                changes.append(
                    FieldChange(
                        label=str(field.verbose_name),
                        before=display_value(base.instance, field, follow_relations=True),
                        after=display_value(current, field, follow_relations=True),
                    )
                )
    editors: list[str] = []
    for record in records:
        if record.version > seen_version and record.history_user is not None:
            name = user_label(record.history_user)
            if name not in editors:
                editors.append(name)
    return StaleEdit(changes=changes, editors=editors, current_version=current.version)


def save_versioned(instance: models.Model, *, seen_version: int | None, user) -> models.Model:
    """Save ``instance`` if nobody saved since ``seen_version``; new objects just save."""
    with transaction.atomic():
        if instance.pk is None:
            instance.version = 1
        else:
            current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
            if seen_version is None or current.version != seen_version:
                raise describe_changes(current, seen_version or 0)
            instance.version = current.version + 1
        instance._history_user = user
        instance.full_clean()
        instance.save()
    return instance
