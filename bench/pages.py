"""Page benchmarks at national scale (issue 8), used by ``bench/run``.

For each main page: the number of queries and the server time (the Django test client: URL
resolving, middleware, the view, its queries and its template — no network), at scale 1 and
at scale 10 of ``generate_national``. The two scales live in two databases that are open at
the same time (``bench/twin.py``); every page is measured in alternating blocks on the one and
the other, so that the drift of a shared machine's speed falls on both sides alike. The same
run measures two baselines on the same stack: a trivial view (``/gezond/``, the floor, without
and with a session) and the Django admin changelist of the same objects where one exists.
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

from bench.loadlib.results import entry

#: Rounds per page, and timed requests per side in each round (after one to warm up the
#: connection just switched to). The time of a page is the fastest of its requests: on a
#: shared machine a sample is only ever slowed down by other work, so the minimum is the
#: steadier estimate of a page's own cost (the median is kept in results.json as well).
ROUNDS = 9
PER_ROUND = 3
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
    from core.models import RoleAssignment
    from governance.models import Person

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
        Page("besluitenregister", "bestuurder", reverse("governance:decision_register", kwargs=r)),
    ]


def signed_in_clients(users) -> dict[str, Client]:
    """A signed-in test client per persona, on the database that is the default now (the
    session lives there)."""
    return {persona: signed_in_client(user) for persona, user in users.items()}


def signed_in_client(user) -> Client:
    """A test client signed in as ``user`` with the second factor given, as every session of a
    secretary or beheerder is after sign-in (accounts.twofactor): the pages are measured in
    that steady state, not the redirect to the verification page."""
    from accounts.session_keys import SECOND_FACTOR_METHOD, SECOND_FACTOR_VERIFIED

    client = Client()
    client.force_login(user)
    session = client.session
    session[SECOND_FACTOR_VERIFIED] = True
    session[SECOND_FACTOR_METHOD] = "totp"
    session.save()
    return client


@dataclass
class Side:
    """One of the two databases of a run: its pages (URLs differ, the objects do not have the
    same keys at both scales) and its signed-in clients."""

    label: str  # "1x" / "10x", the side names of bench/twin.py
    pages: list[Page]
    clients: dict[str, Client]


def _database_cpu() -> float | None:
    """CPU seconds used so far by the database server process of this connection: the
    PostgreSQL backend, read from ``/proc`` (server on this machine); 0.0 for SQLite, which
    runs inside this process; None when it cannot be read."""
    if connection.vendor == "sqlite":
        return 0.0
    if connection.vendor != "postgresql":
        return None
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid  # known to psycopg: no query
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # after the command name: state is field 3, utime and stime are fields 14 and 15
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _count_queries(client: Client, url: str) -> int:
    response = client.get(url)  # also checks the page works on this side
    assert response.status_code == 200, (url, response.status_code)
    # the query log is a deque of at most 9000 entries: once full, its length stops growing
    # and CaptureQueriesContext would count nothing
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def _block(client: Client, url: str, requests: int) -> tuple[list[float], float, bool]:
    """One block on the current side: a request to warm up after the switch, then
    ``requests`` timed ones. Returns their times, the CPU time of this process plus the
    database backend over the block, and whether the backend's CPU could be read."""
    client.get(url)
    database_before = _database_cpu()
    cpu_before = time.process_time()
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - started)
    cpu = time.process_time() - cpu_before
    database_after = _database_cpu()
    with_database = database_before is not None and database_after is not None
    if with_database:
        cpu += database_after - database_before
    return times, cpu, with_database


def measure_pair(
    targets: dict[str, tuple[Client, str]], use, rounds: int = ROUNDS, per_round: int = PER_ROUND
) -> dict[str, dict]:
    """One URL on each side (``targets``: side -> (client, url)), measured in alternating
    blocks: ``rounds`` rounds, in each a block of ``per_round`` requests per side, the order of
    the sides swapped every round (ABBA…) so that neither side always comes first after a
    switch. ``use(side)`` makes a side's database the default.

    Per side: queries of one request, the fastest and the median request, the mean CPU time
    per request (this process and the database backend), and the fastest request of every
    round. ``paired_ratios`` (on the second side) are the per-round ratios of the two sides'
    fastest requests: a drift of the machine's speed between rounds cancels in them.
    """
    sides = list(targets)
    out: dict[str, dict] = {}
    for side in sides:
        use(side)
        client, url = targets[side]
        out[side] = {
            "queries": _count_queries(client, url),
            "times": [],
            "round_best": [],
            "cpu_total": 0.0,
            "cpu_with_database": True,
        }
    for round_no in range(rounds):
        for side in sides if round_no % 2 == 0 else reversed(sides):
            use(side)
            client, url = targets[side]
            times, cpu, with_database = _block(client, url, per_round)
            row = out[side]
            row["times"] += times
            row["round_best"].append(min(times))
            row["cpu_total"] += cpu
            row["cpu_with_database"] = row["cpu_with_database"] and with_database
    for side in sides:
        row = out[side]
        times = row.pop("times")
        row["seconds"] = min(times)
        row["median"] = statistics.median(times)
        row["cpu"] = row.pop("cpu_total") / len(times)
    if len(sides) == 2:
        first, second = (out[side]["round_best"] for side in sides)
        out[sides[1]]["paired_ratios"] = [b / a for a, b in zip(first, second, strict=True)]
    return out


def measure(sides: list[Side], use) -> tuple[dict[str, dict], dict[str, dict]]:
    """Every page of both sides, interleaved (:func:`measure_pair`), with its admin baseline,
    and the trivial view: without a session (the bare floor) and signed in (session and user
    loaded, as for every page). Returns the rows of the first and of the second side, in the
    shape :func:`results` reads."""
    one, ten = sides
    out: dict[str, dict[str, dict]] = {one.label: {}, ten.label: {}}

    def pair(key, targets):
        measured = measure_pair(targets, use)
        for label, row in measured.items():
            out[label][key] = row

    anonymous = {one.label: Client(), ten.label: Client()}
    pair("__floor__", {s.label: (anonymous[s.label], reverse("health")) for s in sides})
    pair(
        "__floor_signed_in__",
        {s.label: (s.clients["bestuurder"], reverse("health")) for s in sides},
    )
    for page_one, page_ten in zip(one.pages, ten.pages, strict=True):
        assert page_one.name == page_ten.name
        pair(
            page_one.name,
            {
                one.label: (one.clients[page_one.persona], page_one.url),
                ten.label: (ten.clients[page_ten.persona], page_ten.url),
            },
        )
        for label in out:
            out[label][page_one.name]["admin_seconds"] = None
        if page_one.admin_url:
            admin = measure_pair(
                {
                    one.label: (one.clients["staff"], page_one.admin_url),
                    ten.label: (ten.clients["staff"], page_ten.admin_url),
                },
                use,
            )
            for label, row in admin.items():
                out[label][page_one.name]["admin_queries"] = row["queries"]
                out[label][page_one.name]["admin_seconds"] = row["seconds"]
    return out[one.label], out[ten.label]


def paired_ratio(ten: dict, one: dict) -> tuple[float, list[float] | None]:
    """The 10×/1× ratio of a page and the quartiles of its rounds.

    With the rounds of an interleaved measurement: the median of the per-round ratios (each
    the fastest request at 10× over the fastest at 1× of the same round). Without them, the
    ratio of the fastest requests."""
    ratios = ten.get("paired_ratios")
    if not ratios:
        return ten["seconds"] / one["seconds"], None
    if len(ratios) == 1:
        return ratios[0], [round(ratios[0], 2)] * 2
    q1, _, q3 = statistics.quantiles(ratios, n=4, method="inclusive")
    return statistics.median(ratios), [round(q1, 2), round(q3, 2)]


def results(scale1: dict, scale10: dict, regions: tuple[int, int]) -> list[dict]:
    """One entry per page and measure, in the shape of bench/results.json."""
    entries = []
    for key, label in [("__floor__", "triviaal"), ("__floor_signed_in__", "triviaal_ingelogd")]:
        ratio, _spread = paired_ratio(scale10[key], scale1[key])
        one, ten = scale1[key]["seconds"], scale10[key]["seconds"]
        entries.append(
            entry(
                f"pagina.{label}", _ms(ten), "ms", _ms(one), round(ratio, 2), "vloer",
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
        ratio, spread = paired_ratio(ten, one)
        queries_ratio = round(ten["queries"] / one["queries"], 2) if one["queries"] else None
        entries += [
            entry(
                f"pagina.{name}.tijd_10x_vs_1x", _ms(ten["seconds"]), "ms", _ms(one["seconds"]),
                round(ratio, 2), goal, ratio <= limit,
                median_ms=[_ms(one["median"]), _ms(ten["median"])],
                rounds_quartiles=spread,
            ),
            # CPU time (this process and the database backend), measured in the same
            # interleaved blocks as the wall clock
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


def measure_cache(side: Side, seconds_of_view: dict[str, dict], requests: int = 20) -> list[dict]:
    """The page cache on one side (issue 22): per main page the fastest request served from
    the cache against the fastest served by the view (measured by :func:`measure` with the
    cache off), and the hit rate of the whole step — each page asked once to fill the cache
    and then ``requests`` times, as one viewer reading pages again before anything changed.
    Pages that are not cached (the besluitenregister) show a rate of 0."""
    from django.test import override_settings

    from core import cache

    cache.reset_stats()
    entries = []
    with override_settings(ZV_PAGE_CACHE=True):
        for page in side.pages:
            client = side.clients[page.persona]
            first = client.get(page.url)
            assert first.status_code == 200, (page.url, first.status_code)
            times, hits = [], 0
            for _ in range(requests):
                started = time.perf_counter()
                response = client.get(page.url)
                times.append(time.perf_counter() - started)
                hits += response.get("X-ZV-Cache") == "hit"
            view = seconds_of_view[page.name]["seconds"]
            entries.append(
                entry(
                    f"pagina.{page.name}.cache_vs_view", _ms(min(times)), "ms", _ms(view),
                    round(min(times) / view, 2), hits=hits, requests=requests,
                )
            )  # fmt: skip
    hit, lookups = cache.hit_rate("pagina")
    entries.append(
        entry(
            "pagina.cache.treffers", round(hit / lookups, 3) if lookups else None,
            "deel van de opvragingen", lookups=lookups, hits=hit,
        )
    )  # fmt: skip
    return entries
