"""What one client of the load test does: a timed request and its check, a progress note
through the real form, the mixed workload and the floors."""

from __future__ import annotations

import random
import time
from urllib.parse import urlsplit

from bench.loadlib.client import RequestFailed
from bench.loadlib.config import (
    EDITS,
    FLOOR,
    FLOOR_REQUESTS,
    NOTE_PREFIX,
    PAGES,
    PDF,
    PDF_TIMEOUT,
)
from bench.loadlib.forms import find_form
from bench.loadlib.stats import Sample


def page_ok(response, login_path: str = "/account/login/") -> tuple[bool, str]:
    if 200 <= response.status < 300:
        return True, ""
    if 300 <= response.status < 400:
        if urlsplit(response.location).path == login_path:
            return False, "doorgestuurd naar de inlogpagina (sessie kwijt)"
        return True, ""
    return False, f"status {response.status}"


def timed(recorder, category, name, call, check):
    """Run ``call``; record one sample. Returns the response or None."""
    started = time.perf_counter()
    try:
        response = call()
    except RequestFailed as exc:
        recorder.add(
            Sample(
                category,
                name,
                time.perf_counter() - started,
                time.monotonic(),
                False,
                error=str(exc),
            )
        )
        return None
    ok, error = check(response)
    rejected = category == PDF and response.status == 503
    recorder.add(
        Sample(
            category,
            name,
            response.seconds,
            time.monotonic(),
            ok and not rejected,
            response.status,
            rejected=rejected,
            error="" if ok else error,
            cached=response.headers.get("x-zv-cache") == "hit",
        )
    )
    return response


def pdf_ok(response):
    if response.status == 503:
        return False, "503 (PDF-poort vol)"
    if response.status != 200:
        return False, f"status {response.status}"
    if not response.body.startswith(b"%PDF-"):
        return False, "geen PDF"
    return True, ""


def do_edit(browser, recorder, url, note, notes, notes_lock):
    form_page = timed(recorder, EDITS, "voortgang (formulier)", lambda: browser.get(url), page_ok)
    if form_page is None or form_page.status != 200:
        return
    form = find_form(form_page.text, "text")
    if form is None:
        recorder.add(
            Sample(
                EDITS,
                "voortgang (formulier)",
                0,
                time.monotonic(),
                False,
                200,
                error="geen voortgangsformulier",
            )
        )
        return
    fields = dict(form["fields"], text=note)
    with notes_lock:
        notes[note] = False

    def saved(response):
        if response.status == 302 and urlsplit(response.location).path != url:
            return True, ""
        return False, f"status {response.status} (niet opgeslagen)"

    response = timed(
        recorder,
        EDITS,
        "voortgang (opslaan)",
        lambda: browser.post(form["action"] or url, fields),
        saved,
    )
    if response is not None and saved(response)[0]:
        with notes_lock:
            notes[note] = True


def mixed_client(index, persona, browser, workload, recorder, deadline, stop, run, seed):
    rng = random.Random(seed * 1000 + index)
    counter = 0
    while not stop.is_set() and time.monotonic() < deadline:
        task = workload.next_task(rng, persona, pdf_until=deadline - 5)
        if task.kind == "pdf":
            try:
                timed(
                    recorder,
                    PDF,
                    task.name,
                    lambda url=task.url: browser.get(url, timeout=PDF_TIMEOUT),
                    pdf_ok,
                )
            finally:
                workload.pdf_slot.release()
        elif task.kind == "edit":
            counter += 1
            note = f"{NOTE_PREFIX} {run['id']} #{index}-{counter}: voortgang (belastingtest)."
            do_edit(browser, recorder, task.url, note, run["notes"], run["lock"])
        else:
            timed(recorder, PAGES, task.name, lambda url=task.url: browser.get(url), page_ok)


def floor_client(browser, recorder, deadline, stop, category=FLOOR):
    """Ask for the floor ``category``'s page (FLOOR_REQUESTS) until the deadline."""
    path, body = FLOOR_REQUESTS[category]

    def ok(response):
        if response.status == 200 and (body is None or response.body == body):
            return True, ""
        return False, f"status {response.status}"

    while not stop.is_set() and time.monotonic() < deadline:
        timed(recorder, category, path, lambda: browser.get(path), ok)
