"""Page benchmarks at national scale (issue 8), used by ``bench/run``.

For each main page: the number of queries and the median server time (the Django test
client: URL resolving, middleware, the view, its queries and its template — no network),
measured at scale 1 and at scale 10 of ``generate_national``. The same run measures two
baselines on the same stack: a trivial view (``/gezond/``, the floor) and the Django admin
changelist of the same objects where one exists.
"""

from __future__ import annotations

import os
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.loadlib import entry

#: Requests per page and measure. The time of a page is the fastest of them: on a shared
#: machine a sample is only ever slowed down by other work, so the minimum is the stable
#: estimate of a page's own cost (the median is kept in results.json as well).
REPEAT = 15
#: Pages that show every region (their work grows with the number of regions by design); the
#: goal for them is at most linear growth, for all others at most 1.2× at ten times the data.
NATIONAL_PAGES = {"vergelijking", "home (vng)"}


@dataclass
class Page:
    name: str
    persona: str
    url: str
    admin_url: str | None = None


def bench_users(region, meeting) -> dict[str, object]:
    """Users of every persona for ``region``; the bestuurder sits on ``meeting``'s body."""
    from governance.models import Person
    from zv_portal.models import RoleAssignment

    User = get_user_model()
    users = {}
    for persona, role, in_region in [
        ("secretary", "secretary", True),
        ("bestuurder", "bestuurder", True),
        ("participant", "participant", True),
        ("vng", "vng_advisor", False),
    ]:
        user, _ = User.objects.get_or_create(username=f"bench-{persona}-{region.slug}")
        RoleAssignment.objects.get_or_create(
            user=user, role=role, region=region if in_region else None
        )
        users[persona] = user
    staff, _ = User.objects.get_or_create(
        username="bench-beheerder", defaults={"is_staff": True, "is_superuser": True}
    )
    users["staff"] = staff
    seats = meeting.body.memberships.select_related("person")
    if not seats.filter(person__user=users["bestuurder"]).exists():  # not yet (a second run)
        seat = seats.filter(person__user__isnull=True).first()
        if seat is not None:
            Person.objects.filter(pk=seat.person_id).update(user=users["bestuurder"])
    return users


def main_pages(region, body, meeting) -> list[Page]:
    r = {"region": region.slug}
    return [
        *(Page(f"home ({p})", p, reverse("home")) for p in ("secretary", "bestuurder", "vng")),
        Page(
            "regio",
            "bestuurder",
            reverse("governance:region", kwargs=r),
            reverse("admin:governance_region_changelist"),
        ),
        Page(
            "gremia",
            "bestuurder",
            reverse("governance:body_list", kwargs=r),
            reverse("admin:governance_body_changelist") + f"?region__id__exact={region.pk}",
        ),
        Page("gremium", "bestuurder", reverse("governance:body", kwargs={**r, "pk": body.pk})),
        Page("structuur", "bestuurder", reverse("governance:structure", kwargs=r)),
        Page("checklist", "bestuurder", reverse("checklist:overview", kwargs=r)),
        Page("vergelijking", "vng", reverse("checklist:comparison")),
        Page(
            "werkagenda",
            "secretary",
            reverse("governance:werkagenda", kwargs=r),
            reverse("admin:governance_action_changelist") + f"?region__id__exact={region.pk}",
        ),
        Page(
            "vergadervoorbereiding",
            "bestuurder",
            reverse("meeting_preparation", kwargs={**r, "pk": meeting.pk}),
        ),
        Page("casusreflecties", "bestuurder", reverse("casereflection:reflection_list", kwargs=r)),
    ]


def _clients(users) -> dict[str, Client]:
    clients = {}
    for persona, user in users.items():
        client = Client()
        client.force_login(user)
        clients[persona] = client
    return clients


def _database_cpu() -> float | None:
    """CPU seconds used so far by the database server process of this connection: the
    PostgreSQL backend, read from ``/proc`` (server on this machine); 0.0 for SQLite, which
    runs inside this process; None when it cannot be read."""
    if connection.vendor == "sqlite":
        return 0.0
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # after the command name: state is field 3, utime and stime are fields 14 and 15
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _measure(client: Client, url: str) -> dict:
    """Queries of one request; the fastest and the median wall-clock time of ``REPEAT``
    requests; and their mean CPU time, of this process plus the database server's backend.

    Other work on the machine makes a request wait; whether it also disturbs the CPU time
    less is what recording both shows (docs/performance.md, "Noise")."""
    response = client.get(url)  # warm-up; also checks the page works
    assert response.status_code == 200, (url, response.status_code)
    # the query log is a deque of at most 9000 entries: once full, its length stops growing
    # and CaptureQueriesContext would count nothing
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    database_before = _database_cpu()
    cpu_before = time.process_time()
    samples = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        client.get(url)
        samples.append(time.perf_counter() - started)
    cpu = time.process_time() - cpu_before
    database_after = _database_cpu()
    with_database = database_before is not None and database_after is not None
    if with_database:
        cpu += database_after - database_before
    return {
        "queries": len(queries),
        "seconds": min(samples),
        "median": statistics.median(samples),
        "cpu": cpu / REPEAT,
        "cpu_with_database": with_database,
    }


def measure(pages: list[Page], users) -> dict[str, dict]:
    """Queries and times per page, its admin baseline, and the trivial view: without a
    session (the bare floor) and signed in (session and user loaded, as for every page)."""
    clients = _clients(users)
    out = {}
    for key, client in [("__floor__", Client()), ("__floor_signed_in__", clients["bestuurder"])]:
        out[key] = _measure(client, reverse("health"))
    for page in pages:
        row = {**_measure(clients[page.persona], page.url), "admin_seconds": None}
        if page.admin_url:
            admin = _measure(clients["staff"], page.admin_url)
            row["admin_queries"], row["admin_seconds"] = admin["queries"], admin["seconds"]
        out[page.name] = row
    return out


def results(scale1: dict, scale10: dict, regions: tuple[int, int]) -> list[dict]:
    """One entry per page and measure, in the shape of bench/results.json."""
    entries = []
    for key, label in [("__floor__", "triviaal"), ("__floor_signed_in__", "triviaal_ingelogd")]:
        one, ten = scale1[key]["seconds"], scale10[key]["seconds"]
        entries.append(
            entry(
                f"pagina.{label}", _ms(ten), "ms", _ms(one), round(ten / one, 2), "vloer",
                queries=scale10[key]["queries"],
            )
        )  # fmt: skip
    floor10 = scale10["__floor_signed_in__"]["seconds"]
    for name in scale1:
        if name.startswith("__"):
            continue
        one, ten = scale1[name], scale10[name]
        national = name in NATIONAL_PAGES
        goal = "<= lineair in regio's" if national else "<= 1.2"
        limit = regions[1] / regions[0] if national else 1.2
        ratio = ten["seconds"] / one["seconds"]
        queries_ratio = round(ten["queries"] / one["queries"], 2) if one["queries"] else None
        entries += [
            entry(
                f"pagina.{name}.tijd_10x_vs_1x", _ms(ten["seconds"]), "ms", _ms(one["seconds"]),
                round(ratio, 2), goal, ratio <= limit,
                median_ms=[_ms(one["median"]), _ms(ten["median"])],
            ),
            # CPU time (this process and the database backend): recorded beside the wall
            # clock to see which is steadier on a shared machine (performance.md, "Noise")
            entry(
                f"pagina.{name}.cpu_10x_vs_1x", _ms(ten["cpu"]), "ms CPU", _ms(one["cpu"]),
                round(ten["cpu"] / one["cpu"], 2),
                with_database=one["cpu_with_database"] and ten["cpu_with_database"],
            ),
            entry(
                f"pagina.{name}.queries_10x_vs_1x", ten["queries"], "queries", one["queries"],
                queries_ratio, "gelijk", ten["queries"] == one["queries"],
            ),
            entry(
                f"pagina.{name}.tijd_vs_triviaal", _ms(ten["seconds"]), "ms", _ms(floor10),
                round(ten["seconds"] / floor10, 1), baseline_name="triviale view, ingelogd",
            ),
        ]  # fmt: skip
        if ten.get("admin_seconds"):
            entries.append(
                entry(
                    f"pagina.{name}.tijd_vs_admin", _ms(ten["seconds"]), "ms",
                    _ms(ten["admin_seconds"]), round(ten["seconds"] / ten["admin_seconds"], 2),
                )
            )  # fmt: skip
    return entries


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)
