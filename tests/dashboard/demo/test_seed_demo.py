from datetime import date, time, timedelta
from decimal import Decimal
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from core.models import RoleAssignment
from governance import constants as c
from governance.demo import DEMO_PASSWORD_DEFAULT, DEMO_USERNAMES, demo_users
from governance.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Body,
    BodyRelation,
    CostLine,
    Knelpunt,
    Mandate,
    Meeting,
    Membership,
    Municipality,
    Organisation,
    Person,
    Region,
    RegionPartner,
    RegionTheme,
    SubRegion,
    Theme,
)
from governance.services.werkagenda import list_rule_errors

pytestmark = pytest.mark.django_db

User = get_user_model()

SEEDED_MODELS = [
    Region,
    SubRegion,
    Municipality,
    Organisation,
    RegionPartner,
    RegionTheme,
    Person,
    Body,
    Mandate,
    Membership,
    BodyRelation,
    CostLine,
    RoleAssignment,
]

# The werkagenda and meetings: built through the services by the demo users, not the system.
WERKAGENDA_MODELS = [Knelpunt, Action, Meeting, AgendaItem]

STAMTAFEL = "Stamtafel zorg en veiligheid Noord- en Oost-Gelderland"
AIO = "Advies- en implementatieoverleg zorg en veiligheid"


@pytest.fixture
def demo_settings(settings, monkeypatch):
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    return settings


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def seeded(demo_settings):
    seed()


def counts() -> dict:
    result = {model.__name__: model.objects.count() for model in SEEDED_MODELS}
    result["users"] = User.objects.count()
    result["body themes"] = Body.themes.through.objects.count()
    for model in SEEDED_MODELS + WERKAGENDA_MODELS:
        result[f"history {model.__name__}"] = model.history.count()
    for model in WERKAGENDA_MODELS:
        result[model.__name__] = model.objects.count()
    result["action updates"] = ActionUpdate.objects.count()
    result["coalitions"] = Action.coalition.through.objects.count()
    result["action knelpunten"] = Action.knelpunten.through.objects.count()
    result["linked persons"] = sorted(
        Person.objects.exclude(user=None).values_list("name", "user__username")
    )
    return result


def versions() -> dict:
    return {
        model.__name__: dict(model.objects.values_list("pk", "version"))
        for model in [Body, *WERKAGENDA_MODELS]
    }


def nog() -> Region:
    return Region.objects.get(slug="nog")


def body(name: str) -> Body:
    return Body.objects.get(region__slug="nog", name=name)


def test_second_run_changes_nothing(demo_settings):
    first_output = seed()
    before = counts()
    seen = versions()
    second_output = seed()

    assert counts() == before
    assert versions() == seen
    assert "aangemaakt" in first_output
    assert "niets gewijzigd" in second_output


def test_run_on_a_later_day_adds_no_werkagenda(demo_settings):
    """Dates are relative to today, but what exists is not built again: the demo ages."""
    seed()
    before = counts()
    later = timezone.localdate() + timedelta(days=40)
    with mock.patch("governance.demo_werkagenda.timezone.localdate", return_value=later):
        output = seed()
    assert counts() == before
    assert "niets gewijzigd" in output


def test_output_lists_demo_users_and_password(demo_settings):
    output = seed()
    for username in DEMO_USERNAMES:
        assert username in output
    assert DEMO_PASSWORD_DEFAULT in output
    assert "Noord- en Oost-Gelderland" in output


def test_nog_has_22_municipalities_in_three_sub_regions(seeded):
    region = nog()
    assert region.collaboration_model == c.CollaborationModel.GEZAMENLIJK
    assert "Stamtafel" in region.collaboration_note
    by_sub_region = {
        sub.name: sorted(sub.municipalities.values_list("name", flat=True))
        for sub in region.sub_regions.all()
    }
    assert by_sub_region == {
        "Achterhoek": [
            "Aalten",
            "Berkelland",
            "Bronckhorst",
            "Doetinchem",
            "Montferland",
            "Oost Gelre",
            "Oude IJsselstreek",
            "Winterswijk",
        ],
        "Midden-IJssel/Oost-Veluwe": [
            "Apeldoorn",
            "Brummen",
            "Epe",
            "Heerde",
            "Lochem",
            "Voorst",
            "Zutphen",
        ],
        "Noord-Veluwe": [
            "Elburg",
            "Ermelo",
            "Harderwijk",
            "Hattem",
            "Nunspeet",
            "Oldebroek",
            "Putten",
        ],
    }
    assert Municipality.objects.filter(region=region).count() == 22
    assert Municipality.objects.get(region=region, name="Aalten").cbs_code == "GM0197"


def test_stamtafel_has_chair_deputy_and_network_secretary(seeded):
    stamtafel = body(STAMTAFEL)
    assert stamtafel.kind == c.BodyKind.STAMTAFEL
    assert stamtafel.level == c.Level.BESTUURLIJK
    assert stamtafel.decision_power == c.DecisionPower.AFSTEMMEND
    assert stamtafel.meeting_frequency_per_year == 4
    assert stamtafel.legal_basis_kind == c.LegalBasisKind.SAMENWERKINGSOVEREENKOMST
    assert set(stamtafel.roles) == {
        "signaleren",
        "integreren",
        "coordineren",
        "aanjagen",
        "reflecteren",
    }

    current = stamtafel.memberships.current().select_related("person")
    chair = current.get(role=c.MembershipRole.VOORZITTER)
    assert chair.person.office == c.Office.ONAFHANKELIJK
    deputy = current.get(role=c.MembershipRole.PLV_VOORZITTER)
    assert deputy.person.office in (c.Office.BURGEMEESTER, c.Office.WETHOUDER)
    secretary = current.get(role=c.MembershipRole.NETWERKSECRETARIS)
    offices = {m.person.office for m in current if m.person_id}
    assert {c.Office.BURGEMEESTER, c.Office.WETHOUDER} <= offices

    # The same person chairs the advies- en implementatieoverleg.
    aio = body("Advies- en implementatieoverleg zorg en veiligheid")
    assert aio.memberships.get(role=c.MembershipRole.VOORZITTER).person == secretary.person
    assert aio.relations_out.filter(target=stamtafel, kind=c.RelationKind.ADVISEERT).exists()


def test_stuurgroep_zvh_merged_into_stamtafel(seeded):
    stuurgroep = body("Stuurgroep Zorg- en Veiligheidshuis")
    assert stuurgroep.status == c.BodyStatus.OPGEHEVEN
    assert stuurgroep.dissolved_on is not None
    assert BodyRelation.objects.filter(
        source=stuurgroep, target=body(STAMTAFEL), kind=c.RelationKind.GAAT_OP_IN
    ).exists()


def test_periodiek_overleg_became_regiegroep_on_19_april_2022(seeded):
    periodiek = body("Periodiek overleg Wvggz/Wzd")
    regiegroep = body("Regiegroep gedwongen zorg Wvggz/Wzd")
    assert periodiek.status == c.BodyStatus.OPGEHEVEN
    assert periodiek.dissolved_on == date(2022, 4, 19)
    assert regiegroep.established_on == date(2022, 4, 19)
    assert BodyRelation.objects.filter(
        source=periodiek, target=regiegroep, kind=c.RelationKind.GAAT_OP_IN
    ).exists()

    before = set(Body.objects.filter(region=nog()).valid_on(date(2022, 4, 18)))
    after = set(Body.objects.filter(region=nog()).valid_on(date(2022, 4, 19)))
    assert periodiek in before and regiegroep not in before
    assert regiegroep in after and periodiek not in after


def test_mandates_relations_and_budget(seeded):
    vvg = body("Vergadering van Gemeenten Veilig Thuis")
    mandate = vvg.mandates.get(power=c.Power.OPDRACHTGEVERSCHAP)
    assert mandate.organisation.name.startswith("Veilig Thuis")

    ph_zvh = body("Portefeuillehouders Zorg- en Veiligheidshuis")
    holders = ph_zvh.memberships.filter(role=c.MembershipRole.PORTEFEUILLEHOUDER)
    assert {m.person.office for m in holders} == {c.Office.BURGEMEESTER, c.Office.WETHOUDER}
    assert {m.on_behalf_of_body.short_name for m in holders} == {"DVO", "VvG VT"}
    assert ph_zvh.relations_out.filter(
        target=body(STAMTAFEL), kind=c.RelationKind.VERANTWOORDING
    ).exists()

    dvo = body("Districtelijk Veiligheidsoverleg")
    assert dvo.decision_power == c.DecisionPower.BESLUITVORMEND
    assert dvo.memberships.exclude(municipality=None).count() == 22
    assert dvo.relations_out.filter(kind=c.RelationKind.OPHALEN).exists()

    stamtafel_costs = CostLine.objects.filter(body__name=STAMTAFEL)
    assert sum(line.estimate_eur for line in stamtafel_costs) == Decimal("74800")
    assert CostLine.objects.filter(body__region=nog()).count() == 5


def test_every_seeded_object_is_valid(seeded):
    for model in SEEDED_MODELS + WERKAGENDA_MODELS:
        for obj in model.objects.all():
            obj.full_clean()


def test_people_are_fictitious(seeded):
    names = " ".join(Person.objects.values_list("name", flat=True))
    assert "Otwin" not in names
    assert "van Dijk" not in names


def test_history_is_recorded_as_system_user(seeded):
    for model in SEEDED_MODELS:
        records = model.history.select_related("history_user")
        assert records.exists(), model.__name__
        assert {r.history_user.username for r in records} == {"systeem"}, model.__name__


def test_demo_users_have_roles_and_password(seeded):
    expected = {
        "demo-secretaris": ("secretary", "nog"),
        "demo-bestuurder": ("bestuurder", "nog"),
        "demo-deelnemer": ("participant", "nog"),
        "demo-vng": ("vng_advisor", None),
        "demo-secretaris-voorbeeld": ("secretary", "voorbeeld"),
    }
    for username, (role, slug) in expected.items():
        user = User.objects.get(username=username)
        assert user.first_name and user.last_name
        assert user.check_password(DEMO_PASSWORD_DEFAULT)
        assignments = list(user.role_assignments.values_list("role", "region__slug"))
        assert assignments == [(role, slug)]
        assert not user.is_staff

    admin = User.objects.get(username="demo-beheerder")
    assert admin.is_staff and admin.is_superuser
    assert admin.check_password(DEMO_PASSWORD_DEFAULT)
    assert [row[0] for row in demo_users()] == DEMO_USERNAMES


def test_password_from_environment_and_reset_on_rerun(demo_settings, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "ander-demo-wachtwoord")
    seed()
    user = User.objects.get(username="demo-secretaris")
    assert user.check_password("ander-demo-wachtwoord")

    user.set_password("iets-anders")
    user.save()
    seed()
    user.refresh_from_db()
    assert user.check_password("ander-demo-wachtwoord")


def test_voorbeeldregio_is_separate(seeded):
    region = Region.objects.get(slug="voorbeeld")
    assert region.collaboration_model == c.CollaborationModel.STUURGROEP
    assert region.sub_regions.count() == 2
    assert region.municipalities.count() == 6
    assert region.bodies.count() >= 6
    assert not Membership.objects.filter(body__region=region, person__region=nog()).exists()


def test_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", stdout=StringIO())
    assert not Region.objects.exists()


def test_force_runs_without_debug(settings, monkeypatch):
    settings.DEBUG = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    call_command("seed_demo", "--force", stdout=StringIO())
    assert Region.objects.filter(slug="nog").exists()


# --- werkagenda and meetings ------------------------------------------------------------------


def actions(slug: str = "nog"):
    """The werkagenda demo's own actions; those the case-reflection demo adds through Stamtafel
    conclusions are tested in tests/casereflection/test_demo.py."""
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
    # The history is the demo users' (dated on the day of each step), not the system's.
    history = Action.history.filter(region__slug="nog")
    assert set(history.values_list("history_user__username", flat=True)) <= {
        "demo-secretaris",
        "demo-deelnemer",
        "demo-bestuurder",
    }
    assert history.filter(history_date__date__lt=today - timedelta(days=300)).exists()
    assert Knelpunt.history.filter(history_user=secretary).exists()


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
