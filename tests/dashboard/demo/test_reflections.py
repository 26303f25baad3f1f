"""The case reflections of the demo (demo/*.reflections.json): twelve quarters of NOG
reflections in rotation, with Stamtafel conclusions that became werkagenda actions, and two
Voorbeeldregio reflections — seen from the day they are loaded, whatever day that is."""

from datetime import timedelta

import pytest
from django.db import models, transaction
from django.utils import timezone

from casereflection import followup
from casereflection.constants import CaseKind, Method, ReflectionStatus
from casereflection.models import (
    CaseReflection,
    Conclusion,
    quarter_bounds,
    quarter_of,
    shift_quarter,
)
from casereflection.privacy import find_personal_data
from casereflection.rotation import plan
from core.history import get_system_user
from dashboard.demo.load import build_demo
from dashboard.demo.manifest import read_manifest
from governance.constants import (
    ActionList,
    ActionOrigin,
    ActionUpdateKind,
    BodyKind,
    BodyStatus,
    MeetingStatus,
)
from governance.models import Action, ActionUpdate, AgendaItem, Membership, Person, Region

from .conftest import seed

pytestmark = pytest.mark.django_db

S = ReflectionStatus
# The people of NOG who join reflections of the other sub-regions, per sub-region.
POOLS = {
    "Achterhoek": ["Joost van Leeuwen", "Tim Harmsen", "Els Groenewoud", "Ruben Ter Haar"],
    "Midden-IJssel/Oost-Veluwe": [
        "Marieke Bosman",
        "Sjoerd Leemreize",
        "Rianne Pasman",
        "Wouter Nijhof",
    ],
    "Noord-Veluwe": ["Gert-Jan Westerink", "Koen Mulder", "Hanneke Vos", "Fleur Hofstede"],
}
NOG_STATES = [S.OPGEVOLGD] * 8 + [S.GECONCLUDEERD, S.AANGEBODEN, S.BESPROKEN, S.VOORBEREID]
CASE_TEXTS = ("summary", "answer_principles", "answer_administration", "answer_justice")
CASE_TEXTS += ("dilemma", "insights")


def nog_reflections() -> list[CaseReflection]:
    return list(
        CaseReflection.objects.filter(region__slug="nog")
        .order_by("year", "quarter")
        .select_related("sub_region", "facilitator")
        .prefetch_related(
            "themes",
            "organisations",
            "delegation",
            "conclusions__action",
            "conclusions__agenda_item__meeting__body",
            "conclusions__contact_administrator__person",
            "conclusions__contact_administrator__body",
        )
    )


def assert_nog_story(today) -> None:
    """Everything the demo promises for NOG, seen from ``today``."""
    region = Region.objects.get(slug="nog")
    reflections = nog_reflections()
    assert len(reflections) == 12

    # Twelve consecutive quarters ending with the current one.
    quarters = [(r.year, r.quarter) for r in reflections]
    assert quarters == [shift_quarter(*quarter_of(today), n) for n in range(-11, 1)]

    # Round robin: every sub-region four times, never twice within three quarters.
    names = [r.sub_region.name for r in reflections]
    assert sorted(set(names)) == ["Achterhoek", "Midden-IJssel/Oost-Veluwe", "Noord-Veluwe"]
    assert all(names.count(name) == 4 for name in set(names))
    assert all(len(set(names[i : i + 3])) == 3 for i in range(10))
    # The rotation planner agrees with the current quarter: no deviation, no warning.
    current = plan(region, quarters=1, today=today).quarters[0]
    assert current.reflection == reflections[-1]
    assert not current.deviates and not current.warnings
    assert not any(r.rotation_note for r in reflections)

    # Mixed kinds, never the same twice in a row; mixed methods, once another one.
    kinds = [r.case_kind for r in reflections]
    assert set(kinds) == set(CaseKind.values)
    assert all(a != b for a, b in zip(kinds, kinds[1:], strict=False))
    methods = [r.method for r in reflections]
    assert methods.count(Method.ANDERS) == 1
    assert methods.count(Method.MOREEL_BERAAD) >= 4 and methods.count(Method.SOCRATISCH) >= 4
    assert all(r.method_note for r in reflections if r.method == Method.ANDERS)

    assert [r.status for r in reflections] == NOG_STATES

    for reflection in reflections:
        reflection.full_clean()
        start, end = quarter_bounds(reflection.year, reflection.quarter)
        assert reflection.title and reflection.summary
        assert reflection.themes.all() and reflection.organisations.all()
        assert reflection.facilitator is not None
        assert reflection.facilitator.region_id == region.pk
        delegation = list(reflection.delegation.all())
        assert len(delegation) == 2 and reflection.facilitator not in delegation
        assert {p.region_id for p in delegation} == {region.pk}
        # One person of each of the other two sub-regions.
        homes = {home for p in delegation for home, pool in POOLS.items() if p.name in pool}
        assert homes == set(POOLS) - {reflection.sub_region.name}
        at_least = S.values.index(reflection.status)
        if at_least >= S.values.index(S.BESPROKEN):
            assert reflection.held_on and start <= reflection.held_on < end
            assert reflection.held_on <= today
            assert all(getattr(reflection, name) for name in CASE_TEXTS)
        else:
            assert reflection.held_on is None and reflection.planned_on >= today
        if at_least >= S.values.index(S.AANGEBODEN):
            assert reflection.proposal
            assert reflection.held_on < reflection.offered_on <= today
        else:
            assert reflection.offered_on is None and not reflection.proposal

        conclusions = list(reflection.conclusions.all())
        if at_least >= S.values.index(S.GECONCLUDEERD):
            assert 1 <= len(conclusions) <= 2
        else:
            assert conclusions == []
        for conclusion in conclusions:
            conclusion.full_clean()
            assert reflection.offered_on < conclusion.decided_on < today
            action = conclusion.action
            assert action.origin == ActionOrigin.REFLECTIE
            assert action.region_id == region.pk
            assert action.trekker_id == conclusion.contact_administrator_id
            seat = conclusion.contact_administrator
            assert seat.person.is_administrator and seat.body.status == BodyStatus.ACTIEF
            assert Membership.objects.current().filter(pk=seat.pk).exists()
            if conclusion.agenda_item is not None:
                meeting = conclusion.agenda_item.meeting
                assert meeting.body.kind == BodyKind.STAMTAFEL
                assert meeting.status == MeetingStatus.GEHOUDEN
                assert timezone.localdate(meeting.starts_at) == conclusion.decided_on

        open_actions = [c for c in conclusions if c.action.list != ActionList.GEREED]
        if reflection.status == S.OPGEVOLGD:
            assert not open_actions or reflection.follow_up_note
        if reflection.status == S.GECONCLUDEERD:
            assert open_actions  # an action still running

    opgevolgd = [r for r in reflections if r.status == S.OPGEVOLGD]
    assert sum(1 for r in opgevolgd if r.follow_up_note) == 1
    assert sum(1 for r in opgevolgd if not r.follow_up_note) == 7


def test_nog_reflections_in_rotation_with_their_follow_up(seeded):
    today = timezone.localdate()
    assert_nog_story(today)
    reflections = nog_reflections()

    # Conclusions taken at the demo's Stamtafel meetings are on their agenda.
    conclusions = Conclusion.objects.filter(reflection__region__slug="nog")
    assert conclusions.exclude(agenda_item=None).exists()
    for item in AgendaItem.objects.filter(reflection_conclusions__isnull=False).distinct():
        assert item.outcome

    # The demo werkagenda's action from the Achterhoek reflection is that conclusion's action,
    # not duplicated.
    dagbesteding = Action.objects.filter(
        region__slug="nog", title="Dagbesteding direct na klinisch ontslag"
    )
    assert dagbesteding.count() == 1
    assert dagbesteding.get().reflection_conclusion.reflection.sub_region.name == "Achterhoek"
    titles = list(
        Action.objects.filter(region__slug="nog", origin=ActionOrigin.REFLECTIE).values_list(
            "title", flat=True
        )
    )
    assert len(titles) == len(set(titles))

    # History and the actions' log are dated the day things happened: a reflection was
    # planned before its quarter, a conclusion recorded on the day it was taken.
    for reflection in reflections:
        first = reflection.history.earliest("history_date")
        start = quarter_bounds(reflection.year, reflection.quarter)[0]
        assert timezone.localdate(first.history_date) <= min(start, today)
    for conclusion in Conclusion.objects.filter(reflection__region__slug="nog"):
        assert (
            timezone.localdate(conclusion.history.earliest("history_date").history_date)
            == conclusion.decided_on
        )
        for update in conclusion.action.updates.all():
            if update.kind != ActionUpdateKind.AANGEMAAKT:
                assert conclusion.decided_on <= update.date <= today
    created_today = ActionUpdate.objects.filter(
        action__reflection_conclusion__isnull=False, date=today
    )
    assert not created_today.exists()

    # Trained gespreksleiders; the demo participant leads open reflections.
    gespreksleiders = Person.objects.filter(
        region__slug="nog", function__icontains="gespreksleider"
    )
    assert gespreksleiders.count() >= 2
    assert all(p.office == "ambtelijk" for p in gespreksleiders)
    participant = Person.objects.get(region__slug="nog", user__username="demo-deelnemer")
    assert followup.led_by(participant.user)
    assert any(r.facilitator == participant for r in reflections if r.status == S.BESPROKEN)


def test_voorbeeldregio_has_two_reflections(seeded):
    reflections = list(
        CaseReflection.objects.filter(region__slug="voorbeeld").order_by("year", "quarter")
    )
    today = timezone.localdate()
    assert [(r.year, r.quarter) for r in reflections] == [
        shift_quarter(*quarter_of(today), -1),
        quarter_of(today),
    ]
    assert [r.status for r in reflections] == [S.BESPROKEN, S.GEPLAND]
    assert reflections[0].sub_region != reflections[1].sub_region
    assert reflections[0].held_on <= today and reflections[0].facilitator is not None
    assert not Conclusion.objects.filter(reflection__region__slug="voorbeeld").exists()


def test_no_personal_data_in_any_text(seeded):
    def texts(model):
        names = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
        ]
        for row in model.objects.values_list(*names):
            yield from (value for value in row if value)

    checked = 0
    for model in (CaseReflection, Conclusion):
        for text in texts(model):
            assert find_personal_data(text) == [], text
            checked += 1
    assert checked > 150


def state() -> dict:
    return {
        "reflections": sorted(
            CaseReflection.objects.values_list(
                "region__slug", "year", "quarter", "status", "version"
            )
        ),
        "reflection_history": CaseReflection.history.count(),
        "conclusions": sorted(
            Conclusion.objects.values_list("reflection_id", "title", "action_id", "version")
        ),
        "actions": sorted(Action.objects.values_list("pk", "list", "version")),
        "action_updates": ActionUpdate.objects.count(),
        "agenda_items": sorted(AgendaItem.objects.values_list("pk", "version")),
        "persons": sorted(Person.objects.values_list("region__slug", "name", "user_id")),
    }


def test_second_run_adds_nothing_and_a_region_that_exists_is_left_alone(demo_settings):
    first = seed()
    before = state()
    assert "casusreflecties" in first and "conclusies van de Stamtafel" in first
    assert "niets gewijzigd" in seed()
    assert state() == before

    kept = (
        CaseReflection.objects.filter(region__slug="voorbeeld").order_by("year", "quarter").first()
    )
    CaseReflection.objects.filter(region__slug="voorbeeld").exclude(pk=kept.pk).delete()
    seed()
    assert list(CaseReflection.objects.filter(region__slug="voorbeeld")) == [kept]
    assert CaseReflection.objects.filter(region__slug="nog").count() == 12


class Undo(Exception):
    pass


def test_the_story_holds_on_other_days(demo_settings):
    """Loaded on another day — the first day of this quarter, the last day of the previous
    one, a day halfway through it, the peildatum of the files —, the reflections keep every
    promise: the dates move with the load day, not fixed. (Days before today, so that "held"
    is in the past for the models' own validation too.)"""
    start = quarter_bounds(*quarter_of(timezone.localdate()))[0]
    peildatum = read_manifest().peildatum
    for on in (start, start - timedelta(days=1), start - timedelta(days=45), peildatum):
        with pytest.raises(Undo), transaction.atomic():
            build_demo(user=get_system_user(), today=on)
            assert_nog_story(on)
            raise Undo
        assert not CaseReflection.objects.exists()
