"""What ``seed_demo`` builds from the data files in demo/: the register of both demo regions,
the werkagenda and the meetings, the demo accounts; and the command itself."""

from datetime import date, timedelta
from decimal import Decimal
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from core.models import RoleAssignment
from dashboard.demo.load import demo_users
from dashboard.demo.manifest import DEMO_PASSWORD_DEFAULT, read_manifest
from governance import constants as c
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
)

from .conftest import STAMTAFEL, body, nog, seed

pytestmark = pytest.mark.django_db

User = get_user_model()
DEMO_USERNAMES = [user.username for user in read_manifest().users]

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

# The werkagenda and meetings (the use of the register; its history is dated by the loader).
WERKAGENDA_MODELS = [Knelpunt, Action, Meeting, AgendaItem]


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
    """Dates are moved to the load day, but a region that exists is not loaded again: the
    demo ages like real data."""
    seed()
    before = counts()
    later = timezone.localdate() + timedelta(days=40)
    with mock.patch("dashboard.demo.load.timezone.localdate", return_value=later):
        output = seed()
    assert counts() == before
    assert "niets gewijzigd" in output


def test_output_lists_demo_users_and_password(demo_settings):
    output = seed()
    for username in DEMO_USERNAMES:
        assert username in output
    assert DEMO_PASSWORD_DEFAULT in output
    assert "Noord- en Oost-Gelderland" in output


def test_output_names_the_local_mailbox_in_development(demo_settings):
    demo_settings.EMAIL_BACKEND = "notifications.mailbox.DevMailboxBackend"
    demo_settings.PORTAL_BASE_URL = "http://localhost:8000"
    assert "http://localhost:8000/dev/mail/" in seed()
    demo_settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert "/dev/mail/" not in seed()


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
    # one seat per municipality; since 2024 the mayor of Doetinchem chairs (two seats changed)
    assert dvo.memberships.current().exclude(municipality=None).count() == 22
    assert dvo.relations_out.filter(kind=c.RelationKind.OPHALEN).exists()

    stamtafel_costs = CostLine.objects.filter(body__name=STAMTAFEL)
    assert sum(line.estimate_eur for line in stamtafel_costs) == Decimal("74800")
    assert CostLine.objects.filter(body__region=nog()).count() == 5


def test_the_demo_shows_one_approaching_and_one_passed_evaluation(seeded):
    """The 'evalueren vóór' dates move with the load day: on any day the demo is loaded, the
    Regiegroep's evaluation is near and the mandate of the portefeuillehouder mensenhandel is
    overdue."""
    from governance.checks.run import run_checks

    today = timezone.localdate()
    regiegroep = body("Regiegroep gedwongen zorg Wvggz/Wzd")
    assert 29 <= (regiegroep.evaluate_before - today).days <= 35
    mandate = body("Portefeuillehouder mensenhandel").mandates.get()
    assert -29 <= (mandate.evaluate_before - today).days <= -23
    findings = {(f.check, f.subject) for f in run_checks(nog())}
    evaluation = {f for f in findings if f[0].startswith("evaluation_")}
    assert evaluation == {
        ("evaluation_due", f"body:{regiegroep.pk}"),
        ("evaluation_overdue", f"body:{mandate.body_id}"),
    }


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
