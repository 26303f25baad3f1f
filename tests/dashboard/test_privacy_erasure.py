"""Erasure (AVG art. 17): afterwards the person's name and e-mail address are found nowhere —
not in any text column of any table (history, audit log and sent mails included), not in
the region export, not in the CSV exports — while the structure stays."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models.functions import Cast
from django.urls import reverse

from accounts import audit
from accounts.models import AuditEvent, OIDCIdentity, Passkey
from core.history import acting_as
from core.models import RoleAssignment
from governance.exchange.export import export_region
from governance.models import Attendance, Membership, Minutes, Person, PersonalNote
from notifications.models import DigestSetting, NotificationPreference, SentMail
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    RegionFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NAME = "Wilhelmina Zandbergen"
OLD_NAME = "Wilhelmina Zandberg"
EMAIL = "w.zandbergen@gemeente-voorbeeld.nl"
USERNAME = "wzandbergen"


def text_columns():
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed or model._meta.proxy:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField | models.JSONField):
                yield model, field


def places_holding(text: str) -> list[str]:
    """Every (table, column) whose value contains ``text`` (case-insensitive)."""
    found = []
    for model, field in text_columns():
        manager = model._base_manager
        if isinstance(field, models.JSONField):
            rows = manager.annotate(_t=Cast(field.attname, models.TextField())).filter(
                _t__icontains=text
            )
            hit = rows.exists() or any(
                text.lower() in json.dumps(value, ensure_ascii=False).lower()
                for value in manager.values_list(field.attname, flat=True)
            )
        else:
            hit = manager.filter(**{f"{field.attname}__icontains": text}).exists()
        if hit:
            found.append(f"{model._meta.db_table}.{field.column}")
    return found


@pytest.fixture
def world(region):
    """A person with an account, known under an earlier spelling, in two regions, with a seat,
    actions, a substitution, minutes, mails, settings, notes and audit lines."""
    other = RegionFactory()
    user = UserFactory(
        username=USERNAME, email=EMAIL, first_name="Wilhelmina", last_name="Zandbergen"
    )
    RoleFactory(user=user, region=region, role="bestuurder")
    RoleFactory(user=user, region=other, role="participant")
    with acting_as(user):
        person = Person.objects.create(region=region, name=OLD_NAME, email=EMAIL, user=user)
        person.name = NAME
        person.save()
    Person.objects.create(region=other, name=NAME, email=EMAIL.upper())
    body = BodyFactory(region=region)
    membership = Membership.objects.create(body=body, person=person, role="voorzitter")
    action = ActionFactory(region=region, owner=person, trekker=membership)
    with acting_as(user):
        action.description = f"Afgestemd met {NAME} ({EMAIL})."
        action.save()
    meeting = MeetingFactory(body=body)
    item = AgendaItemFactory(meeting=meeting, outcome=f"{NAME} licht toe.")
    Attendance.objects.create(
        meeting=meeting,
        membership=membership,
        status="vervangen",
        substitute_name=NAME,
        guest_name=f"gast van {NAME}",
    )
    Minutes.objects.create(
        meeting=meeting, content={"items": [{"text": f"Toelichting door {NAME}", "by": USERNAME}]}
    )
    PersonalNote.objects.create(user=user, agenda_item=item, text="mijn notitie")
    SentMail.objects.create(
        recipient=user,
        address=EMAIL,
        kind="trekker",
        object_key="action:1",
        subject=f"Beste {NAME}",
        body_text=f"Beste {NAME}, ...",
    )
    NotificationPreference.objects.create(user=user, kind="trekker", mode="uit")
    DigestSetting.objects.create(user=user)
    audit.record("login_password", user=user, target=f"account {USERNAME}")
    OIDCIdentity.objects.create(provider="test", subject="abc", user=user)
    return {
        "user": user,
        "person": person,
        "region": region,
        "membership": membership,
        "action": action,
    }


def test_erasure_leaves_the_name_nowhere(
    client, staff_user, world, secretary, django_capture_on_commit_callbacks
):
    region = world["region"]
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("privacy_person_erase", kwargs={"pk": world["person"].pk}),
            {"ground": "bezwaar", "note": f"Verzoek 2026-17 van {NAME}", "confirm": "on"},
        )
    assert response.status_code == 302, response.content.decode()[:2000]

    for text in (NAME, OLD_NAME, EMAIL, "Zandbergen"):
        assert places_holding(text) == [], text
    # the username survives only where it equals a whole value... and nowhere here
    assert AuditEvent.objects.filter(username=USERNAME).count() == 0

    person = Person.objects.get(pk=world["person"].pk)
    assert person.name.startswith("Verwijderde persoon ")
    assert person.email == ""
    # structure stays
    assert Membership.objects.filter(pk=world["membership"].pk, person=person).exists()
    assert world["action"].__class__.objects.get(pk=world["action"].pk).owner_id == person.pk
    user = get_user_model().objects.get(pk=world["user"].pk)
    assert not user.is_active and user.email == "" and not user.has_usable_password()
    assert user.username.startswith("verwijderd-")
    assert not NotificationPreference.objects.filter(user=user).exists()
    assert not DigestSetting.objects.filter(user=user).exists()
    assert not PersonalNote.objects.filter(user=user).exists()
    assert not OIDCIdentity.objects.filter(user=user).exists()
    assert not Passkey.objects.filter(user=user).exists()
    assert RoleAssignment.objects.filter(user=user).exists()  # who held a seat stays a fact
    assert SentMail.objects.filter(recipient=user).exists()
    # the erasure is logged, with the ground, without the erased data
    line = AuditEvent.objects.get(kind="person_erased")
    assert line.user == staff_user
    assert "Bezwaar" in line.detail and line.target == person.name

    # the exports
    export = json.dumps(export_region(region), ensure_ascii=False, default=str)
    for text in (NAME, EMAIL):
        assert text.lower() not in export.lower()
    client.force_login(secretary)
    csv = client.get(reverse("governance:werkagenda_csv", kwargs={"region": region.slug}))
    assert csv.status_code == 200
    assert NAME not in csv.content.decode() and person.name in csv.content.decode()
    client.force_login(staff_user)
    csv = client.get(reverse("accounts:audit_log_csv")).content.decode()
    assert NAME not in csv and EMAIL not in csv and USERNAME not in csv


def test_a_refused_erasure_changes_nothing(client, staff_user, world):
    client.force_login(staff_user)
    url = reverse("privacy_person_erase", kwargs={"pk": world["person"].pk})
    for data in (
        {"ground": "bezwaar", "note": "x"},  # not confirmed
        {"ground": "geen_grond", "note": "x", "confirm": "on"},
        {"ground": "bezwaar", "note": "x\x00", "confirm": "on"},
    ):
        response = client.post(url, data)
        assert response.status_code == 400
    assert Person.objects.filter(name=NAME).count() == 2
    assert not AuditEvent.objects.filter(kind="person_erased").exists()


def test_the_beheerder_cannot_erase_themselves(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("privacy_account_erase", kwargs={"pk": staff_user.pk}),
        {"ground": "bezwaar", "note": "x", "confirm": "on"},
    )
    assert response.status_code == 400
    assert "uzelf" in response.content.decode()
    staff_user.refresh_from_db()
    assert staff_user.is_active


def test_erasure_empties_the_cache_that_held_the_name(
    client, staff_user, world, secretary, django_capture_on_commit_callbacks
):
    """A kept page that showed the name can never be served again (the erasure's writes move
    the stamps), and the erasure also empties the cache, so the name is not left in the shared
    cache table until it ages out (issue 22)."""
    from django.core.cache import caches

    from core import cache

    region = world["region"]
    url = reverse("governance:werkagenda", kwargs={"region": region.slug})
    client.force_login(secretary)
    assert NAME in client.get(url).content.decode()
    assert client.get(url).get("X-ZV-Cache") == "hit"
    key = cache.make_key("proef", ("naam",))
    caches["default"].set(key, NAME)
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("privacy_person_erase", kwargs={"pk": world["person"].pk}),
            {"ground": "bezwaar", "note": "Verzoek 2026-18", "confirm": "on"},
        )
    assert response.status_code == 302
    assert caches["default"].get(key) is None
    client.force_login(secretary)
    page = client.get(url)
    assert page.get("X-ZV-Cache") != "hit"
    assert NAME not in page.content.decode()
