"""The categories of the load test's report, its floors, personas, time-outs and goals."""

from __future__ import annotations

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

# Goals of issue 22 (they replace issue 8's "pages >= 0.33x the bare trivial view", which no
# page could meet: see docs/performance.md). In words: a main page costs at most three
# layouts, and the layout little more than knowing who asks.
GOAL_PAGES_VS_EMPTY_PAGE = 0.33  # pages' throughput / the empty page's
GOAL_EMPTY_PAGE_VS_SIGNED_IN = 0.7  # the empty page's throughput / the signed-in trivial view's
GOAL_PAGES_P95_MS = 150.0  # p95 of the main pages under the mixed load
