"""Permissions of the governance register (django-rules).

Every permission takes an object that belongs to a region (a Region, or anything with a
region: a body, a mandate, ...). Reading follows ``visible_region_ids``; changing is for the
region's netwerksecretaris. The permission matrix page evaluates exactly these rules.
"""

from __future__ import annotations

import rules
from django.utils.translation import gettext_lazy as _

from core.constants import Role
from core.permission_matrix import describe_permissions
from core.roles import is_staff, is_vng_advisor, roles_in, visible_region_ids


def region_id_of(obj) -> int | None:
    if obj is None:
        return None
    from governance.models import Region

    if isinstance(obj, Region):
        return obj.pk
    for attr in ("region_id", "body__region_id"):
        if hasattr(obj, attr):
            return getattr(obj, attr)
    for attr in ("body", "source", "meeting", "agenda_item", "action"):
        related = getattr(obj, attr, None)
        if related is not None:
            return region_id_of(related)
    return None


@rules.predicate
def can_read_region(user, obj) -> bool:
    if obj is None:
        return False
    ids = visible_region_ids(user)
    return ids is None or region_id_of(obj) in ids


@rules.predicate
def is_region_secretary(user, obj) -> bool:
    return Role.SECRETARY in roles_in(user, region_id_of(obj))


@rules.predicate
def is_region_participant(user, obj) -> bool:
    return Role.PARTICIPANT in roles_in(user, region_id_of(obj))


@rules.predicate
def is_functioneel_beheerder(user) -> bool:
    return is_staff(user)


@rules.predicate
def is_national_advisor(user) -> bool:
    return is_vng_advisor(user)


# Reading
rules.add_perm("governance.view_region", can_read_region)
# Region data kept by the secretary: the region itself, sub-regions, municipalities,
# themes, chosen partners, organisations and persons of the region.
rules.add_perm("governance.change_region", is_region_secretary)
rules.add_perm("governance.change_organisation", is_region_secretary)
rules.add_perm("governance.change_person", is_region_secretary)
# Frameworks (kaders: a gemeenschappelijke regeling, a convenant, a network) bodies stand in.
rules.add_perm("governance.change_framework", is_region_secretary)
# The structure: bodies and what hangs from them.
rules.add_perm("governance.add_body", is_region_secretary)
rules.add_perm("governance.change_body", is_region_secretary)
rules.add_perm("governance.end_body", is_region_secretary)
rules.add_perm("governance.change_mandate", is_region_secretary)
rules.add_perm("governance.change_membership", is_region_secretary)
rules.add_perm("governance.change_bodyrelation", is_region_secretary)
rules.add_perm("governance.change_costline", is_region_secretary)
rules.add_perm("governance.view_history", can_read_region)
# A structure finding answered as "bewust zo ingericht" (with a reason): the region's
# secretary. The answers are read by everyone who can see the checks (view_region).
rules.add_perm("governance.answer_finding", is_region_secretary)
# Exchange: the region's JSON for its secretary, VNG (which collects models) and beheer;
# importing a new region is for the functioneel beheerder.
rules.add_perm(
    "governance.export_region",
    is_region_secretary | (can_read_region & (is_national_advisor | is_functioneel_beheerder)),
)
rules.add_perm("governance.import_region", is_functioneel_beheerder)
# The spreadsheet round trip: the workbook holds the same as the JSON's structure (persons'
# contact data included), so who may export the JSON may download it; only the region's
# secretary uploads one.
rules.add_perm(
    "governance.export_workbook",
    is_region_secretary | (can_read_region & (is_national_advisor | is_functioneel_beheerder)),
)
rules.add_perm("governance.import_workbook", is_region_secretary)


# Werkagenda and meetings
@rules.predicate
def has_region_role(user, obj) -> bool:
    return bool(roles_in(user, region_id_of(obj)))


@rules.predicate
def holds_action(user, obj) -> bool:
    """The user is the action's actiehouder or its bestuurlijk trekker (via their Person)."""
    from governance.models import Action

    if not isinstance(obj, Action) or user is None or user.pk is None:
        return False
    owner = obj.owner
    if owner is not None and owner.user_id == user.pk:
        return True
    trekker = obj.trekker
    return bool(trekker and trekker.person_id and trekker.person.user_id == user.pk)


rules.add_perm("governance.change_knelpunt", is_region_secretary)
rules.add_perm("governance.change_action", is_region_secretary)
rules.add_perm("governance.move_action", is_region_secretary)
# Progress notes and the due date: the secretary, and the action's own holder or trekker.
rules.add_perm("governance.update_action", is_region_secretary | (has_region_role & holds_action))
rules.add_perm("governance.change_meeting", is_region_secretary)


# The meeting cycle
def meeting_of(obj):
    """The meeting an object belongs to (a meeting, agenda item, document, attendance line,
    minutes version), or None for anything else (a region, a body)."""
    from governance.models import AgendaItem, Document, Meeting

    if isinstance(obj, Meeting):
        return obj
    if isinstance(obj, AgendaItem):
        return obj.meeting
    if isinstance(obj, Document):
        return obj.agenda_item.meeting
    meeting = getattr(obj, "meeting", None)
    return meeting if isinstance(meeting, Meeting) else None


def _seats_on_meeting_day(user, meeting):
    """The user's memberships (through their Person) of the meeting's body on its date."""
    from django.utils import timezone

    from governance.models import Membership

    if user is None or user.pk is None or meeting is None:
        return Membership.objects.none()
    day = timezone.localdate(meeting.starts_at)
    return Membership.objects.filter(body_id=meeting.body_id, person__user=user).valid_on(day)


def _stand_in_roles(user, meeting) -> set | None:
    """The Rechten page evaluates the rules on an unsaved stand-in meeting that says which
    membership roles each (unsaved) persona holds on it: ``stand_in_seats`` {user pk: roles}.
    None for a real meeting (the database answers)."""
    seats = getattr(meeting, "stand_in_seats", None)
    if seats is None or meeting.pk is not None:
        return None
    return set(seats.get(getattr(user, "pk", None), ()))


@rules.predicate
def is_meeting_chair(user, obj) -> bool:
    """The user chairs the meeting's body on the meeting date (a voorzitter membership)."""
    from governance.constants import CHAIR_ROLES

    meeting = meeting_of(obj)
    if meeting is None:
        return False
    stand_in = _stand_in_roles(user, meeting)
    if stand_in is not None:
        return bool(stand_in & set(CHAIR_ROLES))
    return _seats_on_meeting_day(user, meeting).filter(role__in=CHAIR_ROLES).exists()


@rules.predicate
def is_meeting_member(user, obj) -> bool:
    """The user has a seat at the meeting's body on the meeting date."""
    meeting = meeting_of(obj)
    if meeting is None:
        return False
    stand_in = _stand_in_roles(user, meeting)
    if stand_in is not None:
        return bool(stand_in)
    return _seats_on_meeting_day(user, meeting).exists()


@rules.predicate
def agenda_is_out(user, obj) -> bool:
    """The meeting's agenda is definitief. True for objects without a meeting (a region): the
    question ‘may this user read stukken at all’ is then answered by the other predicates."""
    from governance.constants import AgendaState

    meeting = meeting_of(obj)
    return meeting is None or meeting.agenda_state == AgendaState.DEFINITIEF


# The agenda and its stukken: the secretary and the chair see the concept; the people of the
# region see them once the agenda is definitief. National readers (VNG) never see them.
# (agenda_is_out first: for a published agenda no query about the chair is needed.)
rules.add_perm(
    "governance.view_agenda",
    is_region_secretary | (has_region_role & (agenda_is_out | is_meeting_chair)),
)
rules.add_perm(
    "governance.view_documents",
    is_region_secretary | (has_region_role & (agenda_is_out | is_meeting_chair)),
)
rules.add_perm("governance.submit_agenda", is_region_secretary)
rules.add_perm("governance.approve_agenda", has_region_role & is_meeting_chair)
rules.add_perm("governance.record_attendance", is_region_secretary)
rules.add_perm("governance.announce_absence", has_region_role & is_meeting_member)
# Minutes and decisions: the people of the region (text), never national readers.
rules.add_perm("governance.view_minutes", has_region_role)
rules.add_perm("governance.correct_minutes", is_region_secretary)
rules.add_perm("governance.view_decisions", has_region_role)
# Personal notes: anyone of the region who may read the agenda writes their own; the views
# only ever read the signed-in user's notes.
rules.add_perm(
    "governance.write_notes",
    has_region_role & (is_region_secretary | agenda_is_out | is_meeting_chair),
)
# The health figures of a table are numbers: everyone who may read the region.
rules.add_perm("governance.view_health", can_read_region)


# Permissions about an object a user holds (their own action): the Rechten page tests them
# with a stand-in action held by each persona.
def _held_action(region, user):
    from governance.models import Action, Person

    return Action(region=region, owner=Person(region=region, user=user))


# Permissions about the persona's own seat at a meeting: a stand-in meeting of a stand-in body
# on which the persona holds the seat (see ``_stand_in_roles``). The agenda waits for the chair.
def _chaired_meeting(region, user):
    from governance.constants import AgendaState, MembershipRole
    from governance.models import Body, Meeting

    meeting = Meeting(body=Body(region=region), agenda_state=AgendaState.TER_VASTSTELLING)
    meeting.stand_in_seats = {user.pk: {MembershipRole.VOORZITTER}}
    return meeting


def _attended_meeting(region, user):
    from governance.constants import AgendaState, MembershipRole
    from governance.models import Body, Meeting

    meeting = Meeting(body=Body(region=region), agenda_state=AgendaState.DEFINITIEF)
    meeting.stand_in_seats = {user.pk: {MembershipRole.LID}}
    return meeting


# Dutch descriptions for the Rechten page (a test fails when a permission has none).
describe_permissions(
    "governance",
    {
        "governance.view_region": _("Regio, gremia, structuur en controles bekijken"),
        "governance.change_region": _(
            "Regiogegevens (ook ‘registratie sinds’ voor de structuurcontroles), subregio's, "
            "gemeenten, thema's en ketenpartners beheren"
        ),
        "governance.change_organisation": _("Organisaties van de regio beheren"),
        "governance.change_person": _("Personen (contactgegevens) beheren"),
        "governance.change_framework": _(
            "Kaders (gemeenschappelijke regeling, convenant, netwerk) vastleggen, wijzigen en "
            "verwijderen"
        ),
        "governance.add_body": _("Gremium toevoegen"),
        "governance.change_body": _("Gremium wijzigen"),
        "governance.end_body": _("Gremium opheffen (eventueel ‘gaat op in’)"),
        "governance.change_mandate": _("Mandaten toevoegen, wijzigen en beëindigen"),
        "governance.change_membership": _("Leden toevoegen, wijzigen en beëindigen"),
        "governance.change_bodyrelation": _("Relaties tussen gremia beheren"),
        "governance.change_costline": _("Kostenposten beheren"),
        "governance.view_history": _("Historie van wijzigingen bekijken"),
        "governance.answer_finding": _(
            "Bevindingen van de structuurcontrole beantwoorden als ‘bewust zo’ (met reden) en "
            "zo'n antwoord intrekken"
        ),
        "governance.export_region": _("Regio exporteren (JSON)"),
        "governance.import_region": _("Regio importeren (JSON)"),
        "governance.export_workbook": _(
            "Structuur downloaden als werkmap (XLSX) of als leeg sjabloon"
        ),
        "governance.import_workbook": _(
            "Gewijzigde werkmap (XLSX) uploaden, het voorbeeld bekijken en bevestigen"
        ),
        "governance.change_knelpunt": _("Knelpunten vastleggen en wijzigen"),
        "governance.change_action": _("Acties van de werkagenda toevoegen en wijzigen"),
        "governance.move_action": _("Acties verplaatsen tussen voorraad, actie en gereed"),
        "governance.update_action": _(
            "Voortgang en termijn van een actie bijwerken (deelnemers en bestuurders: alleen als "
            "actiehouder of trekker van die actie)"
        ),
        "governance.change_meeting": _("Vergaderingen, agenda's, uitkomsten en vergaderstukken"),
        "governance.view_documents": _(
            "Vergaderstukken lezen en downloaden (vóór verzending alleen secretaris en voorzitter)"
        ),
        "governance.view_agenda": _(
            "Agenda van een vergadering zien (vóór verzending alleen secretaris en voorzitter)"
        ),
        "governance.submit_agenda": _(
            "Agenda ter vaststelling aanbieden of met reden direct verzenden"
        ),
        "governance.approve_agenda": _(
            "Agenda vaststellen of terugsturen (alleen als voorzitter van het gremium)"
        ),
        "governance.record_attendance": _("Aanwezigheid vastleggen, gasten toevoegen"),
        "governance.announce_absence": _(
            "Zich vooraf afmelden voor een vergadering (alleen als lid van het gremium)"
        ),
        "governance.view_minutes": _("Besluitenlijst en verslag lezen"),
        "governance.correct_minutes": _("Nieuwe versie van een vastgesteld verslag maken"),
        "governance.view_decisions": _("Besluitenregister doorzoeken en exporteren"),
        "governance.write_notes": _(
            "Persoonlijke notities bij agendapunten en stukken (alleen voor de auteur zichtbaar)"
        ),
        "governance.view_health": _("Gezondheid van de tafels (cijfers) bekijken"),
    },
    stand_ins={
        "governance.update_action": _held_action,
        "governance.approve_agenda": _chaired_meeting,
        "governance.announce_absence": _attended_meeting,
    },
)
