"""Account management by the functioneel beheerder."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent, OIDCIdentity, Passkey, UserSession
from core.models import RoleAssignment
from tests.factories import RoleFactory, UserFactory

User = get_user_model()
LIST = reverse("accounts:account_list")


@pytest.fixture
def beheerder_client(staff_user):
    client = Client()
    client.force_login(staff_user)
    return client


def _ago(days: int):
    return timezone.now() - timedelta(days=days)


@pytest.mark.django_db
def test_default_list_is_new_accounts_without_role_newest_first(beheerder_client, region):
    old = UserFactory(username="oud-zonder-rol")
    User.objects.filter(pk=old.pk).update(date_joined=_ago(10))
    UserFactory(username="nieuw-zonder-rol")
    RoleFactory(user=UserFactory(username="met-rol"), region=region)
    UserFactory(username="andere-beheerder", is_staff=True)
    UserFactory(username="uit-zonder-rol", is_active=False)
    response = beheerder_client.get(LIST)
    assert response.status_code == 200
    names = [a.username for a in response.context["accounts"]]
    assert names == ["nieuw-zonder-rol", "oud-zonder-rol"]
    assert "Nieuwe accounts zonder rol" in response.content.decode()


@pytest.mark.django_db
def test_inactive_list_counts_from_last_login_or_date_joined(beheerder_client, settings):
    settings.ZV_ACCOUNT_INACTIVE_DAYS = 30
    stale = UserFactory(username="lang-weg")
    User.objects.filter(pk=stale.pk).update(last_login=_ago(31))
    never = UserFactory(username="nooit-ingelogd")
    User.objects.filter(pk=never.pk).update(last_login=None, date_joined=_ago(40))
    recent = UserFactory(username="net-ingelogd")
    User.objects.filter(pk=recent.pk).update(last_login=_ago(29))
    new = UserFactory(username="nieuw-nooit")
    User.objects.filter(pk=new.pk).update(last_login=None, date_joined=_ago(2))
    gone = UserFactory(username="al-uit", is_active=False)
    User.objects.filter(pk=gone.pk).update(last_login=_ago(100))
    response = beheerder_client.get(LIST, {"filter": "inactief"})
    names = [a.username for a in response.context["accounts"]]
    assert names == ["nooit-ingelogd", "lang-weg"]
    assert "Geselecteerde accounts deactiveren" in response.content.decode()
    gedeactiveerd = beheerder_client.get(LIST, {"filter": "gedeactiveerd"}).context["accounts"]
    assert "al-uit" in [a.username for a in gedeactiveerd]


@pytest.mark.django_db
def test_search_on_name_username_and_email(beheerder_client):
    UserFactory(username="pietje", first_name="Pieter", email="p@gemeente.nl")
    UserFactory(username="klaasje", first_name="Klaas", email="k@elders.nl")
    for q, expected in [
        ("Pieter", ["pietje"]),
        ("klaasje", ["klaasje"]),
        ("gemeente.nl", ["pietje"]),
    ]:
        response = beheerder_client.get(LIST, {"filter": "alle", "q": q})
        assert [a.username for a in response.context["accounts"]] == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["?filter=bestaat-niet", "?filter=%00", "?filter=alle&pagina=abc", "?pagina=999"]
)
def test_bad_parameters_never_500(beheerder_client, query):
    response = beheerder_client.get(LIST + query)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "Kies een van de getoonde lijsten." in response.content.decode()


def _account_with_everything(n: int, region):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = UserFactory(username=f"volledig{n}")
    RoleFactory(user=user, region=region, role="secretary")
    RoleFactory(user=user, region=region, role="bestuurder")
    OIDCIdentity.objects.create(provider="gemeente", subject=f"s{n}", user=user)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    TOTPDevice.objects.create(user=user, name="half", confirmed=False)
    Passkey.objects.create(
        user=user, name="sleutel", credential_id=f"c{n}".encode(), public_key=b"p"
    )
    return user


@pytest.mark.django_db
def test_list_queries_do_not_grow_with_accounts(beheerder_client, region):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _account_with_everything(0, region)
    beheerder_client.get(LIST + "?filter=alle")
    with CaptureQueriesContext(connection) as one:
        response = beheerder_client.get(LIST + "?filter=alle")
    row = next(a for a in response.context["accounts"] if a.username == "volledig0")
    assert row.totp_count == 1 and row.passkey_count == 1
    html = response.content.decode()
    assert "gemeente" in html and "Testregio" in html
    for n in range(1, 30):
        _account_with_everything(n, region)
    with CaptureQueriesContext(connection) as thirty:
        response = beheerder_client.get(LIST + "?filter=alle")
    assert len(response.context["accounts"]) == 31
    assert len(thirty) == len(one)


@pytest.mark.django_db
def test_deactivate_selected_accounts(
    beheerder_client, staff_user, settings, django_capture_on_commit_callbacks
):
    settings.ZV_ACCOUNT_INACTIVE_DAYS = 30
    a = UserFactory(username="weg-a")
    b = UserFactory(username="weg-b")
    keep = UserFactory(username="blijft")
    User.objects.filter(pk__in=[a.pk, b.pk, keep.pk]).update(last_login=_ago(60))
    session_client = Client()
    session_client.force_login(a)
    assert UserSession.objects.filter(user=a).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = beheerder_client.post(
            reverse("accounts:accounts_deactivate"), {"account": [a.pk, b.pk, "x"]}
        )
    assert response.status_code == 302
    assert set(User.objects.filter(is_active=False).values_list("username", flat=True)) >= {
        "weg-a",
        "weg-b",
    }
    assert User.objects.get(pk=keep.pk).is_active
    assert not UserSession.objects.filter(user=a).exists()
    assert session_client.get(reverse("home")).status_code == 302
    events = AuditEvent.objects.filter(kind="account_deactivated")
    assert sorted(e.target for e in events) == ["account weg-a", "account weg-b"]
    assert {e.user_id for e in events} == {staff_user.pk}


@pytest.mark.django_db
def test_beheerder_cannot_deactivate_themselves(beheerder_client, staff_user):
    response = beheerder_client.post(
        reverse("accounts:accounts_deactivate"), {"account": [staff_user.pk]}, follow=True
    )
    assert "U kunt uw eigen account niet deactiveren." in response.content.decode()
    staff_user.refresh_from_db()
    assert staff_user.is_active
    response = beheerder_client.post(
        reverse("accounts:account_deactivate", args=[staff_user.pk]), follow=True
    )
    assert "U kunt uw eigen account niet deactiveren." in response.content.decode()
    staff_user.refresh_from_db()
    assert staff_user.is_active


@pytest.mark.django_db
def test_post_actions_refused_without_permission(secretary, region):
    client = Client()
    client.force_login(secretary)
    target = UserFactory(username="doelwit")
    role = RoleFactory(user=target, region=region)
    for url in [
        reverse("accounts:accounts_deactivate"),
        reverse("accounts:account_deactivate", args=[target.pk]),
        reverse("accounts:account_activate", args=[target.pk]),
        reverse("accounts:role_remove", args=[target.pk, role.pk]),
        reverse("accounts:account_detail", args=[target.pk]),
    ]:
        assert client.post(url, {"account": [target.pk], "role": "secretary"}).status_code == 403
    target.refresh_from_db()
    assert target.is_active
    assert RoleAssignment.objects.filter(pk=role.pk).exists()


@pytest.mark.django_db
def test_detail_shows_account_roles_providers_sessions(beheerder_client, region):
    user = _account_with_everything(1, region)
    other = Client()
    other.force_login(user)
    response = beheerder_client.get(reverse("accounts:account_detail", args=[user.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["session_count"] == 1
    assert "gemeente" in html
    assert f"/account/beheer/{user.pk}/tweede-factor/herstellen/" in html
    assert "/account/beheer/koppelingen/" in html
    assert "Rol toekennen" in html
    assert beheerder_client.get(reverse("accounts:account_detail", args=[99999])).status_code == 404


@pytest.mark.django_db
def test_add_role_audited_with_acting_beheerder(
    beheerder_client, staff_user, region, django_capture_on_commit_callbacks
):
    user = UserFactory(username="nieuweling")
    url = reverse("accounts:account_detail", args=[user.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = beheerder_client.post(url, {"role": "secretary", "region": region.pk})
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(user=user, role="secretary", region=region).exists()
    event = AuditEvent.objects.get(kind="role_added")
    assert event.user == staff_user
    assert "nieuweling" in event.target and "Testregio" in event.target
    assert event.region_pk == region.pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"role": "secretary", "region": ""}, "region", "Kies de regio waarin deze rol geldt."),
        (
            {"role": "vng_advisor", "region": "REGION"},
            "region",
            "Een VNG-adviseur is landelijk: laat de regio leeg.",
        ),
        ({"role": "", "region": "REGION"}, "role", "Kies een rol."),
        ({"role": "koning", "region": "REGION"}, "role", None),
        ({"role": "secretary", "region": "999999"}, "region", "Kies een regio uit de lijst."),
        ({"role": "secretary", "region": "abc"}, "region", "Kies een regio uit de lijst."),
        (
            {"role": "bestuurder", "region": "REGION"},
            "region",
            "Deze gebruiker heeft deze rol al in deze regio.",
        ),
    ],
)
def test_add_role_errors_next_to_the_field(beheerder_client, region, data, field, message):
    user = UserFactory(username="fout")
    RoleFactory(user=user, region=region, role="bestuurder")
    data = {k: (str(region.pk) if v == "REGION" else v) for k, v in data.items()}
    response = beheerder_client.post(reverse("accounts:account_detail", args=[user.pk]), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    if message:
        assert form.errors[field] == [message]
    assert RoleAssignment.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_add_national_role_and_duplicate(beheerder_client):
    user = UserFactory(username="landelijk")
    url = reverse("accounts:account_detail", args=[user.pk])
    assert beheerder_client.post(url, {"role": "vng_advisor", "region": ""}).status_code == 302
    response = beheerder_client.post(url, {"role": "vng_advisor", "region": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["role"] == ["Deze gebruiker is al VNG-adviseur."]


@pytest.mark.django_db
def test_remove_role_only_of_that_account(
    beheerder_client, staff_user, region, django_capture_on_commit_callbacks
):
    user = UserFactory(username="rolhouder")
    other = UserFactory(username="ander")
    role = RoleFactory(user=user, region=region)
    other_role = RoleFactory(user=other, region=region)
    url = reverse("accounts:role_remove", args=[user.pk, other_role.pk])
    assert beheerder_client.post(url).status_code == 404
    assert RoleAssignment.objects.filter(pk=other_role.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = beheerder_client.post(reverse("accounts:role_remove", args=[user.pk, role.pk]))
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk=role.pk).exists()
    event = AuditEvent.objects.get(kind="role_removed")
    assert event.user == staff_user and "rolhouder" in event.target


@pytest.mark.django_db
def test_activate_and_deactivate_one_account(
    beheerder_client, staff_user, django_capture_on_commit_callbacks
):
    user = UserFactory(username="wisselaar")
    session_client = Client()
    session_client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        beheerder_client.post(reverse("accounts:account_deactivate", args=[user.pk]))
    user.refresh_from_db()
    assert not user.is_active
    assert session_client.get(reverse("home")).status_code == 302
    assert not UserSession.objects.filter(user=user).exists()
    with django_capture_on_commit_callbacks(execute=True):
        beheerder_client.post(reverse("accounts:account_activate", args=[user.pk]))
    user.refresh_from_db()
    assert user.is_active
    kinds = list(AuditEvent.objects.order_by("id").values_list("kind", "user_id"))
    assert kinds[-2:] == [
        ("account_deactivated", staff_user.pk),
        ("account_activated", staff_user.pk),
    ]
