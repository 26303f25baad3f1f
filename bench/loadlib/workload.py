"""The workload mix: what each simulated user asks for next, the PDF slot, the personas."""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass

from bench.loadlib.config import PERSONAS


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
