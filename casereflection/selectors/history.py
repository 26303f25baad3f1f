"""The history of a reflection and its conclusions (django-simple-history), with the names of
the objects its foreign keys point to."""

from __future__ import annotations

from django.utils.translation import gettext as _

from casereflection.models import CaseReflection, Conclusion
from governance.models import AgendaItem, Body, Membership, Organisation, Person, SubRegion
from governance.selectors.register import HistoryEntry, _history_of
from governance.selectors.werkagenda import trekker_label

_NAMED = {
    "sub_region": SubRegion,
    "facilitator": Person,
    "agenda_item": AgendaItem,
    "assignee_body": Body,
    "assignee_organisation": Organisation,
    "contact_administrator": Membership,
}


def _names(model, ids: set[int]) -> dict[str, str]:
    if model is Membership:
        rows = Membership.objects.filter(pk__in=ids).select_related(
            "person", "body", "organisation", "municipality"
        )
        return {f"#{m.pk}": trekker_label(m) for m in rows}
    if model is AgendaItem:
        rows = AgendaItem.objects.filter(pk__in=ids).select_related("meeting__body")
        return {f"#{a.pk}": f"{a.meeting} — {a.title}" for a in rows}
    return {
        f"#{pk}": name for pk, name in model.objects.filter(pk__in=ids).values_list("pk", "name")
    }


def reflection_history(reflection: CaseReflection) -> list[HistoryEntry]:
    """Who changed what, when: the reflection and its conclusions, newest first, with
    sub-regions, people, bodies and agenda items named. It holds the case text: only for
    readers with ``view_case_text``.

    Two queries for the records (the user joined in), plus one per kind of related field that
    changed.
    """
    labels = {"+": _("aangemaakt"), "~": _("gewijzigd"), "-": _("verwijderd")}
    entries = _history_of(
        CaseReflection,
        CaseReflection.history.filter(id=reflection.pk).select_related("history_user"),
        labels,
    )
    for entry in entries:
        entry.object_label = _("casusreflectie %(quarter)s") % {"quarter": reflection.quarter_label}
    entries += _history_of(
        Conclusion,
        Conclusion.history.filter(reflection_id=reflection.pk).select_related("history_user"),
        labels,
    )
    by_label = {}
    for model in (CaseReflection, Conclusion):
        for name in _NAMED:
            try:
                by_label[str(model._meta.get_field(name).verbose_name)] = name
            except Exception:  # noqa: BLE001 - not a field of this model
                continue
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        for label, before, after in entry.changes:
            if label in by_label:
                for value in (before, after):
                    if value.startswith("#") and value[1:].isdigit():
                        wanted.setdefault(by_label[label], set()).add(int(value[1:]))
    names: dict[str, str] = {}
    for name, ids in wanted.items():
        names.update({f"{name}{k}": v for k, v in _names(_NAMED[name], ids).items()})
    for entry in entries:
        entry.changes = [
            (
                label,
                names.get(f"{by_label.get(label)}{before}", before),
                names.get(f"{by_label.get(label)}{after}", after),
            )
            for label, before, after in entry.changes
        ]
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries
