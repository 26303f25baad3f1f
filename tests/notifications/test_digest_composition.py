"""The digest's composition: the same queries for N and 3N users, and no leaks (demo data:
every role and region; no other region's names, no case text, no notes)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from casereflection.constants import CASE_TEXT_FIELDS
from casereflection.models import CaseReflection
from governance.models import Action, Body, Meeting, Person, PersonalNote, Region
from notifications.constants import DigestFrequency, MailKind
from notifications.digest import DigestRun, compose_batch, due_users, period_of, render
from notifications.models import DigestEntry, SentMail
from tests.factories import RoleFactory, UserFactory
from tests.notifications.test_digest import MONDAY, member_world

pytestmark = pytest.mark.django_db


# --- queries ---------------------------------------------------------------------------------


def compose_queries(region, secretary, n: int) -> int:
    for i in range(n):
        user = UserFactory(email=f"lid{n}-{i}@gemeente.example")
        RoleFactory(user=user, role="bestuurder", region=region)
        member_world(region, user, n=i)
        DigestEntry.objects.create(
            user=user, kind=MailKind.TREKKER, object_key=f"x:{i}", subject="Regel", url="/"
        )
    period = period_of(DigestFrequency.WEKELIJKS, MONDAY)
    users = list(due_users(DigestFrequency.WEKELIJKS, period))
    assert len(users) == n + 1
    with CaptureQueriesContext(connection) as captured:
        composed = compose_batch(
            users, frequency=DigestFrequency.WEKELIJKS, period=period, run=DigestRun(MONDAY)
        )
        for digest in composed:
            render(digest)
    assert sum(1 for d in composed if "Sinds het vorige overzicht" in render(d)["text"]) == n
    return len(captured.captured_queries)


def test_composing_costs_the_same_queries_for_n_and_3n_users(region, secretary):
    secretary.email = "secretaris@gemeente.example"
    secretary.save(update_fields=["email"])
    small = compose_queries(region, secretary, 3)
    SentMail.objects.all().delete()
    get_user_model().objects.exclude(pk=secretary.pk).delete()
    large = compose_queries(region, secretary, 9)
    assert small == large


# --- leaks -----------------------------------------------------------------------------------


def test_no_digest_of_the_demo_names_another_region_case_text_or_notes(settings):
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", verbosity=0)
    # Make every open action overdue and every meeting near, so that everything that could
    # appear does.
    Action.objects.open().update(due_date=MONDAY.date() - timedelta(days=1))
    for i, meeting in enumerate(Meeting.objects.all()):
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=MONDAY + timedelta(hours=2 + i), agenda_state="definitief"
        )
    regions = list(Region.objects.all())
    assert len(regions) >= 2
    # Every demo account gets persons with seats (and trekkerships) in every region, also
    # where it has no role: what it holds there must still not appear.
    accounts = list(get_user_model().objects.filter(username__startswith="demo-").order_by("pk"))
    for region in regions:
        linked = set(
            Person.objects.filter(region=region, user__isnull=False).values_list(
                "user_id", flat=True
            )
        )
        free = [a for a in accounts if a.pk not in linked]
        persons = (
            Person.objects.filter(region=region, user__isnull=True, memberships__isnull=False)
            .annotate(pulls=Count("memberships__trekker_of"))
            .order_by("-pulls", "pk")
        )
        for person, account in zip(persons, free, strict=False):
            person.user = account
            person.save(update_fields=["user"])
    forbidden_texts = [
        getattr(r, name)
        for r in CaseReflection.objects.all()
        for name in CASE_TEXT_FIELDS
        if isinstance(getattr(r, name, ""), str) and len(getattr(r, name, "") or "") > 12
    ] + [n.text for n in PersonalNote.objects.all() if len(n.text) > 12]
    period = period_of(DigestFrequency.WEKELIJKS, MONDAY)
    users = list(due_users(DigestFrequency.WEKELIJKS, period))
    assert {u.username for u in users} >= {"demo-secretaris", "demo-bestuurder", "demo-vng"}
    composed = compose_batch(
        users, frequency=DigestFrequency.WEKELIJKS, period=period, run=DigestRun(MONDAY)
    )
    non_empty = 0
    for digest in composed:
        own = set(digest.user._zv_roles[0])
        rendered = render(digest)
        mail = rendered["text"] + rendered["html"]
        non_empty += not digest.empty
        for region in regions:
            if region.pk in own:
                continue
            names = [region.name] + list(
                Body.objects.filter(region=region).values_list("name", flat=True)
            )
            for name in names:
                assert name not in mail, (digest.user.username, name)
            assert f"/regio/{region.slug}/" not in mail
        for text in forbidden_texts:
            assert text not in mail, digest.user.username
    assert non_empty >= 4
    by_name = {d.user.username: render(d)["text"] for d in composed}
    assert "Noord- en Oost-Gelderland" in by_name["demo-secretaris"]
    assert "Uw vergaderingen in de komende 14 dagen" in by_name["demo-bestuurder"]


def run_queries(region, n: int, settings) -> tuple[int, int]:
    """Queries of a whole ``send_digests`` run in one batch (composing and writing; the task
    deliveries are enqueued after the commit, which a test transaction never reaches) for
    ``n`` members."""
    from notifications.digest import send_digests

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    for i in range(n):
        user = UserFactory(email=f"run{n}-{i}@gemeente.example")
        RoleFactory(user=user, role="bestuurder", region=region)
        member_world(region, user, n=i)
        DigestEntry.objects.create(
            user=user, kind=MailKind.TREKKER, object_key=f"x:{i}", subject="Regel", url="/"
        )
    with CaptureQueriesContext(connection) as captured:
        outcome = send_digests(now=MONDAY, batch_size=1000)
    assert outcome.queued == n
    assert DigestEntry.objects.filter(digest__isnull=True).count() == 0
    return len(captured.captured_queries), outcome.queued


def test_a_whole_batch_writes_with_the_same_queries_for_n_and_3n_users(region, settings):
    small, _ = run_queries(region, 3, settings)
    SentMail.objects.all().delete()
    DigestEntry.objects.all().delete()
    get_user_model().objects.all().delete()
    large, _ = run_queries(region, 9, settings)
    assert small == large
