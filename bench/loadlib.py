"""The parts of the load test (``bench/load``) that do not start anything.

Standard library only at import time: the HTTP client with its cookie handling, the form
reader, the workload mix, the statistics, the read-back check of the edits and the results in
the shape of ``bench/results.json``. ``discover_main`` and ``readback_main`` run in a child
process with Django set up against the load database (``bench/load`` starts them); they are
the only parts that import Django.
"""

from __future__ import annotations

import http.client
import json
import math
import random
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

# Categories of the report, in print order.
PAGES = "pagina's"
EDITS = "bewerkingen"
PDF = "PDF"
FLOOR = "triviaal"  # /gezond/ without a session: the floor of gunicorn and Django
FLOOR_SIGNED_IN = "triviaal ingelogd"  # the same view with a session: session and user loaded
FLOOR_PAGE = "lege pagina"  # the accessibility statement, signed in: the site layout, no data
FLOORS = [FLOOR, FLOOR_SIGNED_IN, FLOOR_PAGE]
CATEGORIES = [PAGES, EDITS, PDF, *FLOORS]
#: The path each floor asks for and the body it must answer (None: any body of a 200).
FLOOR_REQUESTS = {
    FLOOR: ("/gezond/", b"ok"),
    FLOOR_SIGNED_IN: ("/gezond/", b"ok"),
    FLOOR_PAGE: ("/toegankelijkheid/", None),
}
#: Name parts of the results.json entries per floor.
FLOOR_KEYS = {FLOOR: "triviaal", FLOOR_SIGNED_IN: "triviaal_ingelogd", FLOOR_PAGE: "lege_pagina"}

# Personas of the load test: (persona, demo user).
PERSONAS = [
    ("secretaris", "demo-secretaris"),
    ("bestuurder", "demo-bestuurder"),
    ("deelnemer", "demo-deelnemer"),
    ("vng", "demo-vng"),
]

# A note written by the load test starts with this, followed by the run id and a counter.
NOTE_PREFIX = "Belastingtest"

PAGE_TIMEOUT = 30.0
PDF_TIMEOUT = 90.0  # a render takes seconds, plus at most ZV_PDF_WAIT_SECONDS in the gate

# Goals of issue 8.
GOAL_THROUGHPUT_RATIO = 0.33


# --- statistics ---------------------------------------------------------------------------------


def percentile(values, p: float) -> float | None:
    """The ``p``-th percentile (0–100) with linear interpolation between the closest ranks
    (numpy's default). None for no values."""
    if not 0 <= p <= 100:
        raise ValueError(f"percentile must be between 0 and 100, got {p}")
    data = sorted(values)
    if not data:
        return None
    if len(data) == 1:
        return float(data[0])
    position = (len(data) - 1) * p / 100
    lower = math.floor(position)
    upper = math.ceil(position)
    if lower == upper:
        return float(data[lower])
    fraction = position - lower
    return data[lower] + (data[upper] - data[lower]) * fraction


def summarize(latencies) -> dict:
    """Count and p50/p95/p99/max of a list of seconds, in milliseconds."""
    data = sorted(latencies)

    def ms(value):
        return None if value is None else round(value * 1000, 1)

    return {
        "count": len(data),
        "p50_ms": ms(percentile(data, 50)),
        "p95_ms": ms(percentile(data, 95)),
        "p99_ms": ms(percentile(data, 99)),
        "max_ms": ms(data[-1]) if data else None,
    }


# --- HTML forms ---------------------------------------------------------------------------------


class _FormParser(HTMLParser):
    """Collects every <form> with its method, action and named fields (input, textarea,
    select) as a browser would submit them unchanged."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self.assets: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("href") and "stylesheet" in (a.get("rel") or ""):
            self.assets.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.assets.append(a["src"])
        if tag == "form":
            self._form = {
                "method": (a.get("method") or "get").lower(),
                "action": a.get("action") or "",
                "fields": {},
            }
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form["fields"][name] = a.get("value") or "on"
            elif kind not in ("submit", "button", "image", "reset", "file"):
                self._form["fields"][name] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self._form["fields"][name] = ""
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            value = a.get("value") or ""
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self._form["fields"][self._select] = value
                self._select_chosen = True

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select and self._form is not None:
            if not self._select_chosen and self._select_first is not None:
                self._form["fields"][self._select] = self._select_first
            self._select = None
        elif tag == "form":
            self._form = None
            self._textarea = None


def parse_html(text: str) -> _FormParser:
    parser = _FormParser()
    parser.feed(text)
    parser.close()
    return parser


def find_form(text: str, field_name: str) -> dict | None:
    """The first POST form of the page that has a field ``field_name``."""
    for form in parse_html(text).forms:
        if form["method"] == "post" and field_name in form["fields"]:
            return form
    return None


# --- HTTP client --------------------------------------------------------------------------------


class RequestFailed(Exception):
    """A request that got no usable answer (connection error, timeout, unexpected status)."""


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class Browser:
    """One user's HTTP/1.1 connection to the server under test, with its own cookies.

    A plain dict of cookies instead of ``http.cookiejar``: with DEBUG off Django marks the
    session and CSRF cookies ``Secure`` and a cookie jar does not send those over http; a
    non-browser client may (the connection never leaves the machine). Only ``127.0.0.1``
    and ``localhost`` are accepted as host.
    """

    IDLE_RECONNECT = 1.5  # gunicorn closes an idle keep-alive connection after 2 s

    def __init__(self, host: str, port: int):
        if host not in ("127.0.0.1", "localhost"):
            raise ValueError(f"the load test only talks to the local machine, not {host!r}")
        self.host, self.port = host, port
        self.origin = f"http://{host}:{port}"
        self.cookies: dict[str, str] = {}
        self._conn: http.client.HTTPConnection | None = None
        self._timeout: float | None = None
        self._last_used = 0.0

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _connection(self, timeout: float) -> tuple[http.client.HTTPConnection, bool]:
        stale = time.monotonic() - self._last_used > self.IDLE_RECONNECT
        if self._conn is not None and (stale or timeout != self._timeout):
            self.close()
        reused = self._conn is not None
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
            self._timeout = timeout
        return self._conn, reused

    def _store_cookies(self, message) -> None:
        for header in message.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def request(
        self, method: str, path: str, fields: dict | None = None, timeout: float = PAGE_TIMEOUT
    ) -> Response:
        headers = {"Host": f"{self.host}:{self.port}", "Accept": "text/html,*/*"}
        body = None
        if fields is not None:
            body = urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            conn, reused = self._connection(timeout)
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                raw = conn.getresponse()
                data = raw.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
                self.close()
                # The server closed a kept-alive connection before reading the request: a GET
                # is sent again once. A POST is never repeated (it may have been processed).
                if reused and attempt == 1 and method == "GET":
                    continue
                raise RequestFailed(f"{type(exc).__name__}: {exc}") from exc
            except TimeoutError as exc:
                self.close()
                raise RequestFailed(f"time-out na {timeout:.0f} s") from exc
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                raise RequestFailed(f"{type(exc).__name__}: {exc}") from exc
            seconds = time.perf_counter() - started
            self._last_used = time.monotonic()
            self._store_cookies(raw.msg)
            if raw.will_close:
                self.close()
            return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, data, seconds)
        raise AssertionError("unreachable")

    def get(self, path: str, timeout: float = PAGE_TIMEOUT) -> Response:
        return self.request("GET", path, timeout=timeout)

    def post(self, path: str, fields: dict, timeout: float = PAGE_TIMEOUT) -> Response:
        return self.request("POST", path, fields=fields, timeout=timeout)

    def login(self, username: str, password: str, login_path: str = "/account/login/") -> None:
        """Through the real login form: GET (CSRF cookie + token), POST, expect a redirect."""
        page = self.get(login_path)
        if page.status != 200:
            raise RequestFailed(f"inlogpagina gaf {page.status}")
        form = find_form(page.text, "username")
        if form is None:
            raise RequestFailed("geen inlogformulier op de inlogpagina")
        fields = dict(form["fields"], username=username, password=password)
        answer = self.post(form["action"] or login_path, fields)
        if answer.status != 302 or urlsplit(answer.location).path == login_path:
            raise RequestFailed(f"inloggen als {username} mislukt (status {answer.status})")
        if "sessionid" not in self.cookies:
            raise RequestFailed(f"inloggen als {username}: geen sessiecookie")


# --- workload -----------------------------------------------------------------------------------


@dataclass
class Task:
    kind: str  # "page", "edit", "pdf"
    name: str
    url: str


class PdfSlot:
    """At most one client downloads a PDF at a time, and the next download starts no sooner
    than ``interval`` seconds after the previous one ended: the share of PDFs stays small and
    bounded however long a render takes on a busy machine."""

    def __init__(self, interval: float, clock=time.monotonic):
        self.interval = interval
        self.clock = clock
        self._lock = threading.Lock()
        self._busy = False
        self._next = clock()

    def try_acquire(self, until: float | None = None) -> bool:
        with self._lock:
            now = self.clock()
            if self._busy or now < self._next:
                return False
            if until is not None and now > until:
                return False
            self._busy = True
            return True

    def release(self) -> None:
        with self._lock:
            self._busy = False
            self._next = self.clock() + self.interval

    @property
    def busy(self) -> bool:
        return self._busy


@dataclass
class Workload:
    """What each persona does. ``pages``: persona -> [(name, url)], every name equally
    likely; ``edit_urls``: the progress-form URLs of open actions (the secretary writes
    notes); ``pdfs``: [(name, url)].
    """

    pages: dict[str, list[tuple[str, str]]]
    edit_urls: list[str]
    pdfs: list[tuple[str, str]]
    edit_share: float = 0.15  # of a secretary's steps
    editors: tuple[str, ...] = ("secretaris",)
    pdf_slot: PdfSlot | None = None

    def __post_init__(self):
        # Every page *name* is equally likely; a name with several URLs (five bodies, three
        # meetings, the other regions) spreads over them.
        self._by_name: dict[str, list[tuple[str, list[str]]]] = {}
        for persona, rows in self.pages.items():
            grouped: dict[str, list[str]] = {}
            for name, url in rows:
                grouped.setdefault(name, []).append(url)
            self._by_name[persona] = list(grouped.items())

    def next_task(self, rng: random.Random, persona: str, pdf_until: float | None = None) -> Task:
        """The next step of a client of ``persona``. A PDF when the slot is free (the client
        must release it afterwards), else an edit for the editors, else a page."""
        if self.pdfs and self.pdf_slot is not None and self.pdf_slot.try_acquire(pdf_until):
            name, url = rng.choice(self.pdfs)
            return Task("pdf", name, url)
        if persona in self.editors and self.edit_urls and rng.random() < self.edit_share:
            return Task("edit", "voortgangsnotitie", rng.choice(self.edit_urls))
        name, urls = rng.choice(self._by_name[persona])
        return Task("page", name, rng.choice(urls))


def assign_personas(clients: int, personas=PERSONAS) -> list[tuple[str, str]]:
    """Client i gets persona i modulo the number of personas: every role is present as soon
    as there are as many clients as personas."""
    if clients < 1:
        raise ValueError("at least one client")
    return [personas[i % len(personas)] for i in range(clients)]


# --- recording ----------------------------------------------------------------------------------


@dataclass
class Sample:
    category: str
    name: str
    seconds: float
    ended: float  # monotonic time at the end
    ok: bool
    status: int | None = None
    rejected: bool = False  # a 503 of the PDF gate
    error: str = ""


@dataclass
class Recorder:
    samples: list[Sample] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)


def phase_summary(*windows: tuple[list[Sample], float, float]) -> dict:
    """Per category: requests, requests/s, latencies of the successful ones (ms), errors,
    rejected (503) and the most frequent error messages.

    Each window is (samples, started, deadline) of one phase; requests/s counts the requests
    that completed before their window's deadline, over the summed durations (the floor is
    measured in two halves, before and after the mixed workload).
    """
    duration = sum(deadline - started for _, started, deadline in windows)
    samples = [s for rows, _, _ in windows for s in rows]
    in_time = {id(s) for rows, _, deadline in windows for s in rows if s.ended <= deadline}
    out = {}
    for category in CATEGORIES:
        rows = [s for s in samples if s.category == category]
        if not rows:
            continue
        done_in_time = [s for s in rows if id(s) in in_time]
        ok = [s.seconds for s in rows if s.ok]
        errors = [s for s in rows if not s.ok and not s.rejected]
        messages: dict[str, int] = {}
        for s in errors:
            key = f"{s.name}: {s.error}"
            messages[key] = messages.get(key, 0) + 1
        out[category] = {
            "requests": len(rows),
            "per_second": round(len(done_in_time) / duration, 2) if duration > 0 else None,
            **summarize(ok),
            "errors": len(errors),
            "rejected_503": sum(1 for s in rows if s.rejected),
            # time spent in requests of this category over the phase (PDF: how much of the
            # run one PDF was being made)
            "busy_share": round(sum(s.seconds for s in rows) / duration, 3) if duration else None,
            "error_messages": dict(sorted(messages.items(), key=lambda kv: -kv[1])[:10]),
            "per_name": {
                name: summarize([s.seconds for s in rows if s.name == name and s.ok])
                for name in sorted({s.name for s in rows})
            },
        }
    return out


# --- read-back of the edits ---------------------------------------------------------------------


def read_back(sent: dict[str, bool], stored: list[str]) -> dict:
    """Compare the notes the load test sent with the notes found in the database.

    ``sent``: note text -> True when the server answered success (a redirect after the POST),
    False when the request failed. ``stored``: the texts of the load test's notes in the
    database (one entry per stored row). Lost: answered success, not stored. Duplicates:
    stored more than once. Unconfirmed: stored although the answer was not a success (a
    time-out, say) — not lost, but reported.
    """
    counts: dict[str, int] = {}
    for text in stored:
        counts[text] = counts.get(text, 0) + 1
    confirmed = [t for t, ok in sent.items() if ok]
    lost = sorted(t for t in confirmed if t not in counts)
    return {
        "sent": len(sent),
        "confirmed": len(confirmed),
        "stored": len(stored),
        "lost": lost,
        "duplicates": sorted(t for t, n in counts.items() if n > 1),
        "unconfirmed_but_stored": sorted(t for t, ok in sent.items() if not ok and t in counts),
        "unknown": sorted(t for t in counts if t not in sent),
    }


# --- results ------------------------------------------------------------------------------------


def entry(name, value, unit, baseline=None, ratio=None, goal="informatief", ok=None, **extra):
    entry = {
        "name": name,
        "value": value,
        "unit": unit,
        "baseline": baseline,
        "ratio": ratio,
        "goal": goal,
    }
    if ok is not None:
        entry["ok"] = ok
    entry.update(extra)
    return entry


def results(mixed: dict, floor: dict, readback: dict) -> list[dict]:
    """Entries in the shape of bench/results.json (name, value, unit, baseline, ratio, goal).

    ``mixed`` and ``floor`` are ``phase_summary`` outputs of the mixed workload and of the
    trivial view; ``readback`` is the ``read_back`` output.
    """
    entries = []
    floor_stats = floor.get(FLOOR, {})
    floor_rps = floor_stats.get("per_second") or None
    pages = mixed.get(PAGES, {})
    pages_rps = pages.get("per_second")
    ratio = round(pages_rps / floor_rps, 3) if pages_rps is not None and floor_rps else None
    entries.append(
        entry(
            "load.paginas.doorvoer_vs_triviaal",
            pages_rps,
            "req/s",
            floor_rps,
            ratio,
            f">= {GOAL_THROUGHPUT_RATIO}",
            ok=ratio is not None and ratio >= GOAL_THROUGHPUT_RATIO,
        )
    )
    entries.append(entry("load.triviaal.doorvoer", floor_rps, "req/s", goal="vloer"))
    # The other two floors: what a session costs the trivial view, and what the site layout
    # costs on top; the pages against each (docs/performance.md, "Load test").
    for category in (FLOOR_SIGNED_IN, FLOOR_PAGE):
        rps = floor.get(category, {}).get("per_second")
        if not rps:
            continue
        key = FLOOR_KEYS[category]
        entries.append(
            entry(
                f"load.{key}.doorvoer", rps, "req/s", floor_rps,
                round(rps / floor_rps, 3) if floor_rps else None, "vloer",
                baseline_name="triviaal",
            )
        )  # fmt: skip
        if pages_rps is not None:
            entries.append(
                entry(
                    f"load.paginas.doorvoer_vs_{key}", pages_rps, "req/s", rps,
                    round(pages_rps / rps, 3), baseline_name=category,
                )
            )  # fmt: skip
    for category, key in [(PAGES, "paginas"), (EDITS, "bewerkingen"), (PDF, "pdf")]:
        stats = mixed.get(category)
        if not stats:
            continue
        entries.append(entry(f"load.{key}.doorvoer", stats["per_second"], "req/s"))
        for p in ("p50", "p95", "p99"):
            base = floor_stats.get(f"{p}_ms")
            value = stats[f"{p}_ms"]
            entries.append(
                entry(
                    f"load.{key}.{p}",
                    value,
                    "ms",
                    base,
                    round(value / base, 1) if value is not None and base else None,
                )
            )
    for p in ("p50", "p95", "p99"):
        entries.append(entry(f"load.triviaal.{p}", floor_stats.get(f"{p}_ms"), "ms"))
    errors = sum(s.get("errors", 0) for s in mixed.values()) + sum(
        s.get("errors", 0) for s in floor.values()
    )
    entries.append(entry("load.fouten", errors, "requests", goal="0", ok=errors == 0))
    rejected = mixed.get(PDF, {}).get("rejected_503", 0)
    entries.append(entry("load.pdf.afgewezen_503", rejected, "requests"))
    if mixed.get(PDF):
        entries.append(entry("load.pdf.bezet", mixed[PDF]["busy_share"], "deel van de tijd"))
    lost = len(readback["lost"])
    entries.append(
        entry(
            "load.bewerkingen.verloren",
            lost,
            "notities",
            baseline=readback["confirmed"],
            goal="0",
            ok=lost == 0 and not readback["duplicates"],
            duplicates=len(readback["duplicates"]),
            unconfirmed_but_stored=len(readback["unconfirmed_but_stored"]),
        )
    )
    return entries


def format_table(mixed: dict, floor: dict, entries: list[dict]) -> str:
    lines = [
        f"{'categorie':18} {'verzoeken':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'fouten':>6} {'503':>4}"
    ]

    def fmt(value, width, digits=1):
        return f"{'—':>{width}}" if value is None else f"{value:>{width}.{digits}f}"

    rows = [(c, mixed.get(c)) for c in CATEGORIES if c not in FLOORS]
    rows += [(c, floor.get(c)) for c in FLOORS]
    for label, stats in rows:
        if not stats:
            continue
        lines.append(
            f"{label:18} {stats['requests']:>9} {fmt(stats['per_second'], 8, 2)} "
            f"{fmt(stats['p50_ms'], 8)} {fmt(stats['p95_ms'], 8)} {fmt(stats['p99_ms'], 8)} "
            f"{stats['errors']:>6} {stats['rejected_503']:>4}"
        )
    lines.append("")
    lines.append(f"{'meting':40} {'waarde':>10} {'basis':>10} {'ratio':>7}  doel")
    for e in entries:
        value = "—" if e["value"] is None else f"{e['value']}"
        base = "—" if e["baseline"] is None else f"{e['baseline']}"
        ratio = "—" if e["ratio"] is None else f"{e['ratio']}"
        mark = "" if "ok" not in e else ("  ok" if e["ok"] else "  NIET GEHAALD")
        lines.append(
            f"{e['name']:40} {value + ' ' + e['unit']:>10} {base:>10} {ratio:>7}  {e['goal']}{mark}"
        )
    return "\n".join(lines)


# --- child-process entry points (Django) ---------------------------------------------------------

BODIES = 5
MEETINGS = 3
ACTIONS = 40
NATIONAL_REGIONS = 10


def discover_main() -> None:
    """Print, as JSON, the URLs of the workload for the demo region and the demo password.

    Runs with DJANGO_SETTINGS_MODULE and DATABASE_URL of the load database.
    """
    import django

    django.setup()
    from django.db.models import Count, Q
    from django.urls import reverse
    from django.utils import timezone

    from governance.constants import ActionList
    from governance.demo import demo_password
    from governance.models import Action, Body, Meeting, Region

    region = Region.objects.get(slug="nog")
    r = {"region": region.slug}
    bodies = list(
        Body.objects.filter(region=region, dissolved_on__isnull=True)
        .annotate(n=Count("memberships"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)[:BODIES]
    )
    now = timezone.now()
    meetings = list(
        Meeting.objects.filter(body__region=region, starts_at__gte=now)
        .order_by("starts_at")
        .values_list("pk", flat=True)[:MEETINGS]
    ) or list(
        Meeting.objects.filter(body__region=region)
        .order_by("-starts_at")
        .values_list("pk", flat=True)[:MEETINGS]
    )
    actions = list(
        Action.objects.filter(region=region)
        .filter(~Q(list=ActionList.GEREED))
        .order_by("pk")
        .values_list("pk", flat=True)[:ACTIONS]
    )
    regional = [
        ("regio", reverse("governance:region", kwargs=r)),
        ("gremia", reverse("governance:body_list", kwargs=r)),
        *(("gremium", reverse("governance:body", kwargs={**r, "pk": pk})) for pk in bodies),
        ("structuur", reverse("governance:structure", kwargs=r)),
        ("checklist", reverse("checklist:overview", kwargs=r)),
        ("werkagenda", reverse("governance:werkagenda", kwargs=r)),
        *(
            ("vergadervoorbereiding", reverse("meeting_preparation", kwargs={**r, "pk": pk}))
            for pk in meetings
        ),
        ("casusreflecties", reverse("casereflection:reflection_list", kwargs=r)),
    ]
    home = reverse("home")
    national = list(
        Region.objects.exclude(pk=region.pk).order_by("slug").values_list("slug", flat=True)
    )
    # The VNG advisor reads every region: the overview, checklist and werkagenda of the
    # others (the generated ones, when generate_national ran).
    national_pages = [
        (f"{name} (landelijk)", reverse(view, kwargs={"region": slug}))
        for slug in national[:NATIONAL_REGIONS]
        for name, view in [
            ("regio", "governance:region"),
            ("checklist", "checklist:overview"),
            ("werkagenda", "governance:werkagenda"),
        ]
    ]
    pages = {
        "secretaris": [("home (secretaris)", home), *regional],
        "bestuurder": [("home (bestuurder)", home), *regional],
        "deelnemer": [("home (deelnemer)", home), *regional],
        "vng": [
            ("home (vng)", home),
            ("vergelijking", reverse("checklist:comparison")),
            *regional,
            *national_pages,
        ],
    }
    pdfs = [
        ("werkagenda.pdf", reverse("reports:werkagenda_pdf", kwargs=r)),
        ("voortgang.pdf", reverse("reports:voortgang_pdf", kwargs=r)),
        ("structuur.pdf", reverse("reports:structuur_pdf", kwargs=r)),
        *(
            (
                "vergadervoorbereiding.pdf",
                reverse("reports:voorbereiding_pdf", kwargs={**r, "pk": pk}),
            )
            for pk in meetings[:1]
        ),
    ]
    edit_urls = [reverse("governance:action_progress", kwargs={**r, "pk": pk}) for pk in actions]
    counts = {
        "regions": Region.objects.count(),
        "bodies": Body.objects.count(),
        "actions": Action.objects.count(),
        "meetings": Meeting.objects.count(),
    }
    print(
        json.dumps(
            {
                "password": demo_password(),
                "pages": pages,
                "pdfs": pdfs,
                "edit_urls": edit_urls,
                "counts": counts,
            }
        )
    )


def readback_main() -> None:
    """Read a JSON string (the run's note prefix) on stdin; print the texts of every stored
    action update that starts with it (one entry per row) as a JSON list."""
    import sys

    import django

    django.setup()
    from governance.models import ActionUpdate

    prefix = json.load(sys.stdin)
    texts = list(
        ActionUpdate.objects.filter(text__startswith=prefix).values_list("text", flat=True)
    )
    print(json.dumps(texts))
