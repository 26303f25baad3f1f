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

# Goals of issue 8.
GOAL_THROUGHPUT_RATIO = 0.33
