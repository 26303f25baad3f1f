"""The page "Meldingen": a personal page of every signed-in user."""

import pytest
from django.urls import reverse

from notifications.constants import DeliveryMode, DigestFrequency, MailKind, event_kinds
from notifications.models import DigestSetting, NotificationPreference

pytestmark = pytest.mark.django_db

URL = "/meldingen/"


def choices(frequentie=DigestFrequency.WEKELIJKS, **modes) -> dict:
    """The posted form: weekly digest, every kind direct unless given (each is required)."""
    data = {kind.value: modes.get(kind.value, DeliveryMode.DIRECT) for kind in event_kinds()}
    data["frequentie"] = frequentie
    return data


def test_the_url():
    assert reverse("notifications:settings") == URL


def test_anonymous_is_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login" in response["Location"]


def test_the_page_shows_the_address_and_the_default(client, bestuurder):
    bestuurder.email = "wethouder@gemeente.example"
    bestuurder.save(update_fields=["email"])
    client.force_login(bestuurder)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Meldingen</h1>" in html
    assert "wethouder@gemeente.example" in html
    assert 'value="direct" id="id_trekker_0" required checked' in html
    assert "U bent trekker of actiehouder geworden" in html
    assert 'href="/meldingen/" aria-current="page">Meldingen</a>' in html


def test_the_page_says_when_there_is_no_address(client, bestuurder):
    client.force_login(bestuurder)
    html = client.get(URL).content.decode()
    assert "Bij uw account staat geen e-mailadres" in html


def test_a_choice_is_saved(client, bestuurder):
    client.force_login(bestuurder)
    response = client.post(URL, choices(trekker=DeliveryMode.NIET), follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert "Uw keuzes voor meldingen zijn opgeslagen." in response.content.decode()
    pref = NotificationPreference.objects.get(user=bestuurder, kind=MailKind.TREKKER)
    assert pref.mode == DeliveryMode.NIET
    assert 'value="niet" id="id_trekker_2" required checked' in response.content.decode()
    # Back to direct: the same row changes.
    client.post(URL, choices())
    pref.refresh_from_db()
    assert pref.mode == DeliveryMode.DIRECT
    assert NotificationPreference.objects.filter(kind=MailKind.TREKKER).count() == 1


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({MailKind.TREKKER: "altijd"}, "Kies een van de mogelijkheden."),
        ({"frequentie": "maandelijks"}, "Kies een van de mogelijkheden."),
        ({"frequentie": "\x00"}, "Kies een van de mogelijkheden."),
        ({MailKind.TREKKER: "<script>"}, "Kies een van de mogelijkheden."),
        ({}, "Kies hoe u deze melding wilt ontvangen."),
    ],
)
def test_malformed_values_are_refused(client, bestuurder, data, error):
    client.force_login(bestuurder)
    response = client.post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Het formulier is niet opgeslagen" in html
    assert error in html
    assert "<script>" not in html.split("<main", 1)[-1].split("</main>")[0]
    assert not NotificationPreference.objects.exists()


def test_a_user_changes_only_their_own_choices(client, bestuurder, secretary):
    NotificationPreference.objects.create(
        user=secretary, kind=MailKind.TREKKER, mode=DeliveryMode.DIRECT
    )
    client.force_login(bestuurder)
    client.post(URL, {**choices(trekker=DeliveryMode.NIET), "user": secretary.pk})
    assert NotificationPreference.objects.get(user=secretary).mode == DeliveryMode.DIRECT
    assert (
        NotificationPreference.objects.get(user=bestuurder, kind=MailKind.TREKKER).mode
        == DeliveryMode.NIET
    )


def page_queries(client, user, django_assert_max_num_queries) -> int:
    client.get(URL)  # session and second-factor bookkeeping of the first request
    with django_assert_max_num_queries(12) as captured:
        assert client.get(URL).status_code == 200
    return len(captured.captured_queries)


def test_query_count_does_not_grow_with_data(
    client, bestuurder, region, django_assert_max_num_queries
):
    from tests.factories import UserFactory

    client.force_login(bestuurder)
    small = page_queries(client, bestuurder, django_assert_max_num_queries)
    for n in range(30):
        other = UserFactory(username=f"ander{n}", email=f"ander{n}@example.nl")
        NotificationPreference.objects.create(
            user=other, kind=MailKind.TREKKER, mode=DeliveryMode.NIET
        )
    NotificationPreference.objects.create(
        user=bestuurder, kind=MailKind.TREKKER, mode=DeliveryMode.NIET
    )
    assert page_queries(client, bestuurder, django_assert_max_num_queries) == small


def test_the_digest_frequency_and_in_het_overzicht_are_saved(client, bestuurder):
    client.force_login(bestuurder)
    html = client.get(URL).content.decode()
    assert "<legend>Overzicht per e-mail" in html
    assert 'value="wekelijks" id="id_frequentie_0" checked' in html
    assert "In het overzicht" in html
    response = client.post(
        URL, choices(frequentie=DigestFrequency.DAGELIJKS, trekker=DeliveryMode.OVERZICHT)
    )
    assert response.status_code == 302
    assert DigestSetting.objects.get(user=bestuurder).frequency == DigestFrequency.DAGELIJKS
    assert (
        NotificationPreference.objects.get(user=bestuurder, kind=MailKind.TREKKER).mode
        == DeliveryMode.OVERZICHT
    )
    html = client.get(URL).content.decode()
    assert 'value="dagelijks" id="id_frequentie_1" checked' in html


def test_in_het_overzicht_without_a_digest_is_refused(client, bestuurder):
    client.force_login(bestuurder)
    response = client.post(
        URL, choices(frequentie=DigestFrequency.UIT, trekker=DeliveryMode.OVERZICHT)
    )
    assert response.status_code == 400
    assert "U krijgt geen overzicht." in response.content.decode()
    assert not DigestSetting.objects.exists()
    # Off, with every kind direct: fine.
    assert client.post(URL, choices(frequentie=DigestFrequency.UIT)).status_code == 302
    assert DigestSetting.objects.get(user=bestuurder).frequency == DigestFrequency.UIT
