"""The use of the register in the demo: werkagenda, knelpunten, meetings, and the demo
accounts linked to the persons they are."""

from datetime import time, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

from dashboard.selectors.changes import region_changes_since
from governance import constants as c
from governance.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Knelpunt,
    Meeting,
    Person,
    Region,
    RegionTheme,
    Theme,
)
from governance.services.werkagenda import list_rule_errors

from .conftest import AIO, STAMTAFEL, body, nog

pytestmark = pytest.mark.django_db

User = get_user_model()


def actions(slug: str = "nog"):
    """The werkagenda demo's own actions; those the case-reflection demo adds through Stamtafel
    conclusions are tested in tests/dashboard/demo/test_reflections.py."""
    return Action.objects.filter(region__slug=slug).exclude(
        origin_note__startswith="Conclusie van de casusreflectie"
    )


# Per region: (low, high) number of actions on the voorraad-, actie- and gereedlijst.
LIST_SIZES = {"nog": [(12, 18), (12, 18), (8, 12)], "voorbeeld": [(3, 6), (4, 7), (2, 5)]}


def test_actions_on_the_three_lists(seeded):
    for slug, sizes in LIST_SIZES.items():
        check_lists(slug, sizes)


def check_lists(slug: str, sizes: list[tuple[int, int]]) -> None:
    today = timezone.localdate()
    by_list = {key: actions(slug).filter(list=key) for key in c.ActionList.values}
    for key, (low, high) in zip(c.ActionList.values, sizes, strict=True):
        assert low <= by_list[key].count() <= high, (slug, key)

    # The voorraad is mostly weighed on the three criteria; a few still wait for it.
    weighed = [a for a in by_list["voorraad"] if a.is_weighed]
    assert len(weighed) * 3 >= by_list["voorraad"].count() * 2
    assert len(weighed) < by_list["voorraad"].count()

    region = Region.objects.get(slug=slug)
    for action in by_list["actie"].select_related("trekker__person", "trekker__body"):
        coalition = list(action.coalition.all())
        assert list_rule_errors(action, coalition=coalition, on=today) == {}, action.title
        assert 1 <= len(coalition) <= 3, action.title
        assert {o.region_id for o in coalition} <= {None, region.pk}
        assert action.trekker.body.region_id == region.pk
        assert action.due_date is not None and action.owner_id is not None

    for action in by_list["gereed"]:
        assert action.closed_reason in c.ClosedReason.values, action.title
        assert action.closing_note, action.title
        assert list_rule_errors(action, coalition=[]) == {}

    assert actions(slug).overdue(today).exists()
    assert actions(slug).stale(today).filter(list=c.ActionList.ACTIE).exists()


def test_nog_closes_actions_for_every_reason_and_links_knelpunten(seeded):
    gereed = actions().filter(list=c.ActionList.GEREED)
    assert set(gereed.values_list("closed_reason", flat=True)) == set(c.ClosedReason.values)
    assert actions().filter(knelpunten__isnull=False).distinct().count() >= 25
    # One action came back from the gereedlijst, with a reason.
    back = ActionUpdate.objects.get(action__region__slug="nog", from_list=c.ActionList.GEREED)
    assert back.text and back.action.list == c.ActionList.ACTIE


def test_action_logs_look_like_months_of_use(seeded):
    today = timezone.localdate()
    secretary = User.objects.get(username="demo-secretaris")
    for action in actions().prefetch_related("updates"):
        updates = sorted(action.updates.all(), key=lambda u: (u.date, u.id))
        created = [u for u in updates if u.kind == c.ActionUpdateKind.AANGEMAAKT]
        assert len(created) == 1 and created[0].date == action.created_on, action.title
        assert all(action.created_on <= u.date <= today for u in updates), action.title
        # The latest move (or the creation, for an action created on its list) says where
        # the action is and since when.
        latest = [u for u in updates if u.to_list][-1]
        assert latest.to_list == action.list and latest.date == action.list_since, action.title

    nog_updates = ActionUpdate.objects.filter(action__region__slug="nog")
    assert nog_updates.values("date").distinct().count() > 40
    authors = set(nog_updates.values_list("author__username", flat=True))
    assert {"demo-secretaris", "demo-deelnemer", "demo-bestuurder"} <= authors
    # Each action's and knelpunt's creation is dated the day it was made (by the loader; the
    # import itself would date everything now), in the name of the system that loaded it.
    for action in actions():
        created = action.history.earliest("history_date")
        assert timezone.localdate(created.history_date) == action.created_on, action.title
    history = Action.history.filter(region__slug="nog")
    assert set(history.values_list("history_user__username", flat=True)) == {"systeem"}
    assert history.filter(history_date__date__lt=today - timedelta(days=300)).exists()
    for knelpunt in Knelpunt.objects.filter(region__slug="nog"):
        created = knelpunt.history.earliest("history_date")
        assert timezone.localdate(created.history_date) == knelpunt.signalled_on
    # The log entries were recorded on their own day.
    assert not nog_updates.exclude(created_at__date=models.F("date")).exists()
    assert secretary in {u.author for u in nog_updates.select_related("author")}


def test_knelpunten_per_theme(seeded):
    today = timezone.localdate()
    region = nog()
    themes = set(Theme.objects.filter(national_priority=True)) | {
        rt.theme for rt in RegionTheme.objects.filter(region=region)
    }
    assert len(themes) >= 4
    for theme in themes:
        count = Knelpunt.objects.filter(region=region, theme=theme).count()
        assert 1 <= count <= 3, theme.name
    knelpunten = Knelpunt.objects.filter(region=region)
    statuses = list(knelpunten.values_list("status", flat=True))
    assert statuses.count(c.KnelpuntStatus.OPEN) > len(statuses) / 2
    assert c.KnelpuntStatus.BELEGD in statuses and c.KnelpuntStatus.OPGELOST in statuses
    for knelpunt in knelpunten:
        assert today - timedelta(days=548) <= knelpunt.signalled_on <= today
        assert knelpunt.source and knelpunt.source_note
    assert Knelpunt.objects.filter(region__slug="voorbeeld").count() >= 4


def test_demo_users_are_linked_to_persons(seeded):
    region = nog()
    stamtafel = body(STAMTAFEL)

    bestuurder = Person.objects.get(region=region, user__username="demo-bestuurder")
    assert bestuurder.office in (c.Office.BURGEMEESTER, c.Office.WETHOUDER)
    assert stamtafel.memberships.current().filter(person=bestuurder).exists()
    assert actions().open().filter(trekker__person=bestuurder).count() >= 2

    deelnemer = Person.objects.get(region=region, user__username="demo-deelnemer")
    assert deelnemer.office == c.Office.AMBTELIJK
    assert body(AIO).memberships.current().filter(person=deelnemer).exists()
    assert actions().open().filter(owner=deelnemer).count() >= 3

    secretaris = Person.objects.get(region=region, user__username="demo-secretaris")
    assert (
        stamtafel.memberships.current()
        .filter(person=secretaris, role=c.MembershipRole.NETWERKSECRETARIS)
        .exists()
    )

    voorbeeld = Person.objects.get(user__username="demo-secretaris-voorbeeld")
    assert voorbeeld.region.slug == "voorbeeld"
    assert voorbeeld.memberships.filter(role=c.MembershipRole.NETWERKSECRETARIS).exists()
    for person in (bestuurder, deelnemer, secretaris, voorbeeld):
        person.full_clean()  # the account has a role in the person's region


def test_a_year_of_meetings_and_the_next_ones(seeded):
    now = timezone.now()
    year_ago = now - timedelta(days=365)
    for name in (STAMTAFEL, AIO, "Districtelijk Veiligheidsoverleg"):
        table = body(name)
        meetings = Meeting.objects.filter(body=table)
        held = meetings.held_between(year_ago, now)
        assert held.count() >= table.meeting_frequency_per_year, name
        assert not held.exclude(status=c.MeetingStatus.GEHOUDEN).exists()
        assert 2 <= meetings.upcoming(now).count() <= 3, name
        assert not meetings.upcoming(now).exclude(status=c.MeetingStatus.GEPLAND).exists()

    stamtafel = Meeting.objects.filter(body=body(STAMTAFEL))
    for meeting in stamtafel:
        start = timezone.localtime(meeting.starts_at)
        assert str(start.tzinfo) == "Europe/Amsterdam"
        assert start.weekday() == 3 and start.time() == time(13, 30)
        assert meeting.ends_at > meeting.starts_at and meeting.location
    assert Meeting.objects.filter(body__region=nog(), status=c.MeetingStatus.GEANNULEERD).exists()

    # Past agenda items carry an outcome; all three kinds occur and link to the werkagenda.
    past_items = AgendaItem.objects.filter(
        meeting__body__region=nog(), meeting__status=c.MeetingStatus.GEHOUDEN
    )
    assert past_items.count() >= 30
    assert not past_items.filter(outcome="").exists()
    assert set(past_items.values_list("kind", flat=True)) == set(c.AgendaItemKind.values)
    assert past_items.exclude(action=None).count() >= 15
    assert past_items.exclude(knelpunt=None).count() >= 8

    # Upcoming: one with an agenda, one without (the secretary home flags that).
    upcoming = Meeting.objects.filter(body__region=nog()).upcoming(now)
    assert upcoming.filter(items__isnull=False).exists()
    assert upcoming.filter(items__isnull=True).exists()
    assert stamtafel.upcoming(now).order_by("starts_at").first().items.exists()

    bnt = Meeting.objects.filter(body__region__slug="voorbeeld", body__kind=c.BodyKind.BNT)
    assert bnt.held_between(year_ago, now).exists() and bnt.upcoming(now).exists()


def test_a_decision_created_an_action(seeded):
    for slug in ("nog", "voorbeeld"):
        action = actions(slug).get(
            origin=c.ActionOrigin.VERGADERBESLUIT, origin_agenda_item__isnull=False
        )
        decision = action.origin_agenda_item
        assert decision.kind == c.AgendaItemKind.BESLUITEN and decision.outcome
        assert decision.meeting.status == c.MeetingStatus.GEHOUDEN
        assert action.created_on == timezone.localtime(decision.meeting.starts_at).date()
        assert action.list == c.ActionList.ACTIE
        assert list_rule_errors(action, coalition=action.coalition.all()) == {}


def test_right_after_loading_nothing_changed_today(seeded):
    """The history of the demo is dated when things happened, not on the load day: the
    meeting preparation's "changes since the previous meeting" lists the region's use, not the
    whole register as added today."""
    start_of_today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    for slug in ("nog", "voorbeeld"):
        changes, total = region_changes_since(Region.objects.get(slug=slug), start_of_today)
        assert (changes, total) == ([], 0), slug
    # Since the previous Stamtafel meeting: the use of the register, some of it.
    stamtafel = Meeting.objects.filter(body=body(STAMTAFEL))
    previous = stamtafel.filter(starts_at__lt=timezone.now()).order_by("-starts_at").first()
    changes, total = region_changes_since(nog(), previous.starts_at)
    assert 0 < total < 100
    assert {change.who for change in changes} <= {
        "Systeem (opdracht of import)",
        *(
            f"{u.first_name} {u.last_name}"
            for u in User.objects.filter(username__startswith="demo-")
        ),
    }
