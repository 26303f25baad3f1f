"""What a document contains, for the reference checks of every section.

:class:`DocumentRefs` is built once from a document that passed the JSON Schema. Its checks
return a Dutch message when a reference points at nothing (or, for memberships and mandates,
at more than one thing), and None when it is fine; the sections put the message at the
reference's path (``Problems.check``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any

from django.utils.translation import gettext as _

from governance.exchange.errors import Path, Problems
from governance.exchange.keys import mandate_key, membership_key, seat_keys
from governance.models import Theme


def _show(value: Any) -> str:
    return "null" if value is None else f"‘{value}’"


class DocumentRefs:
    """The keys and names a (schema-valid) document defines."""

    def __init__(self, document: dict[str, Any]):
        self.document = document
        self.persons = {p["key"] for p in document["persons"]}
        self.bodies = {b["name"] for b in document["bodies"]}
        self.frameworks = {f["name"] for f in document["frameworks"]}
        self.municipalities = {m["name"] for m in document["municipalities"]}
        self.organisations = {(o["name"], o["national"]) for o in document["organisations"]}
        self.memberships = Counter(
            key
            for b in document["bodies"]
            for m in b["memberships"]
            for key in seat_keys({"body": b["name"], **m})
        )
        self.mandates = Counter(
            mandate_key({"body": b["name"], **m}) for b in document["bodies"] for m in b["mandates"]
        )
        self.knelpunten = {k["key"] for k in document.get("knelpunten", [])}
        self.actions = {a["key"] for a in document.get("actions", [])}
        self.meetings = {m["key"]: len(m["items"]) for m in document.get("meetings", [])}

    @cached_property
    def portal_themes(self) -> set[str]:
        """The names of the portal's themes (national reference data; one query)."""
        return set(Theme.objects.values_list("name", flat=True))

    def person(self, key: str | None) -> str | None:
        if key is not None and key not in self.persons:
            return _("Onbekende persoon ‘%s’: geen persoon in ‘persons’ heeft deze key.") % key
        return None

    def body(self, name: str | None) -> str | None:
        if name is not None and name not in self.bodies:
            return _("Onbekend gremium ‘%s’: dit gremium staat niet in ‘bodies’.") % name
        return None

    def framework(self, name: str | None) -> str | None:
        if name is not None and name not in self.frameworks:
            return _("Onbekend kader ‘%s’: dit kader staat niet in ‘frameworks’.") % name
        return None

    def municipality(self, name: str | None) -> str | None:
        if name is not None and name not in self.municipalities:
            return _("Onbekende gemeente ‘%s’: deze staat niet in ‘municipalities’.") % name
        return None

    def organisation(self, ref: dict | None) -> str | None:
        if ref is not None and (ref["name"], ref["national"]) not in self.organisations:
            where = _("landelijke") if ref["national"] else _("regionale")
            return _(
                "Onbekende %(where)s organisatie ‘%(name)s’: deze staat niet in ‘organisations’."
            ) % {"where": where, "name": ref["name"]}
        return None

    def theme(self, name: str | None) -> str | None:
        if name is not None and name not in self.portal_themes:
            return (
                _(
                    "Onbekend thema ‘%s’: thema’s zijn landelijke referentiegegevens en dit "
                    "thema bestaat niet in het portaal."
                )
                % name
            )
        return None

    def membership(self, ref: dict | None) -> str | None:
        """A membership reference must point at exactly one membership of the file."""
        if ref is None:
            return None
        found = self.memberships[membership_key(ref)]
        values = {
            "body": ref["body"],
            "person": _show(ref["person"]),
            "role": ref["role"],
            "start": _show(ref["start"]),
            "municipality": (
                _(", gemeente ‘%s’") % ref["municipality"] if ref.get("municipality") else ""
            ),
            "n": found,
        }
        if found == 0:
            return (
                _(
                    "Onbekend lidmaatschap: ‘%(body)s’ heeft in ‘bodies’ geen lidmaatschap met "
                    "persoon %(person)s, rol ‘%(role)s’%(municipality)s en begin %(start)s."
                )
                % values
            )
        if found > 1:
            return (
                _(
                    "Dit lidmaatschap is niet eenduidig: ‘%(body)s’ heeft %(n)s lidmaatschappen "
                    "met persoon %(person)s, rol ‘%(role)s’%(municipality)s en begin %(start)s. "
                    "Noem de gemeente van de zetel (‘municipality’) om ze uit elkaar te houden."
                )
                % values
            )
        return None

    def mandate(self, ref: dict) -> str | None:
        """A mandate reference must point at exactly one mandate of the file."""
        found = self.mandates[mandate_key(ref)]
        values = {
            "body": ref["body"],
            "power": ref["power"],
            "subject": ref["subject"],
            "from": _show(ref["valid_from"]),
            "n": found,
        }
        if found == 0:
            return (
                _(
                    "Onbekend mandaat: ‘%(body)s’ heeft in ‘bodies’ geen mandaat ‘%(power)s’ "
                    "over ‘%(subject)s’ dat geldt vanaf %(from)s."
                )
                % values
            )
        if found > 1:
            return (
                _(
                    "Dit mandaat is niet eenduidig: ‘%(body)s’ heeft %(n)s mandaten "
                    "‘%(power)s’ over ‘%(subject)s’ vanaf %(from)s."
                )
                % values
            )
        return None

    def knelpunt(self, key: str | None) -> str | None:
        if key is not None and key not in self.knelpunten:
            return _("Onbekend knelpunt ‘%s’: geen knelpunt in ‘knelpunten’ heeft deze key.") % key
        return None

    def action(self, key: str | None) -> str | None:
        if key is not None and key not in self.actions:
            return _("Onbekende actie ‘%s’: geen actie in ‘actions’ heeft deze key.") % key
        return None

    def meeting(self, key: str | None) -> str | None:
        if key is None or key in self.meetings:
            return None
        if "meetings" not in self.document:
            return (
                _(
                    "Onbekende vergadering ‘%s’: dit bestand bevat geen vergaderingen (het "
                    "onderdeel ‘vergaderingen’ staat niet in ‘parts’)."
                )
                % key
            )
        return _("Onbekende vergadering ‘%s’: geen vergadering in ‘meetings’ heeft deze key.") % key

    def agenda_item(self, ref: dict | None) -> tuple[Path, str] | None:
        """``(relative path, message)`` when ``{"meeting", "item"}`` points at nothing."""
        if ref is None:
            return None
        problem = self.meeting(ref["meeting"])
        if problem:
            return ("meeting",), problem
        count = self.meetings[ref["meeting"]]
        if ref["item"] > count:
            return ("item",), _(
                "Vergadering ‘%(meeting)s’ heeft geen agendapunt %(item)s (het heeft er %(count)s)."
            ) % {"meeting": ref["meeting"], "item": ref["item"], "count": count}
        return None


def unique(
    problems: Problems,
    items: Iterable[dict],
    prefix: Path,
    field: str,
    label: str,
    key: Callable[[dict], Any] | None = None,
) -> set:
    """Report every item whose ``field`` (or ``key(item)``) was seen before; the values seen."""
    seen: set = set()
    for index, item in enumerate(items):
        value = key(item) if key else item[field]
        if value in seen:
            problems.add(
                (*prefix, index, field),
                _("%(label)s ‘%(name)s’ komt meer dan eens voor.")
                % {"label": label, "name": item[field]},
            )
        seen.add(value)
    return seen
