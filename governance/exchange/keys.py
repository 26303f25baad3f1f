"""Natural keys and references of the region exchange format.

Nothing in a region document is a database id. Bodies, municipalities and sub-regions are
named; persons, knelpunten, actions and meetings have a file-local ``key`` that the portal
derives from their data (the slugified name or title — for a meeting the slugified body name
and the local date —, numbered ``-1``, ``-2``, … when several give the same text);
memberships and mandates are referred to by a few of their fields.

:func:`region_keys` derives those keys for a region in the database, so that a caller can find
the objects a document refers to (the demo loader resolves its reflections file with it).
:func:`governance.exchange.import_region` returns the same maps for what it created, keyed as
in the imported file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import slugify

from governance.exchange.values import iso, org_ref
from governance.models import (
    Action,
    AgendaItem,
    Body,
    Framework,
    Knelpunt,
    Mandate,
    Meeting,
    Membership,
    Municipality,
    Organisation,
    Person,
    Region,
)

#: A membership reference as a tuple: (body name, person key or None, role, start or None).
MembershipKey = tuple[str, str | None, str, str | None, str | None]
#: A mandate reference as a tuple: (body name, power, subject, valid_from or None).
MandateKey = tuple[str, str, str, str | None]


def numbered_keys(ordered: Iterable[Any], base: Callable[[Any], str]) -> list[str]:
    """One key per object, in the given order: ``base(obj)``, or — when several objects give
    the same base — that base with ``-1``, ``-2``, … in the given order, skipping keys that
    are the unique base of another object."""
    ordered = list(ordered)
    bases = [base(obj) for obj in ordered]
    counts = Counter(bases)
    used: set[str] = {b for b in bases if counts[b] == 1}
    numbers: Counter = Counter()
    keys: list[str] = []
    for candidate in bases:
        if counts[candidate] == 1:
            keys.append(candidate)
            continue
        while True:
            numbers[candidate] += 1
            key = f"{candidate}-{numbers[candidate]}"
            if key not in used:
                break
        used.add(key)
        keys.append(key)
    return keys


def _keyed(ordered: list, base: Callable[[Any], str]) -> dict[str, Any]:
    return dict(zip(numbered_keys(ordered, base), ordered, strict=True))


# --- the order in which keys are numbered (and lists are written) ---------------------------


def person_sort_key(person: Person) -> tuple:
    org = person.organisation
    return (
        person.name,
        person.function,
        person.email,
        person.office,
        org.name if org else "",
        org is not None and org.region_id is None,
        person.pk,
    )


def knelpunt_sort_key(knelpunt: Knelpunt) -> tuple:
    return (
        knelpunt.title,
        knelpunt.theme.name,
        knelpunt.signalled_on,
        knelpunt.status,
        knelpunt.source,
        knelpunt.source_note,
        knelpunt.description,
        knelpunt.pk,
    )


def action_sort_key(action: Action) -> tuple:
    return (
        action.title,
        action.created_on,
        action.theme.name if action.theme else "",
        action.list,
        action.list_since,
        action.description,
        action.pk,
    )


def meeting_base(body_name: str, meeting: Meeting) -> str:
    day = timezone.localtime(meeting.starts_at).date()
    return f"{slugify(body_name) or 'vergadering'}-{day.isoformat()}"


def _meeting_sort_key(body_name: str, meeting: Meeting) -> tuple:
    return (
        meeting.starts_at,
        body_name,
        meeting.title,
        meeting.ends_at is not None,
        meeting.ends_at or meeting.starts_at,
        meeting.location,
        meeting.status,
        meeting.note,
        meeting.pk,
    )


def _item_sort_key(item: AgendaItem, action_key: str, knelpunt_key: str) -> tuple:
    return (
        item.order,
        item.title,
        item.kind,
        item.description,
        item.outcome,
        action_key,
        knelpunt_key,
        item.pk,
    )


# --- references ------------------------------------------------------------------------------


def membership_key(ref: dict[str, Any]) -> MembershipKey:
    """The key a membership reference looks up: its body, person, role and start, and the
    municipality when the reference names one (to tell apart seats that differ only in their
    municipality, such as the person-less municipal seats of a district table)."""
    return (ref["body"], ref["person"], ref["role"], ref["start"], ref.get("municipality"))


def seat_keys(seat: dict[str, Any]) -> list[MembershipKey]:
    """Every key under which a seat (a membership as ``{"body", "person", "role", "start",
    "municipality"}``) can be referred to: without its municipality and, when it has one,
    with it."""
    loose = (seat["body"], seat["person"], seat["role"], seat["start"], None)
    municipality = seat.get("municipality")
    return [loose] if not municipality else [loose, (*loose[:4], municipality)]


def mandate_key(ref: dict[str, Any]) -> MandateKey:
    return (ref["body"], ref["power"], ref["subject"], ref["valid_from"])


@dataclass
class RegionKeys:
    """The objects of one region under the keys and references of the exchange format.

    Every map is keyed as a document refers to the object: persons, knelpunten, actions and
    meetings by their ``key``, bodies and municipalities by name, agenda items by
    ``(meeting key, position)`` (1-based, in the meeting's ``items``), memberships and mandates
    by the tuple of their reference fields (:data:`MembershipKey`, :data:`MandateKey`; only
    references that point at exactly one object are in the map). Lists that have keys are in
    the order in which the keys were numbered, which is the order of the document.

    The look-ups from objects to references (``person_key`` and the like) are computed once,
    on first use, from the maps as they are then.
    """

    region: Region
    persons: dict[str, Person] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)
    frameworks: dict[str, Framework] = field(default_factory=dict)
    municipalities: dict[str, Municipality] = field(default_factory=dict)
    memberships: dict[MembershipKey, Membership] = field(default_factory=dict)
    mandates: dict[MandateKey, Mandate] = field(default_factory=dict)
    knelpunten: dict[str, Knelpunt] = field(default_factory=dict)
    actions: dict[str, Action] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    agenda_items: dict[tuple[str, int], AgendaItem] = field(default_factory=dict)
    #: national organisations referred to by an exported section (see :meth:`organisation_ref`)
    used_organisations: dict[int, Organisation] = field(default_factory=dict)
    #: the references (without municipality) that more than one seat shares: a reference to
    #: such a seat names its municipality (see :meth:`membership_ref`)
    _shared_seat_keys: set = field(default_factory=set)

    # -- file references to objects

    def membership(self, ref: dict[str, Any] | None) -> Membership | None:
        """The membership a ``{"body", "person", "role", "start"}`` reference points at."""
        return None if ref is None else self.memberships.get(membership_key(ref))

    def mandate(self, ref: dict[str, Any] | None) -> Mandate | None:
        """The mandate a ``{"body", "power", "subject", "valid_from"}`` reference points at."""
        return None if ref is None else self.mandates.get(mandate_key(ref))

    def agenda_item(self, ref: dict[str, Any] | None) -> AgendaItem | None:
        """The agenda item a ``{"meeting", "item"}`` reference points at."""
        return None if ref is None else self.agenda_items.get((ref["meeting"], ref["item"]))

    # -- objects (by primary key) to file references

    @staticmethod
    def _reverse(mapping: dict) -> dict[int, Any]:
        return {obj.pk: key for key, obj in mapping.items()}

    @cached_property
    def _person_keys(self) -> dict[int, str]:
        return self._reverse(self.persons)

    @cached_property
    def _body_names(self) -> dict[int, str]:
        return self._reverse(self.bodies)

    @cached_property
    def _municipality_names(self) -> dict[int, str]:
        return self._reverse(self.municipalities)

    @cached_property
    def _knelpunt_keys(self) -> dict[int, str]:
        return self._reverse(self.knelpunten)

    @cached_property
    def _action_keys(self) -> dict[int, str]:
        return self._reverse(self.actions)

    @cached_property
    def _item_refs(self) -> dict[int, tuple[str, int]]:
        return self._reverse(self.agenda_items)

    def person_key(self, pk: int | None) -> str | None:
        return None if pk is None else self._person_keys[pk]

    def body_name(self, pk: int | None) -> str | None:
        return None if pk is None else self._body_names[pk]

    def municipality_name(self, pk: int | None) -> str | None:
        return None if pk is None else self._municipality_names[pk]

    def knelpunt_key(self, pk: int | None) -> str | None:
        return None if pk is None else self._knelpunt_keys.get(pk)

    def action_key(self, pk: int | None) -> str | None:
        return None if pk is None else self._action_keys.get(pk)

    def agenda_item_ref(self, pk: int | None) -> dict[str, Any] | None:
        found = None if pk is None else self._item_refs.get(pk)
        return None if found is None else {"meeting": found[0], "item": found[1]}

    def membership_ref(self, membership: Membership | None) -> dict[str, Any] | None:
        if membership is None:
            return None
        ref = self._seat_ref(membership)
        if membership_key(ref) in self._shared_seat_keys and membership.municipality_id:
            # only the municipality tells this seat apart (format version 4)
            ref["municipality"] = self.municipality_name(membership.municipality_id)
        return ref

    def _seat_ref(self, membership: Membership) -> dict[str, Any]:
        return {
            "body": self.body_name(membership.body_id),
            "person": self.person_key(membership.person_id),
            "role": membership.role,
            "start": iso(membership.start),
        }

    def mandate_ref(self, mandate: Mandate) -> dict[str, Any]:
        return {
            "body": self.body_name(mandate.body_id),
            "power": mandate.power,
            "subject": mandate.subject,
            "valid_from": iso(mandate.valid_from),
        }

    def organisation_ref(self, organisation: Organisation | None) -> dict[str, Any] | None:
        """The reference of ``organisation``; a national one is remembered, so that the
        export lists it in ``organisations``."""
        if organisation is not None and organisation.region_id is None:
            self.used_organisations[organisation.pk] = organisation
        return org_ref(organisation)

    # -- building

    def index_memberships(self, memberships: Iterable[Membership]) -> None:
        """Fill :attr:`memberships` with the references that point at exactly one seat."""
        memberships = list(memberships)
        refs = [(m, self._seat_ref(m)) for m in memberships]
        shared = Counter(membership_key(ref) for _m, ref in refs)
        self._shared_seat_keys = {key for key, n in shared.items() if n > 1}
        self.memberships = _unambiguous(
            (key, m)
            for m, ref in refs
            for key in seat_keys({**ref, "municipality": self.municipality_name(m.municipality_id)})
        )

    def index_mandates(self, mandates: Iterable[Mandate]) -> None:
        self.mandates = _unambiguous((mandate_key(self.mandate_ref(m)), m) for m in mandates)


def _unambiguous(pairs: Iterable[tuple[tuple, Any]]) -> dict[tuple, Any]:
    pairs = list(pairs)
    counts = Counter(key for key, _obj in pairs)
    return {key: obj for key, obj in pairs if counts[key] == 1}


def key_persons(persons: Iterable[Person]) -> dict[str, Person]:
    """Persons (with their organisation loaded) by key, in the order of the document."""
    return _keyed(sorted(persons, key=person_sort_key), lambda p: slugify(p.name) or "persoon")


def key_knelpunten(knelpunten: Iterable[Knelpunt]) -> dict[str, Knelpunt]:
    return _keyed(
        sorted(knelpunten, key=knelpunt_sort_key), lambda k: slugify(k.title) or "knelpunt"
    )


def key_actions(actions: Iterable[Action]) -> dict[str, Action]:
    return _keyed(sorted(actions, key=action_sort_key), lambda a: slugify(a.title) or "actie")


def key_meetings(meetings: Iterable[Meeting], body_names: dict[int, str]) -> dict[str, Meeting]:
    ordered = sorted(meetings, key=lambda m: _meeting_sort_key(body_names[m.body_id], m))
    return _keyed(ordered, lambda m: meeting_base(body_names[m.body_id], m))


def key_agenda_items(keys: RegionKeys, items: Iterable[AgendaItem]) -> None:
    """Fill ``keys.agenda_items``: per meeting in the order of its ``items``, numbered from 1."""
    per_meeting: dict[int, list[AgendaItem]] = {}
    for item in items:
        per_meeting.setdefault(item.meeting_id, []).append(item)
    for meeting_key, meeting in keys.meetings.items():
        ordered = sorted(
            per_meeting.get(meeting.pk, []),
            key=lambda i: _item_sort_key(
                i, keys.action_key(i.action_id) or "", keys.knelpunt_key(i.knelpunt_id) or ""
            ),
        )
        for position, item in enumerate(ordered, start=1):
            keys.agenda_items[(meeting_key, position)] = item


def region_keys(region: Region, *, parts: Iterable[str] | None = None) -> RegionKeys:
    """The keys and references of ``region``'s objects, as an export would write them.

    ``parts`` limits what is read (the structure is always read): without ``werkagenda`` no
    knelpunten and actions, without ``vergaderingen`` no meetings. At most nine queries,
    however large the region.
    """
    parts = set(parts) if parts is not None else {"werkagenda", "vergaderingen"}
    keys = RegionKeys(region=region)
    keys.persons = key_persons(
        Person.objects.filter(region=region).select_related("organisation").order_by("pk")
    )
    # Bodies with their mandates and memberships, and the related objects the export of the
    # structure writes, so that it reads none of them again.
    bodies = list(
        Body.objects.filter(region=region)
        .select_related("framework")  # its name is the body's reference to it
        .order_by("name")
        .prefetch_related(
            Prefetch(
                "mandates",
                Mandate.objects.select_related("theme", "organisation").order_by("pk"),
            ),
            Prefetch(
                "memberships",
                Membership.objects.select_related(
                    "organisation", "municipality", "on_behalf_of_body"
                ).order_by("pk"),
            ),
        )
    )
    keys.bodies = {b.name: b for b in bodies}
    keys.municipalities = {
        m.name: m
        for m in Municipality.objects.filter(region=region)
        .select_related("sub_region")
        .order_by("name")
    }
    keys.index_memberships(m for b in bodies for m in b.memberships.all())
    keys.index_mandates(m for b in bodies for m in b.mandates.all())
    if "werkagenda" in parts or "vergaderingen" in parts:
        keys.knelpunten = key_knelpunten(
            Knelpunt.objects.filter(region=region).select_related("theme").order_by("pk")
        )
        keys.actions = key_actions(
            Action.objects.filter(region=region).select_related("theme").order_by("pk")
        )
    if "vergaderingen" in parts:
        names = {b.pk: name for name, b in keys.bodies.items()}
        keys.meetings = key_meetings(
            Meeting.objects.filter(body__region=region).order_by("pk"), names
        )
        key_agenda_items(
            keys, AgendaItem.objects.filter(meeting__body__region=region).order_by("pk")
        )
    return keys
