"""The page "Bereikbaarheid per e-mail": who cannot be reached (no address, the last mail
refused or failed), for the secretary (their region's users) and the beheerder (all)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.constants import MailKind, MailStatus
from notifications.models import SentMail
from tests.factories import PersonFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("notifications:reachability")


def mail(user, status, *, error="", days_ago=1, key="action:1:trekker", address=None):
    at = timezone.now() - timedelta(days=days_ago)
    return SentMail.objects.create(
        recipient=user,
        address=address or user.email,
        kind=MailKind.TREKKER,
        object_key=key,
        subject="Onderwerp",
        status=status,
        last_error=error,
        attempts=1,
        last_attempt_at=at,
        sent_at=at if status == MailStatus.VERZONDEN else None,
    )


@pytest.fixture
def world(region, other_region, secretary, bestuurder):
    for user in (secretary, bestuurder):
        user.email = f"{user.username}@gemeente.example"
        user.save(update_fields=["email"])
    no_address = UserFactory(username="zonder-adres", first_name="Zara", last_name="Zonder")
    RoleFactory(user=no_address, role="participant", region=region)
    # Linked to a person of the region only (no role there); a role in the other region.
    linked = UserFactory(username="gekoppeld", email="", first_name="Guus", last_name="Koppel")
    PersonFactory(region=region, user=linked)
    RoleFactory(user=linked, role="bestuurder", region=other_region)
    refused = UserFactory(username="geweigerd", email="oud@gemeente.example")
    RoleFactory(user=refused, role="bestuurder", region=region)
    mail(refused, MailStatus.VERZONDEN, days_ago=5, key="a")
    mail(refused, MailStatus.GEWEIGERD, error="550 5.1.1 Onbekende ontvanger", key="b")
    failed = UserFactory(username="mislukt", email="vol@gemeente.example")
    RoleFactory(user=failed, role="participant", region=region)
    mail(failed, MailStatus.MISLUKT, error="SMTPServerDisconnected: Connection unexpectedly closed")
    # Refused once, delivered since: reachable again.
    recovered = UserFactory(username="hersteld", email="weer@gemeente.example")
    RoleFactory(user=recovered, role="participant", region=region)
    mail(recovered, MailStatus.GEWEIGERD, days_ago=3, error="550 vol", key="c")
    mail(recovered, MailStatus.VERZONDEN, days_ago=1, key="d")
    # Refused at an old address; the address was changed since.
    changed = UserFactory(username="gewijzigd", email="nieuw@gemeente.example")
    RoleFactory(user=changed, role="participant", region=region)
    mail(changed, MailStatus.GEWEIGERD, address="oud-adres@gemeente.example", error="550 weg")
    # Not listed: inactive; another region's user.
    inactive = UserFactory(username="inactief", is_active=False)
    RoleFactory(user=inactive, role="participant", region=region)
    elsewhere = UserFactory(username="elders")
    RoleFactory(user=elsewhere, role="participant", region=other_region)
    return locals()


def names_on(response) -> set[str]:
    return {row.user.username for row in response.context["rows"]}


def test_the_secretary_sees_the_unreachable_users_of_their_region(client, world, secretary):
    client.force_login(secretary)
    response = client.get(URL)
    assert response.status_code == 200
    assert names_on(response) == {"zonder-adres", "gekoppeld", "geweigerd", "mislukt"}
    html = response.content.decode()
    assert "<h1>Bereikbaarheid per e-mail</h1>" in html
    assert "550 5.1.1 Onbekende ontvanger" in html
    assert "Geweigerd door de mailserver" in html and "Mislukt na alle pogingen" in html
    assert "U bent trekker of actiehouder geworden" in html  # the kind of the last mail
    assert "Andere regio" not in html  # the other region of the linked user is not named
    assert "Testregio" in html
    rows = {row.user.username: row for row in response.context["rows"]}
    assert rows["geweigerd"].mail.last_error == "550 5.1.1 Onbekende ontvanger"
    assert rows["zonder-adres"].problem == "geen_adres" and rows["zonder-adres"].mail is None
    # No link to the account pages the secretary cannot open.
    assert reverse("accounts:account_detail", kwargs={"pk": world["refused"].pk}) not in html


def test_the_beheerder_sees_everyone(client, world, staff_user):
    client.force_login(staff_user)
    response = client.get(URL)
    assert names_on(response) == {
        "zonder-adres",
        "gekoppeld",
        "geweigerd",
        "mislukt",
        "elders",
        "beheerder",
    }
    html = response.content.decode()
    assert reverse("accounts:account_detail", kwargs={"pk": world["refused"].pk}) in html


def test_the_secretary_of_another_region_sees_only_theirs(client, world, other_secretary):
    client.force_login(other_secretary)
    response = client.get(URL)
    assert names_on(response) == {"gekoppeld", "elders", "secretaris-andere"}
    assert "Onbekende ontvanger" not in response.content.decode()


@pytest.mark.parametrize(
    "soort, expected",
    [
        ("geen_adres", {"zonder-adres", "gekoppeld"}),
        ("geweigerd", {"geweigerd"}),
        ("mislukt", {"mislukt"}),
        ("", {"zonder-adres", "gekoppeld", "geweigerd", "mislukt"}),
    ],
)
def test_filter_by_kind_of_problem(client, world, secretary, soort, expected):
    client.force_login(secretary)
    response = client.get(URL, {"soort": soort})
    assert response.status_code == 200
    assert names_on(response) == expected


@pytest.mark.parametrize("value", ["onzin", "geen_adres\x00", "9" * 30])
def test_a_value_not_offered_is_a_dutch_400(client, world, secretary, value):
    client.force_login(secretary)
    response = client.get(URL, {"soort": value})
    assert response.status_code == 400
    assert "Kies een van de getoonde soorten." in response.content.decode()


@pytest.mark.parametrize("persona", ["bestuurder", "participant", "vng_advisor"])
def test_others_are_refused(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize(
    "persona, shown",
    [("secretary", True), ("staff_user", True), ("bestuurder", False), ("vng_advisor", False)],
)
def test_the_menu_links_to_the_page_for_those_who_may_read_it(client, request, persona, shown):
    client.force_login(request.getfixturevalue(persona))
    html = client.get(reverse("accessibility")).content.decode()
    assert (f'href="{URL}"' in html) is shown


def _add_unreachable(region, count: int, offset: int):
    for n in range(offset, offset + count):
        user = UserFactory(username=f"extra{n}", email=f"extra{n}@gemeente.example")
        RoleFactory(user=user, role="participant", region=region)
        PersonFactory(region=region, user=user)
        mail(user, MailStatus.GEWEIGERD, error="550 onbekend", key=f"k{n}")
        bare = UserFactory(username=f"leeg{n}")
        RoleFactory(user=bare, role="bestuurder", region=region)


def test_the_number_of_queries_does_not_grow_with_the_users(
    client, world, secretary, region, django_assert_num_queries
):
    client.force_login(secretary)
    _add_unreachable(region, 2, 0)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    _add_unreachable(region, 25, 100)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert len(response.context["rows"]) == 4 + 2 * 2 + 2 * 25
