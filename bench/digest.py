"""Composing the digests of all users at national scale (notifications/digest.py).

The generated national data has people but no accounts: every person with a seat gets one
(a bestuurder role in their region, an e-mail address), and every region a secretary. Then
the digests of all of them are composed in batches of ``BATCH_SIZE`` as ``send_digests``
does (nothing is written): the queries of every batch, which must not grow with the number
of users, and the time per user against rendering the home page of a sample of the same
users (goal: ratio ≤ 1.0). The region checks run once per run and are part of the time.
"""

from __future__ import annotations

import statistics
import time

from django.contrib.auth import get_user_model
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

BATCH_SIZE = 200
#: The reads of ``compose_batch`` (with the two of the re-evaluation dates) plus the batch's
#: users: the most a batch may cost.
MAX_BATCH_QUERIES = 13
HOME_SAMPLE = 20
HOME_REQUESTS = 3


def _accounts() -> int:
    """An account for every person with a seat in a generated region, and a secretary per
    region; returns how many accounts exist (idempotent)."""
    from core.models import RoleAssignment
    from governance.models import Person, Region

    User = get_user_model()
    persons = list(
        Person.objects.filter(
            region__slug__startswith="nat-", user__isnull=True, memberships__isnull=False
        )
        .distinct()
        .only("pk", "region_id")
    )
    users = User.objects.bulk_create(
        [User(username=f"bench-lid-{p.pk}", email=f"lid{p.pk}@bench.example") for p in persons]
    )
    if users and users[0].pk is None:  # a backend that returns no keys
        users = list(User.objects.filter(username__in=[u.username for u in users]))
    by_name = {u.username: u for u in users}
    roles = []
    for person in persons:
        user = by_name[f"bench-lid-{person.pk}"]
        person.user = user
        roles.append(RoleAssignment(user=user, role="bestuurder", region_id=person.region_id))
    Person.objects.bulk_update(persons, ["user"], batch_size=1000)
    for region in Region.objects.filter(slug__startswith="nat-"):
        secretary, created = User.objects.get_or_create(
            username=f"bench-digest-secretaris-{region.slug}",
            defaults={"email": f"secretaris-{region.slug}@bench.example"},
        )
        if created:
            roles.append(RoleAssignment(user=secretary, role="secretary", region=region))
    RoleAssignment.objects.bulk_create(roles, batch_size=1000)
    return User.objects.exclude(email="").count()


def digest_vs_home() -> list[dict]:
    from bench.pages import signed_in_client
    from notifications.constants import DigestFrequency
    from notifications.digest import DigestRun, compose_batch, due_users, period_of, render

    users_total = _accounts()
    now = timezone.now().replace(hour=10)
    frequency = DigestFrequency.WEKELIJKS
    period = period_of(frequency, now)
    run = DigestRun(now=now)
    due = due_users(frequency, period)

    batch_queries = []
    composed = 0
    started = time.perf_counter()
    # The region checks, once per run (as send_digests does on its first batch that needs
    # them): part of the time, not of any batch's queries.
    from core.models import RoleAssignment
    from governance.models import Region

    for region in Region.objects.filter(
        pk__in=RoleAssignment.objects.filter(role="secretary").values("region_id")
    ):
        run.open_findings(region)
    after = 0
    while True:
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            users = list(due.filter(pk__gt=after)[:BATCH_SIZE])
            if not users:
                break
            for digest in compose_batch(users, frequency=frequency, period=period, run=run):
                if not digest.empty:
                    render(digest)
        batch_queries.append(len(queries))
        composed += len(users)
        after = users[-1].pk
    seconds = time.perf_counter() - started
    per_user = seconds / max(composed, 1)

    # The same users' home pages: a sample spread over the users, median of their requests.
    User = get_user_model()
    sample_ids = list(due.values_list("pk", flat=True))[:: max(composed // HOME_SAMPLE, 1)]
    home_times = []
    for user in User.objects.filter(pk__in=sample_ids[:HOME_SAMPLE]):
        client = signed_in_client(user)
        assert client.get(reverse("home")).status_code == 200
        for _ in range(HOME_REQUESTS):
            t = time.perf_counter()
            client.get(reverse("home"))
            home_times.append(time.perf_counter() - t)
    home = statistics.median(home_times)

    ratio = per_user / home if home else None
    return [
        {
            "name": "overzicht: queries per batch",
            "value": max(batch_queries),
            "unit": "queries",
            "baseline": min(batch_queries),
            "ratio": None,
            "goal": f"≤ {MAX_BATCH_QUERIES} per batch van {BATCH_SIZE}, elke batch "
            f"({len(batch_queries)} batches, {composed} gebruikers)",
            "ok": max(batch_queries) <= MAX_BATCH_QUERIES,
            "users": composed,
            "accounts": users_total,
            "batches": batch_queries,
        },
        {
            "name": "overzicht: tijd per gebruiker / startpagina",
            "value": round(per_user * 1000, 2),
            "unit": "ms",
            "baseline": round(home * 1000, 2),
            "ratio": round(ratio, 3) if ratio is not None else None,
            "goal": "≤ 1.0",
            "ok": ratio is not None and ratio <= 1.0,
        },
    ]
